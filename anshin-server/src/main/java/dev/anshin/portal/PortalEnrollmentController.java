package dev.anshin.portal;

import dev.anshin.problems.RequestProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Portal enrollment", description = "Enrolling customers in the cardholder portal (/portal), where they "
        + "see their cards' use, dispute charges and make data-subject requests")
@RestController
class PortalEnrollmentController {

    @Schema(requiredProperties = "requestId")
    record EnrollmentRequest(@Schema(description = "The idempotency key of the enrollment: 1 to 64 letters, digits, "
            + "'.', '_', ':' or '-'") String requestId) {
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

    @Operation(summary = "Enroll a customer in the portal", description = """
            Answers a one-time activation code to hand to the cardholder, who activates their portal account with it \
            (at activationPage) before expiresAt. The code is stored only as its hash; the answer is never cached. \
            Idempotent on requestId: the same request again answers the same enrollment (200); a requestId used \
            for another customer is refused (409). Role: CUSTOMER_SERVICE.""")
    @ApiResponse(responseCode = "201", description = "The enrollment, with the activation code")
    @ApiResponse(responseCode = "200", description = "Enrolled before under this requestId: the same enrollment")
    @ApiResponse(responseCode = "409", description = "This requestId was used to enroll another customer (type conflict)")
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
