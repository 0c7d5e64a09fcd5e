package dev.anshin.privacy;

import dev.anshin.problems.RequestProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customers' personal data over the API, always through {@link PersonalData}: every read names its
 * purpose and fields. Request bodies redact their values in {@code toString}, because Spring logs
 * bodies at DEBUG.
 */
@Tag(name = "Customers", description = "Customers' personal data, encrypted per customer: registered, read for a "
        + "stated purpose and fields, corrected, consent recorded, erased. Every use names its purpose, is checked "
        + "against the roles that purpose allows (GET /api/v1/privacy/purposes) and is in the audit trail")
@RestController
@RequestMapping("/api/v1/customers")
class CustomerController {

    private final PersonalData personalData;

    CustomerController(PersonalData personalData) {
        this.personalData = personalData;
    }

    @Schema(requiredProperties = {"customerNumber", "values"})
    record NewCustomer(String customerNumber,
            @Schema(description = "Personal data by field name (GET /api/v1/privacy/catalog)")
            Map<String, String> values) {
        @Override
        public String toString() {
            return "NewCustomer[<redacted>]";
        }
    }

    @Schema(requiredProperties = {"purpose", "values"})
    record Correction(@Schema(allowableValues = {"SERVICE_OPERATION", "DATA_SUBJECT_REQUEST"}) String purpose,
            Map<String, String> values) {
        @Override
        public String toString() {
            return "Correction[purpose=" + purpose + ", values=<redacted>]";
        }
    }

    @Schema(requiredProperties = {"purpose", "granted", "channel", "noticeVersion"})
    record ConsentChoice(@Schema(description = "The idempotency key of the choice") String requestId,
            @Schema(implementation = Purpose.class) String purpose, String product,
            @Schema(description = "The recipient's id: for THIRD_PARTY_PROVISION, and only for it") String recipient,
            Boolean granted, @Schema(implementation = ConsentChannel.class) String channel,
            @Schema(description = "The version of the notice the person was shown") String noticeVersion) {
    }

    @Schema(requiredProperties = "reason")
    record ErasureRequest(@Schema(implementation = ErasureReason.class) String reason, String reference) {
    }

    record Created(String customerId) {
    }

    record PersonalValues(String customerId, String purpose, Map<PersonalField, String> values) {
        @Override
        public String toString() {
            return "PersonalValues[customerId=" + customerId + ", purpose=" + purpose + ", values=<redacted>]";
        }
    }

    @Operation(summary = "Register a customer", description = """
            Registers a customer with their personal data (field name to value, see GET \
            /api/v1/privacy/catalog), for operating their card, and answers the customer's opaque id. Idempotent \
            on the issuer's customer number: the same values again answer the customer (200); other values are \
            refused (409, naming the fields): change them by correction. Role: CUSTOMER_SERVICE.""")
    @ApiResponse(responseCode = "201", description = "The new customer's id; Location is the customer")
    @ApiResponse(responseCode = "200", description = "Registered before with these values: the customer's id")
    @ApiResponse(responseCode = "409", description = "Registered under this customer number with other values "
            + "(type conflict)")
    @PostMapping
    ResponseEntity<Created> register(@RequestBody NewCustomer body, Authentication auth, HttpServletRequest request) {
        if (body == null) {
            throw RequestProblem.invalid("customerNumber", "required");
        }
        if (body.customerNumber() == null || body.customerNumber().isBlank()) {
            throw RequestProblem.invalid("customerNumber", "required");
        }
        PersonalData.Registration registration = personalData.register(Requests.actor(auth, request),
                body.customerNumber(), Requests.values(body.values()));
        Created created = new Created(registration.customerId());
        return registration.created()
                ? ResponseEntity.created(URI.create("/api/v1/customers/" + registration.customerId())).body(created)
                : ResponseEntity.ok(created);
    }

    @Operation(summary = "Read personal data", description = """
            The values of the fields named in fields (comma-separated, at least one), for the purpose named in \
            purpose (product: for a product-specific consent); a purpose the role may not use, a field it does \
            not allow, or a person who opted out of it, is refused (403). The read is in the audit trail. \
            Role: the purpose's (ANALYST, CUSTOMER_SERVICE or PRIVACY_OFFICER).""")
    @ApiResponse(responseCode = "200", description = "The values asked for")
    @ApiResponse(responseCode = "403", description = "Not for this role or purpose (type forbidden or "
            + "purpose-not-allowed), or the person opted out of the purpose (type consent-withdrawn)")
    @ApiResponse(responseCode = "410", description = "The person's data was erased (type erased)")
    @GetMapping("/{id}/personal-data")
    PersonalValues read(@PathVariable String id, @RequestParam(required = false) String purpose,
            @RequestParam(required = false) String fields, @RequestParam(required = false) String product,
            Authentication auth, HttpServletRequest request) {
        Purpose why = Requests.purpose(purpose, "purpose");
        Map<PersonalField, String> values = personalData.read(Requests.actor(auth, request), why,
                Requests.optionalText(product, "product", 64), id, Requests.fields(fields));
        return new PersonalValues(id, why.name(), values);
    }

