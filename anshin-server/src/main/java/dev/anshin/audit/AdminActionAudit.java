package dev.anshin.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every state-changing API request (POST, PUT, PATCH, DELETE under /api/v1), and every form
 * sent from the administrators' pages (under {@value #ADMIN_PAGES}, which act through the same
 * methods as the API), once it is answered: who, method and path, the outcome from the status, from
 * where. Runs after the security filters (lowest precedence), so it sees the caller and only requests
 * access let through; refused ones are recorded from the denial event. Scoring and fraud labels are not admin actions and are
 * far too many: they are let through untouched at the cost of a method and a path comparison.
 *
 * <p>The entry is written after the action's own transaction committed: if the database fails in
 * between, the action stands without its entry (logged as an error).
 */
@Component
class AdminActionAudit extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AdminActionAudit.class);

    /** The administrators' pages (models, rules, API keys): their forms are admin actions like the API's. */
    static final String ADMIN_PAGES = "/console/admin/";

    private final AuditLog audit;

    AdminActionAudit(AuditLog audit) {
        this.audit = audit;
    }

    static boolean isHighVolume(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return false;
        }
        String uri = request.getRequestURI();
        // The eKYC webhook is a vendor's, not an administrator's: it audits what it changes itself, and its
        // refusals (forged or stale signatures, anyone can send them) go through RefusalAudit.
        return "/api/v1/authorizations".equals(uri) || "/api/v1/fraud-labels".equals(uri)
                || "/api/v1/ekyc/results".equals(uri);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        boolean changes = "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method)
                || "DELETE".equals(method);
        String uri = request.getRequestURI();
        return !changes || isHighVolume(request) || !(uri.startsWith("/api/v1/") || uri.startsWith(ADMIN_PAGES));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            record(request, failed ? 500 : response.getStatus());
        }
    }

    private void record(HttpServletRequest request, int status) {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        String actor = who == null || who.getName() == null ? "(unknown)" : AuditEvent.fit(who.getName(), AuditEvent.MAX_ACTOR);
        AuditOutcome outcome = status < 400 ? AuditOutcome.SUCCESS
                : status == 401 || status == 403 ? AuditOutcome.DENIED : AuditOutcome.FAILURE;
        String path = AuditEvent.safePath(request.getRequestURI());
        try {
            audit.record(new AuditEvent(actor, AuditEvent.fit(request.getMethod() + " " + path, AuditEvent.MAX_ACTION),
                    path, null, outcome, AuditController.origin(request), "HTTP " + status));
        } catch (RuntimeException e) {
            log.error("could not record an admin action in the audit log: {}", e.toString());
        }
    }
}
