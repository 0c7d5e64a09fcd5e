package dev.anshin.onboarding;

import dev.anshin.access.ApiClient;
import dev.anshin.problems.Ids;
import dev.anshin.problems.RequestProblem;
import dev.anshin.problems.StrictBody;
import dev.anshin.screening.PaymentCapacity;
import dev.anshin.screening.ScreeningDecision;
import dev.anshin.screening.Screenings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The partner channel: a partner's system sends a whole application for its customer
 * ({@code POST /api/v1/applications}, role APPLICATION_INTAKE, idempotent on the partner's own
 * {@code applicationId}) and reads where its own applications stand. Never a card number or code:
 * on approval the answer carries a one-time link where the applicant sets up the portal account and
 * sees the card.
 */
@RestController
@Tag(name = "Applications", description = "Online card applications from partner channels (issue 15): the same "
        + "application as the /apply form, through eKYC (the vendor's page at continueUrl) and the screening "
        + "(割賦販売法 支払可能見込額, 貸金業法 総量規制) to a decision. Role: APPLICATION_INTAKE.")
class ApplicationApiController {

    @Schema(name = "ApplicationBody", requiredProperties = {"applicationId", "applicant", "requestedLimits",
            "consentToScreening"})
    record ApplicationBody(
            @Schema(description = "Your own id for the application: letters, digits and ._:-, up to 64. Sending the "
                    + "same body again answers the same application; another body under it is refused (409)",
                    maxLength = 64) String applicationId,
            @Schema(description = "The applicant's language: ja (default) or en", allowableValues = {"ja", "en"})
            String language,
            Applicant applicant,
            RequestedLimits requestedLimits,
            @Schema(description = "The applicant agreed to the screening and the credit bureau inquiry; must be true")
            Boolean consentToScreening,
            @Schema(description = "Optional: the device collector's observation reference, when your page runs "
                    + "Anshin's /device/collector.js (same origin only)") String deviceObservation) {
    }

    @Schema(name = "Applicant", requiredProperties = {"nameKanji", "nameKana", "dateOfBirth", "address", "phone",
            "email", "employer", "annualIncome", "householdSize", "housing", "annualCreditRepayments"})
    record Applicant(@Schema(maxLength = 100) String nameKanji,
            @Schema(description = "Full-width katakana", maxLength = 100) String nameKana,
            @Schema(description = "yyyy-MM-dd; the applicant must be 18 or older", format = "date") String dateOfBirth,
            @Schema(maxLength = 300) String address,
            @Schema(description = "10 to 15 digits, optionally with +, spaces or hyphens") String phone,
            @Schema(maxLength = 254) String email,
            @Schema(maxLength = 200) String employer,
            @Schema(description = "Yen per year, not negative") Long annualIncome,
            @Schema(description = "People in the household, 1 to " + PaymentCapacity.MAX_HOUSEHOLD) Integer householdSize,
            @Schema(allowableValues = {"RENTED", "OWNED_WITH_MORTGAGE", "COMPANY_HOUSING", "OWNED", "FAMILY_HOME",
                    "OTHER"}) String housing,
            @Schema(description = "Other credit repayments, yen per year, not negative") Long annualCreditRepayments) {
    }

    @Schema(name = "RequestedLimits", requiredProperties = {"revolving"})
    record RequestedLimits(
            @Schema(description = "Shopping (revolving/instalment) limit asked for, yen: at least the issuer's minimum "
                    + "(100,000 by default), in steps of 10,000") Long revolving,
            @Schema(description = "Cash-advance limit asked for, yen, in steps of 10,000 (0 or absent: none)")
            Long cashAdvance) {
    }

    @Schema(name = "ApplicationReason", requiredProperties = {"code", "text"})
    record ReasonView(@Schema(description = "Stable code") String code,
            @Schema(description = "In plain words for the applicant, in the application's language") String text) {
    }

