package dev.anshin.privacy;

import dev.anshin.problems.RequestProblem;
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
@RestController
@RequestMapping("/api/v1/customers")
class CustomerController {

    private final PersonalData personalData;

    CustomerController(PersonalData personalData) {
        this.personalData = personalData;
    }

    record NewCustomer(String customerNumber, Map<String, String> values) {
        @Override
        public String toString() {
            return "NewCustomer[<redacted>]";
        }
    }

    record Correction(String purpose, Map<String, String> values) {
        @Override
        public String toString() {
            return "Correction[purpose=" + purpose + ", values=<redacted>]";
        }
    }

    record ConsentChoice(String requestId, String purpose, String product, String recipient, Boolean granted,
            String channel, String noticeVersion) {
    }

    record ErasureRequest(String reason, String reference) {
    }

    record Created(String customerId) {
    }

    record PersonalValues(String customerId, String purpose, Map<PersonalField, String> values) {
        @Override
        public String toString() {
            return "PersonalValues[customerId=" + customerId + ", purpose=" + purpose + ", values=<redacted>]";
        }
    }

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

    @GetMapping("/{id}/personal-data")
    PersonalValues read(@PathVariable String id, @RequestParam(required = false) String purpose,
            @RequestParam(required = false) String fields, @RequestParam(required = false) String product,
            Authentication auth, HttpServletRequest request) {
        Purpose why = Requests.purpose(purpose, "purpose");
        Map<PersonalField, String> values = personalData.read(Requests.actor(auth, request), why,
                Requests.optionalText(product, "product", 64), id, Requests.fields(fields));
        return new PersonalValues(id, why.name(), values);
    }

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

    @GetMapping("/{id}/holdings")
    PersonalData.Holdings holdings(@PathVariable String id, Authentication auth, HttpServletRequest request) {
        return personalData.holdings(Requests.actor(auth, request), id);
    }

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

    @GetMapping("/{id}/consents")
    List<ConsentEvent> consents(@PathVariable String id, Authentication auth, HttpServletRequest request) {
        return personalData.consentHistory(Requests.actor(auth, request), id);
    }

    @PostMapping("/{id}/erasure")
    Tombstone erase(@PathVariable String id, @RequestBody ErasureRequest body, Authentication auth,
            HttpServletRequest request) {
        ErasureReason reason = Requests.oneOf(ErasureReason.class, body == null ? null : body.reason(), "reason");
        return personalData.erase(Requests.actor(auth, request), id, reason,
                Requests.optionalText(body.reference(), "reference", 64));
    }
}