    @Operation(summary = "Correct personal data", description = "Writes new values of the fields given, for "
            + "SERVICE_OPERATION or DATA_SUBJECT_REQUEST (the customer number is not corrected). Role: the purpose's "
            + "(CUSTOMER_SERVICE or PRIVACY_OFFICER).")
    @ApiResponse(responseCode = "204", description = "Corrected")
    @ApiResponse(responseCode = "403", description = "Not for this role or purpose (type forbidden or "
            + "purpose-not-allowed)")
    @ApiResponse(responseCode = "410", description = "The person's data was erased (type erased)")
    @PatchMapping("/{id}/personal-data")
    ResponseEntity<Void> correct(@PathVariable String id, @RequestBody Correction body, Authentication auth,
            HttpServletRequest request) {
        if (body == null) {
            throw RequestProblem.invalid("purpose", "required");
        }
        personalData.correct(Requests.actor(auth, request), Requests.purpose(body.purpose(), "purpose"), id,
                Requests.values(body.values()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Read what is held", description = "Which fields are held about the customer and which "
            + "purposes are in force for them, without reading a value. Role: CUSTOMER_SERVICE or PRIVACY_OFFICER.")
    @ApiResponse(responseCode = "200", description = "What is held, and the purposes in force")
    @ApiResponse(responseCode = "410", description = "The person's data was erased (type erased)")
    @GetMapping("/{id}/holdings")
    PersonalData.Holdings holdings(@PathVariable String id, Authentication auth, HttpServletRequest request) {
        return personalData.holdings(Requests.actor(auth, request), id);
    }

    @Operation(summary = "Record a consent choice", description = """
            Appends the person's choice (granted or withdrawn) for an optional purpose to the consent ledger; \
            consent to THIRD_PARTY_PROVISION is per registered recipient. Idempotent on requestId: the same \
            choice again answers the recorded one; another choice under the same requestId is refused (409). \
            Role: CUSTOMER_SERVICE or PRIVACY_OFFICER.""")
    @ApiResponse(responseCode = "200", description = "The choice as recorded in the ledger")
    @ApiResponse(responseCode = "409", description = "This requestId was used for a different choice (type conflict)")
    @ApiResponse(responseCode = "410", description = "The person's data was erased (type erased)")
    @PostMapping("/{id}/consents")
    ConsentEvent consent(@PathVariable String id, @RequestBody ConsentChoice body, Authentication auth,
            HttpServletRequest request) {
        if (body == null || body.granted() == null) {
            throw RequestProblem.invalid("granted", "required: true or false");
        }
        ConsentChannel channel = Requests.oneOf(ConsentChannel.class, body.channel(), "channel");
        String notice = Requests.optionalText(body.noticeVersion(), "noticeVersion", 32);
        if (notice == null) {
            throw RequestProblem.invalid("noticeVersion", "the version of the notice the person was shown");
        }
        return personalData.recordConsent(Requests.actor(auth, request),
                Requests.optionalText(body.requestId(), "requestId", 64), id,
                Requests.purpose(body.purpose(), "purpose"), Requests.optionalText(body.product(), "product", 64),
                Requests.optionalText(body.recipient(), "recipient", 64), body.granted(), channel, notice);
    }

    @Operation(summary = "Read the consent history", description = "Every consent choice recorded for the customer, "
            + "oldest first. Role: CUSTOMER_SERVICE or PRIVACY_OFFICER.")
    @GetMapping("/{id}/consents")
    List<ConsentEvent> consents(@PathVariable String id, Authentication auth, HttpServletRequest request) {
        return personalData.consentHistory(Requests.actor(auth, request), id);
    }

    @Operation(summary = "Erase a customer", description = """
            Erases the customer's personal data by destroying their key (crypto-shredding) and answers the \
            tombstone: who, when, why, which fields. For the person's own request or the end of retention. Erasing \
            twice answers the first tombstone. Role: PRIVACY_OFFICER.""")
    @PostMapping("/{id}/erasure")
    Tombstone erase(@PathVariable String id, @RequestBody ErasureRequest body, Authentication auth,
            HttpServletRequest request) {
        ErasureReason reason = Requests.oneOf(ErasureReason.class, body == null ? null : body.reason(), "reason");
        return personalData.erase(Requests.actor(auth, request), id, reason,
                Requests.optionalText(body.reference(), "reference", 64));
    }
}
