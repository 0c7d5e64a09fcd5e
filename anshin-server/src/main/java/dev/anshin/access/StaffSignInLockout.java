package dev.anshin.access;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Counts wrong console passwords per staff account and locks it at the limit; a successful sign-in
 * clears the count. Only form sign-ins count (a username and password); API keys are not accounts
 * that lock. The failure itself is audited by the audit module; the lock is audited here.
 */
@Component
class StaffSignInLockout {

    private final StaffUsers users;
    private final AuditLog audit;
    private final AccessProperties properties;

    StaffSignInLockout(StaffUsers users, AuditLog audit, AccessProperties properties) {
        this.users = users;
        this.audit = audit;
        this.properties = properties;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken attempt
                && attempt.getName() != null && !attempt.getName().isBlank()) {
            if (users.recordFailure(attempt.getName())) {
                String origin = attempt.getDetails() instanceof WebAuthenticationDetails details
                        ? AuditEvent.fit(details.getRemoteAddress(), AuditEvent.MAX_ORIGIN) : null;
                audit.record(new AuditEvent(AuditEvent.fit(attempt.getName(), AuditEvent.MAX_ACTOR), "sign-in.lockout",
                        "console", null, AuditOutcome.DENIED, origin, properties.staffMaxFailedAttempts()
                        + " wrong passwords in a row; locked for " + properties.staffLockoutDuration()));
            }
        }
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken signedIn) {
            users.recordSuccess(signedIn.getName());
        }
    }
}