    @Schema(name = "Application", requiredProperties = {"applicationId", "status", "reasons"})
    record ApplicationView(@Schema(description = "Your id for the application") String applicationId,
            @Schema(description = "DRAFT, SUBMITTED, IDENTITY_PENDING, SCREENING, REFERRED, APPROVED, ISSUED, DECLINED, "
                    + "ABANDONED or ERRORED (a technical error Anshin retries)") ApplicationStatus status,
            @Schema(description = "APPROVE, REFER or DECLINE once decided; null before") ApplicationOutcome outcome,
            @Schema(description = "Why, in plain words (empty before the decision)") List<ReasonView> reasons,
            @Schema(description = "While IDENTITY_PENDING: where the applicant verifies their identity at the eKYC "
                    + "vendor") String continueUrl,
            @Schema(description = "Once ISSUED and until the card was shown: the applicant's link to set up the "
                    + "portal account and see the new card (never the card's number in this API). Single-use and "
                    + "expiring (the same link while it is live, a new one after it expired; none once a link was "
                    + "used: the applicant's browser is attached); it opens the application only to "
                    + "someone who answers the applicant's date of birth and the last four digits of their phone. "
                    + "Pass it to the applicant only")
            String setupUrl) {
    }

    private final Applications applications;
    private final Screenings screenings;
    private final MessageSource messages;
    private final JsonMapper json;
    private final OnboardingProperties properties;
    private final StrictBody<ApplicationBody> bodies;

    ApplicationApiController(Applications applications, Screenings screenings, MessageSource messages, JsonMapper json,
            OnboardingProperties properties) {
        this.applications = applications;
        this.screenings = screenings;
        this.messages = messages;
        this.json = json;
        this.properties = properties;
        this.bodies = StrictBody.of(json, ApplicationBody.class, "an application");
    }

