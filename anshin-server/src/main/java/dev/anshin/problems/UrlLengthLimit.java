package dev.anshin.problems;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a URL longer than {@code anshin.requests.max-url-length} (path and query) with 414 before
 * anything looks at it: no Anshin URL needs more, and a long one is only a way to make the server
 * parse, log or audit more. The container refuses far longer ones itself (with the headers, past
 * {@code server.max-http-request-header-size}).
 */
@Component
@Order(FilterOrder.URL_LENGTH)
class UrlLengthLimit extends OncePerRequestFilter {

    private final int maxLength;
    private final JsonMapper json;

    UrlLengthLimit(RequestLimits limits, JsonMapper json) {
        this.maxLength = limits.maxUrlLength();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        int length = request.getRequestURI().length() + (query == null ? 0 : query.length() + 1);
        if (length <= maxLength) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(ProblemType.URI_TOO_LONG.status().value());
        EarlyAnswerHeaders.write(request, response);
        if (request.getRequestURI().startsWith("/api/")) {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), Problems.of(ProblemType.URI_TOO_LONG,
                    "The URL (path and query) exceeds " + maxLength + " characters.", List.of()));
        } else {
            PlainRefusal.write(response, "URL が長すぎます。", "The URL is too long.");
        }
    }
}
