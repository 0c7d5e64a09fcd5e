package dev.anshin.problems;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API reads JSON and nothing else: a request to {@code /api/} that carries a body of any other
 * type (a form, a multipart form, plain text, no type at all) is refused with 415
 * {@code unsupported-media-type} before anything reads it. Spring refuses such a body only at
 * endpoints that read one; an endpoint that takes no body (taking a backup, rotating the master key)
 * acted on a form post as on an empty request, and the container parsed a form body as parameters
 * for whichever filter asked first (a malformed one then failed as a 500). A request without a body
 * needs no type. See {@link FilterOrder} for where this stands.
 */
@Component
@Order(FilterOrder.API_MEDIA_TYPE)
class ApiMediaType extends OncePerRequestFilter {

    private final JsonMapper json;

    ApiMediaType(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBody(request) || isJson(request.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(ProblemType.UNSUPPORTED_MEDIA_TYPE.status().value());
        EarlyAnswerHeaders.write(request, response);
        response.setHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                "Send application/json.", List.of()));
    }

    /** A declared length above zero, or a body sent in chunks (its length unknown). */
    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    /** {@code application/json} or a JSON-based type ({@code application/merge-patch+json}), any parameters. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.getType().equals("application")
                    && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
