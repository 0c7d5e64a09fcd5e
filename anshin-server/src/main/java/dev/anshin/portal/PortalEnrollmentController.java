package dev.anshin.portal;

import dev.anshin.problems.RequestProblem;
import java.time.Instant;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Enrolls a customer in the portal (customer service or an integrator with that role): answers a
 * one-time activation code to hand to the cardholder. Idempotent on {@code requestId}. The answer is
 * never cached; the code is stored only as its hash.
 */
@RestController
class PortalEnrollmentController {

    record EnrollmentRequest(String requestId) {
    }

    record EnrollmentResponse(String enrollmentId, String customerId, String activationCode, Instant expiresAt,
            String status, String activationPage) {

        @Override
        public String toString() {
            return "EnrollmentResponse[" + enrollmentId + ", code <redacted>]";
        }
    }

    private final PortalAccounts accounts;

    PortalEnrollmentController(PortalAccounts accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/api/v1/customers/{customerId}/portal-enrollment")
    ResponseEntity<EnrollmentResponse> enroll(@PathVariable String customerId,
            @RequestBody(required = false) EnrollmentRequest body, Authentication caller) {
        String requestId = body == null ? null : body.requestId();
        if (requestId == null || !requestId.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw RequestProblem.invalid("requestId", "1 to 64 letters, digits, '.', '_', ':' or '-'");
        }
        var enrollment = accounts.enroll(customerId, requestId, caller.getName());
        var response = new EnrollmentResponse(enrollment.enrollmentId(), enrollment.customerId(),
                enrollment.activationCode(), enrollment.expiresAt(), enrollment.status(), "/portal/activate");
        return ResponseEntity.status(enrollment.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .cacheControl(CacheControl.noStore())
                .body(response);
    }
}
