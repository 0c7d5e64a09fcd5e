package dev.anshin.problems;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A database outage that escapes the filters (an API key or a staff user looked up, a refusal
 * audited, a session's user read) becomes a clean 503 too, not the container's 500 with a trace:
 * a problem for the API, the error page for people. Failures inside controllers are answered by
 * {@link ProblemAdvice} already; this catches what happens before or around them. Runs after the
 * request limits, before security ({@link FilterOrder}).
 */
@Component
@Order(FilterOrder.OUTAGE)
class OutageFilter extends OncePerRequestFilter {


    private final JsonMapper json;
    private final OutageLog outages;

    OutageFilter(JsonMapper json, OutageLog outages) {
        this.json = json;
        this.outages = outages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!DatabaseOutage.isCause(e) || response.isCommitted()) {
                throw e;
            }
            outages.databaseUnavailable(e);
            response.resetBuffer();
            if (request.getRequestURI().startsWith("/api/")) {
                RetryLater problem = DatabaseOutage.problem();
                response.setStatus(problem.type().status().value());
                response.setHeader(HttpHeaders.RETRY_AFTER, RetryLater.seconds(problem.retryAfter()));
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                json.writeValue(response.getOutputStream(), Problems.of(problem));
            } else {
                response.setHeader(HttpHeaders.RETRY_AFTER, RetryLater.seconds(DatabaseOutage.RETRY_AFTER));
                response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            }
        }
    }
}
