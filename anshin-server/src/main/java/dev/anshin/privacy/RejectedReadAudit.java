package dev.anshin.privacy;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.problems.Ids;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Records reads of personal data (a customer's values, a disclosure, a provision's export) rejected
 * before they reach {@link PersonalData} or the service that hands them out: an unknown
 * purpose or field, a malformed request, an unknown customer (400, 404, 422). Refusals by purpose,
 * consent, role or erasure (403, 410) are recorded by {@link PersonalData} itself, and every
 * state-changing request by the audit module's admin-action filter, so each attempt is recorded
 * exactly once. The entry holds the path and the purpose asked for, never a value.
 */
@Component
class RejectedReadAudit extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RejectedReadAudit.class);

    /** The other reads that hand out personal data: a disclosure, and a provision's (encrypted) export. */
    private static final Pattern DISCLOSURE_OR_EXPORT =
            Pattern.compile("/api/v1/privacy/(requests/[^/]+/disclosure|provisions/[^/]+/export)");

    private final AuditLog audit;

    RejectedReadAudit(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return !"GET".equals(request.getMethod()) || !(uri.startsWith("/api/v1/customers/")
                || DISCLOSURE_OR_EXPORT.matcher(uri).matches());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        int status = response.getStatus();
        if (status != 400 && status != 404 && status != 422) {
            return;
        }
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (who == null || !who.isAuthenticated()) {
            return; // unauthenticated requests are recorded as failed sign-ins
        }
        String path = AuditEvent.fit(resource(request), AuditEvent.MAX_RESOURCE);
        String asked = request.getParameter("purpose");
        String purpose = Purpose.named(asked).map(Enum::name).orElse(null);
        try {
            audit.record(new AuditEvent(AuditEvent.fit(who.getName(), AuditEvent.MAX_ACTOR), "personal-data.request",
                    path, purpose, AuditOutcome.FAILURE, AuditEvent.fit(request.getRemoteAddr(), AuditEvent.MAX_ORIGIN),
                    "rejected: HTTP " + status));
        } catch (RuntimeException e) {
            log.error("could not record a rejected personal-data request in the audit log: {}", e.toString());
        }
    }

    /**
     * The route that answered, with ids filled in only when they are ids (UUIDs): whatever else was
     * typed into the id's place (a card number, a phone number by mistake) never reaches the log.
     */
    static String resource(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (!(pattern instanceof String route)) {
            return "(no such route)";
        }
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables instanceof Map<?, ?> values) {
            for (Map.Entry<?, ?> variable : values.entrySet()) {
                String value = String.valueOf(variable.getValue());
                route = route.replace("{" + variable.getKey() + "}", Ids.isUuid(value) ? value
                        : "(not an id)");
            }
        }
        return route;
    }

}
