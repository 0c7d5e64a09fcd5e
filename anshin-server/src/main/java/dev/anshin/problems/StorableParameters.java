package dev.anshin.problems;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a request whose parameters (query string or form fields) hold a NUL or an unpaired
 * surrogate, with 422 {@code validation} naming the parameter, before any page or endpoint looks them up: PostgreSQL refuses a NUL in text
 * (a 500 otherwise, e.g. {@code ?customerId=%00}), and nobody types either. JSON bodies get the same
 * rule from {@link StrictJson}.
 */
@Component
@Order(FilterOrder.STORABLE_PARAMETERS)
class StorableParameters extends OncePerRequestFilter {

    private final JsonMapper json;

    StorableParameters(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            boolean storable = FreeText.storable(parameter.getKey());
            for (String value : parameter.getValue()) {
                storable &= value == null || FreeText.storable(value);
            }
            if (!storable) {
                response.setStatus(ProblemType.VALIDATION.status().value());
                EarlyAnswerHeaders.write(request, response);
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                json.writeValue(response.getOutputStream(), Problems.of(ProblemType.VALIDATION,
                        "The request has invalid fields.", List.of(new FieldProblem(
                                ProblemAdvice.segment(parameter.getKey()), "holds a NUL or an unpaired surrogate"))));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
