package dev.anshin.ekyc;

import dev.anshin.problems.FreeText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifications for integrators and operators: start one at the configured vendor and read where it
 * stands (the application flow calls {@link EkycVerifications} directly). Roles: the API's defaults
 * (starting: ADMIN; reading: ANALYST or ADMIN).
 */
@RestController
class EkycApiController {

    @Schema(name = "EkycStartBody", requiredProperties = {"subjectReference", "returnUrl"})
    record StartBody(
            @Schema(description = "Your opaque reference for the person being verified (an application id): letters, "
                    + "digits and ._:-, up to 128; never personal data", maxLength = 128) String subjectReference,
            @Schema(description = "Where the vendor sends the applicant back: a path on Anshin (starting with a single /); "
                    + "other sites are refused",
                    maxLength = 512) String returnUrl,
            @Schema(description = "The applicant's language: ja (default) or en", allowableValues = {"ja", "en"})
            String language) {
    }

    @Schema(name = "EkycStarted")
    record StartedView(@Schema(description = "The verification's id (the vendor's), which its result names")
            String verificationId,
            @Schema(description = "Where the applicant continues at the vendor") String continueUrl) {
    }

    /**
     * A verification as the API shows it: what the caller may know, not how Anshin keeps it (no optimistic-locking
     * version, no returnUrl, which is the applicant's way back and only the vendor's business).
     */
    @Schema(name = "EkycVerification", requiredProperties = {"id", "subjectReference", "provider", "status", "reasons",
            "language", "startedAt"})
    record VerificationView(@Schema(description = "The verification's id (the vendor's)") String id,
            @Schema(description = "Your opaque reference, as given when it was started") String subjectReference,
            @Schema(description = "The vendor that checks it (sandbox in the demo)") String provider,
            EkycStatus status,
            @Schema(description = "Null until concluded") EkycOutcome outcome,
            @Schema(description = "The policy's (or staff's) reason codes; empty until concluded") List<EkycReason> reasons,
            @Schema(description = "What the vendor reported; null until a result came") EkycResult result,
            @Schema(description = "The applicant's language: ja or en") String language,
            @Schema(format = "date-time") Instant startedAt,
            @Schema(format = "date-time", description = "Null until a result came") Instant resultReceivedAt,
            @Schema(format = "date-time", description = "Null until concluded") Instant concludedAt) {

        static VerificationView of(EkycVerification v) {
            return new VerificationView(v.id(), v.subjectReference(), v.provider(), v.status(), v.outcome(),
                    v.reasons(), v.result(), v.language(), v.startedAt(), v.resultReceivedAt(), v.concludedAt());
        }
    }

    private final EkycVerifications verifications;
    private final ObjectReader reader;

    EkycApiController(EkycVerifications verifications, JsonMapper json) {
        this.verifications = verifications;
        // The application's strict mapper (StrictJson), and stricter still, as the partner's applications and the
        // vendor's webhook: a field Anshin does not know is refused, so a misspelt "langauge" is not Japanese by
        // default, and nothing may follow the object.
        this.reader = json.readerFor(StartBody.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Operation(tags = "eKYC", summary = "Start a verification", description = "Starts an identity verification at the "
            + "configured eKYC vendor (the sandbox in the demo) and answers where the applicant continues. The "
            + "vendor reports the result by the signed webhook POST /api/v1/ekyc/results. Role: ADMIN.")
    @ApiResponse(responseCode = "201", description = "Started; Location is the verification")
    @ApiResponse(responseCode = "403", description = "This key's role is not ADMIN (type forbidden)")
    @ApiResponse(responseCode = "400", description = "The body is not JSON, or not a JSON object (type "
            + "malformed-request)")
    @ApiResponse(responseCode = "422", description = "A missing or invalid subjectReference, a returnUrl that is not a "
            + "path on Anshin, a language other than ja or en, a field the body does not have (a typo such as "
            + "langauge), a wrong JSON type or a key given twice (type validation, the field named in errors)")
    @ApiResponse(responseCode = "503", description = "No eKYC provider is configured (anshin.ekyc.provider=none), the "
            + "vendor cannot be reached or answered unusably, or the database is down (type unavailable)")
    @PostMapping(path = "/api/v1/ekyc/verifications", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StartedView> start(@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = StartBody.class))) @RequestBody(required = false) byte[] raw,
            HttpServletRequest request) {
        StartBody body = read(raw, request);
        if (body == null) {
            throw EkycRefused.invalidField("subjectReference", "is required");
        }
        URI returnUrl;
        try {
            returnUrl = body.returnUrl() == null ? null : new URI(body.returnUrl());
        } catch (URISyntaxException e) {
            throw EkycRefused.invalidField("returnUrl", "is not a URL");
        }
        if (body.language() != null && !List.of("ja", "en").contains(body.language())) {
            throw EkycRefused.invalidField("language", "must be ja or en");
        }
        EkycVerifications.Started started = verifications.start(body.subjectReference(), returnUrl,
                Locale.forLanguageTag(body.language() == null ? "ja" : body.language()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HttpHeaders.LOCATION, "/api/v1/ekyc/verifications/" + started.verificationId())
                .body(new StartedView(started.verificationId(), started.continueUrl().toString()));
    }

    /** Reads the body strictly: no field the schema does not have, nothing after the object. */
    private StartBody read(byte[] raw, HttpServletRequest request) {
        if (raw == null || raw.length == 0) {
            return null;
        }
        try {
            return reader.readValue(raw);
        } catch (UnrecognizedPropertyException unknown) {
            String name = unknown.getPropertyName();
            // A name the client made up is echoed only as far as it is safe to.
            boolean safe = name != null && name.length() <= 64 && FreeText.characterProblem(name).isEmpty()
                    && !FreeText.containsCardNumber(name);
            throw EkycRefused.invalidField(safe ? name : "(redacted)", "is not a field of a verification request");
        } catch (JacksonException unreadable) {
            // The application's problem mapping: 422 naming the field for a wrong type, 400 for broken JSON or a
            // body that is not an object.
            throw new HttpMessageNotReadableException("The verification request could not be read.", unreadable,
                    new ServletServerHttpRequest(request));
        }
    }

    @Operation(tags = "eKYC", summary = "Read a verification", description = "Where the verification stands: status, "
            + "outcome, the policy's reason codes and what the vendor reported (method, scores, document checks; "
            + "never an image or a document number). Role: ANALYST or ADMIN.")
    @ApiResponse(responseCode = "200", description = "The verification")
    @ApiResponse(responseCode = "403", description = "This key's role is neither ANALYST nor ADMIN (type forbidden)")
    @ApiResponse(responseCode = "404", description = "No verification has this id (type not-found)")
    @GetMapping("/api/v1/ekyc/verifications/{id}")
    VerificationView read(@PathVariable String id) {
        return verifications.find(id).map(VerificationView::of).orElseThrow(() -> new EkycRefused(
                EkycRefused.Reason.UNKNOWN_VERIFICATION, null, "No verification has this id."));
    }
}
