package dev.anshin.problems;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /error} is where the container forwards a failed request to have its error rendered; asked
 * for directly it has no error to render, and Boot's error controller would answer 500. A direct
 * request gets 404 {@code not-found} instead. Only plain requests reach this filter: the container's
 * error dispatches go on to the error controller as before. Registered after the security filters,
 * so the answer carries the same security headers as any other.
 */
@Component
class DirectErrorRequests extends OncePerRequestFilter {

    private static final String ERROR_PATH = "/error";

    private final JsonMapper json;

    DirectErrorRequests(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals(ERROR_PATH) || path.startsWith(ERROR_PATH + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setStatus(ProblemType.NOT_FOUND.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problems.of(ProblemType.NOT_FOUND, "No such page.", List.of()));
    }
}
