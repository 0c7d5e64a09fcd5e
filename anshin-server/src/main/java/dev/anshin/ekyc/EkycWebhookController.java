package dev.anshin.ekyc;

import dev.anshin.access.RefusedCredentials;
import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.audit.RefusalAudit;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.Problems;
import dev.anshin.problems.RetryLater;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The vendor's signed result. In this order, so that nothing unauthenticated is even parsed: the
 * signature over the raw bytes (401 {@code webhook-signature}, nothing stored), then the body, read
 * strictly (an unknown field, a wrong type or a missing field is named), then the event is stored
 * and judged at once (the policy is a few comparisons) and acknowledged.
 */
@Tag(name = "eKYC", description = "Online identity verification (犯罪収益移転防止法 施行規則 6条1項1号: ホ image + face, "
        + "ヘ IC chip + face, ワ JPKI): verifications started at the vendor, and the vendor's signed results")
@RestController
class EkycWebhookController {

    static final String PATH = "/api/v1/ekyc/results";
    private static final String PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    @Schema(name = "EkycDocumentChecks", description = "The vendor's checks of the identity document",
            requiredProperties = {"documentType", "documentExpired", "spoofRisk"})
    record DocumentChecksBody(@Schema(implementation = DocumentType.class) String documentType,
            @Schema(description = "The document's validity had ended on the day of the check") Boolean documentExpired,
            @Schema(description = "How likely the document is forged, altered, or a photo of a screen or a copy: 0 to 1",
                    minimum = "0", maximum = "1") Double spoofRisk,
            @Schema(description = "How surely the document's text was read, 0 to 1; absent when the data came from the "
                    + "IC chip", minimum = "0", maximum = "1") Double ocrConfidence) {
    }

    @Schema(name = "EkycResultBody", description = "One verification's result, as the vendor reports it",
            requiredProperties = {"eventId", "verificationId", "method", "documentChecks", "completedAt"})
    record ResultBody(
            @Schema(description = "The vendor's id of this delivery: a redelivery carries the same id and the same body",
                    maxLength = 128) String eventId,
            @Schema(description = "The vendor's verification id, as answered when it was started", maxLength = 128)
            String verificationId,
            @Schema(implementation = EkycMethod.class, description = "IMAGE_AND_FACE (ホ), IC_CHIP_AND_FACE (ヘ) or "
                    + "JPKI (ワ)") String method,
            @Schema(description = "Similarity of the live face and the document's photo, 0 to 1; required for the face "
                    + "methods, absent for JPKI", minimum = "0", maximum = "1") Double faceMatchScore,
            @Schema(description = "Confidence that a live person was in front of the camera, 0 to 1; required for the "
                    + "face methods, absent for JPKI", minimum = "0", maximum = "1") Double livenessScore,
            DocumentChecksBody documentChecks,
            @Schema(description = "When the vendor finished the check (ISO-8601 with an offset)", format = "date-time")
            OffsetDateTime completedAt,
            @Schema(implementation = VendorReview.class, description = "The vendor's own reviewer's final word, in "
                    + "a result sent after a manual review (a new eventId): CONFIRMED or REJECTED; absent otherwise. "
                    + "A verification in REVIEW takes only a result with it") String reviewOutcome) {
    }

    @Schema(name = "EkycResultReceipt", description = "The acknowledgement of a result")
    record Receipt(String eventId, String verificationId,
            @Schema(implementation = EkycStatus.class) String status,
            @Schema(description = "True when this event id was received before with the same body: nothing changed")
            boolean redelivered,
            @Schema(description = "When Anshin first received the event", format = "date-time") Instant receivedAt) {
    }

    private final EkycVerifications verifications;
    private final WebhookSecrets secrets;
    private final EkycProperties properties;
    private final RefusalAudit refusals;
    private final RefusedCredentials refusedCredentials;
    private final ObjectReader reader;
    private final Clock clock;

