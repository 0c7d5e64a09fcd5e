package dev.anshin.ekyc;

import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

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

    private final EkycVerifications verifications;

    EkycApiController(EkycVerifications verifications) {
        this.verifications = verifications;
    }

    @Operation(tags = "eKYC", summary = "Start a verification", description = "Starts an identity verification at the "
            + "configured eKYC vendor (the sandbox in the demo) and answers where the applicant continues. The "
            + "vendor reports the result by the signed webhook POST /api/v1/ekyc/results. Role: ADMIN.")
    @ApiResponse(responseCode = "201", description = "Started; Location is the verification")
    @PostMapping("/api/v1/ekyc/verifications")
    ResponseEntity<StartedView> start(@RequestBody StartBody body) {
        if (body == null) {
            throw EkycRefused.invalid("subjectReference", "is required");
        }
        URI returnUrl;
        try {
            returnUrl = body.returnUrl() == null ? null : new URI(body.returnUrl());
        } catch (URISyntaxException e) {
            throw EkycRefused.invalid("returnUrl", "is not a URL");
        }
        if (body.language() != null && !List.of("ja", "en").contains(body.language())) {
            throw EkycRefused.invalid("language", "must be ja or en");
        }
        EkycVerifications.Started started = verifications.start(body.subjectReference(), returnUrl,
                Locale.forLanguageTag(body.language() == null ? "ja" : body.language()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HttpHeaders.LOCATION, "/api/v1/ekyc/verifications/" + started.verificationId())
                .body(new StartedView(started.verificationId(), started.continueUrl().toString()));
    }

    @Operation(tags = "eKYC", summary = "Read a verification", description = "Where the verification stands: status, "
            + "outcome, the policy's reason codes and what the vendor reported (method, scores, document checks; "
            + "never an image or a document number). Role: ANALYST or ADMIN.")
    @GetMapping("/api/v1/ekyc/verifications/{id}")
    EkycVerification read(@PathVariable String id) {
        return verifications.find(id).orElseThrow(() -> new EkycRefused(EkycRefused.Reason.UNKNOWN_VERIFICATION, null,
                "No verification has this id."));
    }

    @ExceptionHandler(EkycRefused.class)
    ResponseEntity<ProblemDetail> refused(EkycRefused refused) {
        if (refused.reason() == EkycRefused.Reason.UNKNOWN_VERIFICATION) {
            return EkycWebhookController.problem(Problems.of(ProblemType.NOT_FOUND, refused.getMessage(), List.of()));
        }
        return EkycWebhookController.problem(Problems.of(ProblemType.VALIDATION, "The request has invalid fields.",
                List.of(new FieldProblem(refused.field(), refused.getMessage()))));
    }

    @ExceptionHandler(EkycUnavailable.class)
    ResponseEntity<ProblemDetail> unavailable(EkycUnavailable unavailable) {
        return EkycWebhookController.problem(Problems.of(ProblemType.UNAVAILABLE, unavailable.getMessage(), List.of()));
    }
}
