package dev.anshin.access;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.audit.RefusalAudit;
import dev.anshin.problems.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureCredentialsExpiredEvent;
import org.springframework.security.authentication.event.AuthenticationFailureDisabledEvent;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API's door: rate limits per address, then the {@code X-Api-Key} header, then the key's own
 * limit. A wrong key is refused at once (401) rather than treated as anonymous, so a misconfigured
 * client sees why; an expired or revoked key is told so, but only to whoever presents the whole key.
 * The refusal is published as Spring Security's authentication failure event (for the audit log),
 * naming only the key's public id. Past a limit the answer is 429 {@code rate-limited} with
 * {@code Retry-After}, and nothing else is done (no key looked up, no failure published).
 */
class ApiKeyAuthentication extends OncePerRequestFilter {

    static final String HEADER = "X-Api-Key";

    /** Writes a problem response: the API door answers in the API's shape. */
    interface Problems {
        void write(HttpServletResponse response, ProblemType type, String detail) throws IOException;
    }

    private final ApiClients clients;
    private final ApiLimits limits;
    private final AuthenticationEntryPoint entryPoint;
    private final Problems problems;
    private final ApplicationEventPublisher events;
    private final RefusalAudit refusals;

    ApiKeyAuthentication(ApiClients clients, ApiLimits limits, AuthenticationEntryPoint entryPoint, Problems problems,
            ApplicationEventPublisher events, RefusalAudit refusals) {
        this.clients = clients;
        this.limits = limits;
        this.entryPoint = entryPoint;
        this.problems = problems;
        this.events = events;
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = request.getRemoteAddr();
        ApiLimits.Path path = ApiLimits.Path.of(request);
        String header = request.getHeader(HEADER);
        String key = header == null ? null : header.trim();
        long wait = limits.fromAddress(path, address);
        if (wait > 0) {
            tooMany(request, response, wait, presentedId(key), path.resource(), "over the limit of this address");
            return;
        }
        if (key != null) {
            ApiClients.Check check = clients.check(key);
            if (check.client() == null) {
                long refusedWait = limits.refusedKey(address);
                if (refusedWait > 0) {
                    tooMany(request, response, refusedWait, presentedId(key), "api/refused-keys",
                            "over the limit of refused keys from this address");
                    return;
                }
                refuse(key, check.verdict(), request, response);
                return;
            }
            long keyWait = limits.forKey(path, check.client().keyId());
            if (keyWait > 0) {
                tooMany(request, response, keyWait, check.client().actor(), path.resource(), "over the limit of this key");
                return;
            }
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new ClientToken(check.client()));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }

    private void refuse(String key, ApiClients.Verdict verdict, HttpServletRequest request,
            HttpServletResponse response) throws IOException, ServletException {
        SecurityContextHolder.clearContext();
        PreAuthenticatedAuthenticationToken presented = presented(key, request);
        AbstractAuthenticationFailureEvent failure = switch (verdict) {
            case EXPIRED -> new AuthenticationFailureCredentialsExpiredEvent(presented,
                    new CredentialsExpiredException("expired API key"));
            case REVOKED -> new AuthenticationFailureDisabledEvent(presented, new DisabledException("revoked API key"));
            default -> new AuthenticationFailureBadCredentialsEvent(presented, new BadCredentialsException("invalid API key"));
        };
        events.publishEvent(failure);
        switch (verdict) {
            case EXPIRED -> problems.write(response, ProblemType.API_KEY_EXPIRED,
                    "This API key has expired (or was rotated and its overlap has ended): use the key that "
                            + "replaced it, or ask an administrator for a new one.");
            case REVOKED -> problems.write(response, ProblemType.API_KEY_REVOKED,
                    "This API key has been revoked: ask an administrator for a new one.");
            default -> entryPoint.commence(request, response, failure.getException());
        }
    }

    private void tooMany(HttpServletRequest request, HttpServletResponse response, long waitNanos, String actor,
            String resource, String why) throws IOException {
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        refusals.refused(new AuditEvent(AuditEvent.fit(actor, AuditEvent.MAX_ACTOR), "api.rate-limited", resource,
                null, AuditOutcome.DENIED, AuditEvent.fit(request.getRemoteAddr(), AuditEvent.MAX_ORIGIN), why));
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        problems.write(response, ProblemType.RATE_LIMITED, "Too many requests (" + why + "). Retry after " + seconds
                + " s.");
    }

    /** The key's public id if it looks like one of ours, for the audit log: the rest of a key is secret. */
    private static String presentedId(String key) {
        if (key == null) {
            return "(no key)";
        }
        return key.length() >= ApiClients.KEY_ID_LENGTH
                && key.substring(0, ApiClients.KEY_ID_LENGTH).matches("ank_[A-Za-z0-9]{8}")
                ? "api-key:" + key.substring(0, ApiClients.KEY_ID_LENGTH) : "api-key:unrecognized";
    }

    /** What was presented, named by the key's public id only. */
    private static PreAuthenticatedAuthenticationToken presented(String key, HttpServletRequest request) {
        PreAuthenticatedAuthenticationToken token = new PreAuthenticatedAuthenticationToken(presentedId(key), "");
        token.setDetails(new WebAuthenticationDetails(request));
        return token;
    }

    /** The authentication of a machine client; its name is the audit actor. */
    static final class ClientToken extends AbstractAuthenticationToken {

        private final ApiClient client;

        ClientToken(ApiClient client) {
            super(client.roles().stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList());
            this.client = client;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return client;
        }

        @Override
        public String getName() {
            return client.actor();
        }
    }
}
