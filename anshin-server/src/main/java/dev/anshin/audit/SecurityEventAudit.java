package dev.anshin.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Records what Spring Security refuses, from its events, so access knows nothing of the audit log:
 * failed sign-ins and rejected API keys (authentication failures), and requests of signed-in
 * staff or known clients that their role does not allow (authorization denials). Anyone can cause
 * these at will, so they go through {@link RefusalAudit}: a flood is counted, not written entry by entry.
 */
@Component
class SecurityEventAudit {

    private static final int MAX_TRIED_NAME = 64;

    private final RefusalAudit refusals;
    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    SecurityEventAudit(RefusalAudit refusals) {
        this.refusals = refusals;
    }

    @EventListener
    void authenticationFailed(AbstractAuthenticationFailureEvent event) {
        Authentication tried = event.getAuthentication();
        // The name that was tried, never the credentials; cut short since anyone can type anything.
        String actor = AuditEvent.fit(tried.getName() == null || tried.getName().isBlank() ? "(none)" : tried.getName(),
                MAX_TRIED_NAME);
        String resource = tried instanceof UsernamePasswordAuthenticationToken ? "console" : "api";
        String origin = tried.getDetails() instanceof WebAuthenticationDetails details
                ? AuditEvent.fit(details.getRemoteAddress(), AuditEvent.MAX_ORIGIN) : null;
        refusals.refused(new AuditEvent(actor, "sign-in", resource, null, AuditOutcome.FAILURE, origin,
                event.getException().getClass().getSimpleName()));
    }

    @EventListener
    void authorizationDenied(AuthorizationDeniedEvent<?> event) {
        if (!(event.getSource() instanceof HttpServletRequest request)) {
            return;
        }
        Authentication who = event.getAuthentication().get();
        // Anonymous requests are sent to sign in (or get 401): that is not an attempt by anyone yet.
        if (who == null || trust.isAnonymous(who) || AdminActionAudit.isHighVolume(request)) {
            return;
        }
        String path = AuditEvent.safePath(request.getRequestURI());
        refusals.refused(new AuditEvent(AuditEvent.fit(who.getName(), AuditEvent.MAX_ACTOR),
                AuditEvent.fit(request.getMethod() + " " + path, AuditEvent.MAX_ACTION), path, null,
                AuditOutcome.DENIED, AuditController.origin(request), "role does not allow it"));
    }
}