    @Operation(tags = "Applications", summary = "Submit an application", description = "Takes a whole application "
            + "from a partner channel: the applicant's details go to the personal-data vault, the limits asked for are "
            + "checked, an eKYC verification is started and its continueUrl answered; the decision follows the "
            + "verification (read it with GET). Idempotent on applicationId: the same body again answers the same "
            + "application. Role: APPLICATION_INTAKE.")
    @ApiResponse(responseCode = "201", description = "Taken; Location is the application")
    @ApiResponse(responseCode = "403", description = "This key's role is not APPLICATION_INTAKE (type forbidden)")
    @ApiResponse(responseCode = "409", description = "This applicationId was sent before with another body (type "
            + "conflict)")
    @ApiResponse(responseCode = "422", description = "A missing or impossible field: a negative income, a household of "
            + "0, a birth date in the future, an applicant under 18, a limit below the minimum, no consent (type "
            + "validation, each field named in errors)")
    @ApiResponse(responseCode = "503", description = "The eKYC vendor cannot be reached (type unavailable); send the same "
            + "body again later")
    @PostMapping(value = "/api/v1/applications", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApplicationView> submit(@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = ApplicationBody.class))) @RequestBody byte[] raw,
            Authentication client, HttpServletRequest request) {
        ApplicationBody body = bodies.read(raw, request);
        if (body == null) {
            throw RequestProblem.invalid("applicationId", "is required");
        }
        String reference = body.applicationId();
        if (reference == null || reference.isBlank() || reference.length() > 64 || !Ids.isToken(reference)) {
            throw RequestProblem.invalid("applicationId", "1 to 64 letters, digits, '.', '_', ':' or '-'");
        }
        if (body.language() != null && !List.of("ja", "en").contains(body.language())) {
            throw RequestProblem.invalid("language", "must be ja or en");
        }
        if (body.applicant() == null) {
            throw RequestProblem.invalid("applicant", "is required");
        }
        if (body.requestedLimits() == null) {
            throw RequestProblem.invalid("requestedLimits", "is required");
        }
        Applicant a = body.applicant();
        Map<ApplicationStep, Map<String, String>> steps = new EnumMap<>(ApplicationStep.class);
        Map<String, String> about = new HashMap<>();
        put(about, "nameKanji", a.nameKanji());
        put(about, "nameKana", a.nameKana());
        put(about, "dateOfBirth", a.dateOfBirth());
        put(about, "address", a.address());
        put(about, "phone", a.phone());
        put(about, "email", a.email());
        steps.put(ApplicationStep.ABOUT_YOU, about);
        Map<String, String> money = new HashMap<>();
        put(money, "employer", a.employer());
        put(money, "annualIncome", a.annualIncome());
        put(money, "householdSize", a.householdSize());
        put(money, "housing", a.housing());
        put(money, "annualCreditRepayments", a.annualCreditRepayments());
        steps.put(ApplicationStep.WORK_AND_MONEY, money);
        Map<String, String> limits = new HashMap<>();
        put(limits, "requestedRevolving", body.requestedLimits().revolving());
        put(limits, "requestedCashAdvance", body.requestedLimits().cashAdvance());
        put(limits, "consent", body.consentToScreening());
        steps.put(ApplicationStep.LIMITS_AND_CONSENT, limits);
        String digest = Applications.digest(json.writeValueAsString(body));
        Application application;
        try {
            application = applications.submitFromPartner(partner(client), reference,
                    body.language() == null ? "ja" : body.language(), steps, body.deviceObservation(), digest,
                    request.getRemoteAddr());
        } catch (ApplicationInputRefused refused) {
            throw new ApplicationInputRefused(refused.fieldErrors().stream()
                    .map(e -> new FieldError(partnerField(e.field()), e.code(), e.yen())).toList());
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HttpHeaders.LOCATION, "/api/v1/applications/" + reference)
                .body(view(application));
    }

    @Operation(tags = "Applications", summary = "Read an application", description = "Where one of this client's "
            + "applications stands: status, the outcome and its reasons in plain words, the eKYC continueUrl while the "
            + "identity check is pending, and once issued the applicant's one-time setupUrl. Only the client that "
            + "submitted an application reads it. Role: APPLICATION_INTAKE.")
    @ApiResponse(responseCode = "200", description = "The application")
    @ApiResponse(responseCode = "403", description = "This key's role is not APPLICATION_INTAKE (type forbidden)")
    @ApiResponse(responseCode = "404", description = "This client sent no application with this id (type not-found)")
    @GetMapping("/api/v1/applications/{applicationId}")
    ApplicationView read(@PathVariable String applicationId, Authentication client) {
        return applications.ofPartner(partner(client), applicationId).map(this::view)
                .orElseThrow(() -> RequestProblem.notFound("No application of this client has this id."));
    }

    /**
     * The partner an API key belongs to: the client's name, so that its applications stay its own when the
     * key is rotated (a new key id under the same name).
     */
    private static String partner(Authentication client) {
        return client.getPrincipal() instanceof ApiClient apiClient ? "api:" + apiClient.name() : client.getName();
    }

    private ApplicationView view(Application application) {
        Locale locale = Locale.forLanguageTag(application.language());
        // The same the applicant's page tells, by outcome (no limit note on a referral: no limit was granted).
        Optional<ScreeningDecision> screening = application.decision() == null
                || application.decision().screeningId() == null ? Optional.empty()
                        : screenings.find(application.decision().screeningId());
        List<ReasonView> reasons = ApplicantReasons.of(application, screening, messages, locale).stream()
                .map(reason -> new ReasonView(reason.code(), reason.text())).toList();
        String continueUrl = application.status() == ApplicationStatus.IDENTITY_PENDING
                ? absolute(application.identity().continueUrl()) : null;
        // Single-use and expiring; it opens the application only to someone who answers the applicant's check.
        String setupUrl = applications.setupLink(application).map(link -> absolute("/apply/resume/" + link.token()))
                .orElse(null);
        return new ApplicationView(application.partner().reference(), application.status(),
                application.decision() == null ? null : application.decision().outcome(), reasons, continueUrl, setupUrl);
    }

    private String absolute(String path) {
        return path == null || path.startsWith("http") ? path : properties.baseUrl() + path;
    }

    private static String partnerField(String field) {
        return switch (field) {
            case "requestedRevolving" -> "requestedLimits.revolving";
            case "requestedCashAdvance" -> "requestedLimits.cashAdvance";
            case "consent" -> "consentToScreening";
            default -> "applicant." + field;
        };
    }

    private static void put(Map<String, String> values, String field, Object value) {
        if (value != null) {
            values.put(field, value.toString());
        }
    }
}