    EkycWebhookController(EkycVerifications verifications, WebhookSecrets secrets, EkycProperties properties,
            RefusalAudit refusals, RefusedCredentials refusedCredentials, JsonMapper json, Clock clock) {
        this.verifications = verifications;
        this.secrets = secrets;
        this.properties = properties;
        this.refusals = refusals;
        this.refusedCredentials = refusedCredentials;
        // The application's strict mapper (StrictJson), and stricter still: a field Anshin does not know is
        // refused rather than ignored, so a vendor's renamed field cannot pass as a missing one.
        this.reader = json.readerFor(ResultBody.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        this.clock = clock;
    }

    @Operation(summary = "Receive a vendor's eKYC result (signed webhook)", description = """
            The eKYC vendor posts each verification's result here. No API key: the call is authenticated by its \
            signature, in the header `Anshin-Signature: t=<unix seconds>,v1=<hex>`, where the hex is \
            HMAC-SHA256, keyed with the shared secret (its UTF-8 bytes), over the timestamp, a full stop and the \
            raw body exactly as sent (`<t>.<body>`). Several `v1=` may be given while a secret is rotated; \
            Anshin accepts every active secret of the provider that started the verification (another \
            provider's secret is refused like a wrong one). A missing or wrong signature, or a timestamp more than 5 minutes \
            old or more than 1 minute ahead, is refused with 401 (type webhook-signature) and nothing is read or \
            stored. Then the body is read strictly: an unknown field, a wrong type or a missing required field is \
            refused and named. The result is stored, judged at once by the eKYC policy and acknowledged (200). \
            The same eventId with the same body again is the same event: 200 with redelivered=true, no second \
            effect; the same eventId with another body is 409 (type conflict). A result for a verification that \
            has concluded already (another event) is 409 (type illegal-transition). A verification in REVIEW takes \
            the vendor's final result after its own reviewer looked at it: a new eventId with reviewOutcome \
            (CONFIRMED or REJECTED), which concludes it PASSED or FAILED; without reviewOutcome it is 409 \
            (type illegal-transition). An EXPIRED verification \
            still takes a result the vendor completed (completedAt) before it expired: a late delivery is judged \
            as any other; one completed after the expiry is 409. Shell example: docs/ekyc.md.""")
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "Received (or received before: redelivered=true)")
    @ApiResponse(responseCode = "401", description = "Missing, malformed or wrong signature, or a timestamp outside "
            + "the tolerance (type webhook-signature); nothing stored",
            content = @Content(mediaType = PROBLEM_JSON))
    @ApiResponse(responseCode = "429", description = "Too many refused signatures from this address (type "
            + "rate-limited; the API's limit of refused credentials per address): retry after Retry-After",
            content = @Content(mediaType = PROBLEM_JSON))
    @ApiResponse(responseCode = "400", description = "The body is not JSON, or not a JSON object (type "
            + "malformed-request), after a good signature", content = @Content(mediaType = PROBLEM_JSON))
    @ApiResponse(responseCode = "404", description = "The body names a verificationId Anshin never started (type "
            + "not-found, errors names verificationId)", content = @Content(mediaType = PROBLEM_JSON))
    @ApiResponse(responseCode = "415", description = "The body is not application/json (type unsupported-media-type)",
            content = @Content(mediaType = PROBLEM_JSON))
    @ApiResponse(responseCode = "409", description = "The eventId was received with another body (type conflict), "
            + "or the verification has concluded already (type illegal-transition)",
            content = @Content(mediaType = PROBLEM_JSON))
    @ApiResponse(responseCode = "422", description = "An unknown field, a wrong type, a missing or out-of-range field "
            + "(type validation, the field named in errors)",
            content = @Content(mediaType = PROBLEM_JSON))
    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Receipt> receive(
            @Parameter(in = ParameterIn.HEADER, name = WebhookSignature.HEADER, required = true,
                    description = "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\">",
                    example = "t=1796180400,v1=5f1c0e3b0c2f6a8e4d9b7a1c3e5f7a9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c")
            @RequestHeader(name = WebhookSignature.HEADER, required = false) String signature,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ResultBody.class)))
            @RequestBody(required = false) byte[] body,
            HttpServletRequest request) {
        byte[] raw = body == null ? new byte[0] : body;
        Instant now = clock.instant();
        // Against every active secret first: a forgery is refused before anything is parsed.
        WebhookSignature.Verdict verdict = verify(signature, raw, secrets.active(), now);
        if (verdict != WebhookSignature.Verdict.VALID) {
            refuseSignature(verdict, "signature " + verdict.name().toLowerCase(), request);
        }
        EkycVerifications.Delivery delivery = delivery(read(raw), sha256(raw));
        Optional<EkycVerification> verification = verifications.find(delivery.verificationId());
        // Signed, but by whom: only a secret of the verification's own provider may sign its result (not another
        // vendor's, nor the sandbox's). Refused as any wrong signature is, so nothing more is told.
        if (verification.isPresent() && verify(signature, raw, secrets.of(verification.get().provider()), now)
                != WebhookSignature.Verdict.VALID) {
            refuseSignature(WebhookSignature.Verdict.MISMATCH,
                    "signature not by a secret of " + verification.get().provider(), request);
        }
        String provider = verification.map(EkycVerification::provider).orElse("unknown");
        EkycVerifications.Receipt receipt = verifications.receive(delivery, provider, request.getRemoteAddr());
        return ResponseEntity.ok(new Receipt(receipt.eventId(), receipt.verificationId(), receipt.status().name(),
                receipt.redelivered(), receipt.receivedAt()));
    }

    private WebhookSignature.Verdict verify(String signature, byte[] raw, List<byte[]> keys, Instant now) {
        return WebhookSignature.verify(signature, raw, keys, now, properties.webhook().tolerance(),
                properties.webhook().futureTolerance());
    }

    private void refuseSignature(WebhookSignature.Verdict verdict, String why, HttpServletRequest request) {
        String address = AuditEvent.fit(request.getRemoteAddr(), AuditEvent.MAX_ORIGIN);
        // As the API's door does for wrong keys: past the address's limit of refusals, 429 instead of 401.
        long wait = refusedCredentials.refused(request.getRemoteAddr());
        if (wait > 0) {
            Duration retryAfter = Duration.ofNanos(wait);
            refusals.refused(new AuditEvent("(unsigned)", "api.rate-limited", PATH, null, AuditOutcome.DENIED, address,
                    "over the limit of refused signatures from this address"));
            throw new RetryLater(ProblemType.RATE_LIMITED, "Too many requests (over the limit of refused signatures "
                    + "from this address). Retry after " + RetryLater.seconds(retryAfter) + " s.", retryAfter);
        }
        refusals.refused(new AuditEvent("(unsigned)", "ekyc.webhook", PATH, null, AuditOutcome.DENIED, address, why));
        throw new SignatureRefused(verdict);
    }

    private ResultBody read(byte[] raw) {
        try {
            ResultBody body = reader.readValue(raw);
            if (body == null) {
                throw new BodyRefused(ProblemType.MALFORMED_REQUEST, "The request body is not a JSON object.", List.of());
            }
            return body;
        } catch (UnrecognizedPropertyException e) {
            throw invalid(path(e), "is not a known field");
        } catch (InvalidNullException e) {
            throw invalid(path(e), "must not be null");
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) {
                throw new BodyRefused(ProblemType.MALFORMED_REQUEST, "The request body is not the JSON object expected.",
                        List.of());
            }
            throw invalid(path(e), "has the wrong type, format or range");
        } catch (StreamReadException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate Object property")) {
                String parent = path(e);
                String name = e.processor() == null ? "?" : e.processor().currentName();
                throw invalid(parent.isEmpty() ? name : parent + "." + name, "is given more than once");
            }
            throw new BodyRefused(ProblemType.MALFORMED_REQUEST, "The request body is not valid JSON.", List.of());
        } catch (JacksonException e) {
            throw new BodyRefused(ProblemType.MALFORMED_REQUEST, "The request body could not be read.", List.of());
        }
    }

    /** Every required field present and in range, or every problem named at once. */
    private EkycVerifications.Delivery delivery(ResultBody body, String bodySha256) {
        List<FieldProblem> problems = new ArrayList<>();
        token(problems, "eventId", body.eventId());
        token(problems, "verificationId", body.verificationId());
        EkycMethod method = choice(problems, "method", body.method(), EkycMethod.class);
        unit(problems, "faceMatchScore", body.faceMatchScore(), false);
        unit(problems, "livenessScore", body.livenessScore(), false);
        DocumentChecksBody document = body.documentChecks();
        DocumentType type = null;
        if (document == null) {
            problems.add(new FieldProblem("documentChecks", "is required"));
        } else {
            type = choice(problems, "documentChecks.documentType", document.documentType(), DocumentType.class);
            if (document.documentExpired() == null) {
                problems.add(new FieldProblem("documentChecks.documentExpired", "is required"));
            }
            unit(problems, "documentChecks.spoofRisk", document.spoofRisk(), true);
            unit(problems, "documentChecks.ocrConfidence", document.ocrConfidence(), false);
        }
        VendorReview review = body.reviewOutcome() == null ? null
                : choice(problems, "reviewOutcome", body.reviewOutcome(), VendorReview.class);
        Instant completedAt = body.completedAt() == null ? null : body.completedAt().toInstant();
        if (completedAt == null) {
            problems.add(new FieldProblem("completedAt", "is required"));
        } else if (completedAt.isAfter(clock.instant().plus(properties.webhook().futureTolerance()))) {
            problems.add(new FieldProblem("completedAt", "is in the future"));
        }
        if (!problems.isEmpty()) {
            throw new BodyRefused(ProblemType.VALIDATION, "The request has invalid fields.", problems);
        }
        EkycResult result = new EkycResult(method, body.faceMatchScore(), body.livenessScore(),
                new EkycResult.DocumentChecks(type, document.documentExpired(), document.spoofRisk(),
                        document.ocrConfidence()), completedAt);
        return new EkycVerifications.Delivery(body.eventId(), body.verificationId(), result, review, bodySha256);
    }

    private static void token(List<FieldProblem> problems, String field, String value) {
        if (value == null) {
            problems.add(new FieldProblem(field, "is required"));
        } else if (!EkycVerifications.TOKEN.matcher(value).matches()) {
            problems.add(new FieldProblem(field, "must be 1 to 128 letters, digits or ._:-"));
        }
    }

    private static <E extends Enum<E>> E choice(List<FieldProblem> problems, String field, String value, Class<E> type) {
        if (value == null) {
            problems.add(new FieldProblem(field, "is required"));
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        problems.add(new FieldProblem(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants())));
        return null;
    }

    private static void unit(List<FieldProblem> problems, String field, Double value, boolean required) {
        if (value == null) {
            if (required) {
                problems.add(new FieldProblem(field, "is required"));
            }
        } else if (!(value >= 0 && value <= 1)) {
            problems.add(new FieldProblem(field, "must be between 0 and 1"));
        }
    }

    private static BodyRefused invalid(String field, String message) {
        return new BodyRefused(ProblemType.VALIDATION, "The request has invalid fields.",
                List.of(new FieldProblem(field, message)));
    }

    /** The JSON path of the offending value; names Anshin does not know are not echoed back at any length. */
    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                String name = reference.getPropertyName();
                path.append(name.length() <= 64 && name.matches("[A-Za-z0-9_.-]+") ? name : "(redacted)");
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signature check's refusal. */
    static final class SignatureRefused extends RuntimeException {
        final WebhookSignature.Verdict verdict;

        SignatureRefused(WebhookSignature.Verdict verdict) {
            super(verdict.name(), null, false, false);
            this.verdict = verdict;
        }
    }

    /** A body that cannot be taken in. */
    static final class BodyRefused extends RuntimeException {
        final ProblemType type;
        final List<FieldProblem> errors;

        BodyRefused(ProblemType type, String detail, List<FieldProblem> errors) {
            super(detail, null, false, false);
            this.type = type;
            this.errors = List.copyOf(errors);
        }
    }

    @ExceptionHandler(SignatureRefused.class)
    ResponseEntity<ProblemDetail> signatureRefused(SignatureRefused refused) {
        String detail = switch (refused.verdict) {
            case MISSING -> "Send the Anshin-Signature header (t=<unix seconds>,v1=<hex HMAC-SHA256>).";
            case MALFORMED -> "The Anshin-Signature header is not t=<unix seconds>,v1=<64 hex digits>.";
            case STALE -> "The signature's timestamp is more than the tolerance old: sign again with the current time.";
            case FUTURE -> "The signature's timestamp is ahead of Anshin's clock by more than the tolerance.";
            case MISMATCH, VALID -> "No active secret gives this signature for this timestamp and body.";
        };
        return problem(Problems.of(ProblemType.WEBHOOK_SIGNATURE, detail, List.of()));
    }

    @ExceptionHandler(BodyRefused.class)
    ResponseEntity<ProblemDetail> bodyRefused(BodyRefused refused) {
        return problem(Problems.of(refused.type, refused.getMessage(), refused.errors));
    }

    static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
