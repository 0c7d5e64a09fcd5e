package dev.anshin.problems;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies over the limit with 413 before anything is parsed: a declared length is
 * checked up front, a chunked body is cut off while it streams. The API answers with a problem
 * ({@code payload-too-large}); pages (the console, the privacy pages, the portal: form posts) with a
 * short plain page. A chunked form post is read by the container itself, up to
 * {@code server.tomcat.max-http-form-post-size}; past it the container keeps no parameters and says
 * so in a request attribute, which is refused here the same way.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodySizeLimit extends OncePerRequestFilter {

    /** The one endpoint whose bodies are legitimately large: importing a trained model (admins only). */
    private static final String MODEL_IMPORT = "/api/v1/models";
    /** Tomcat's note that it could not read a request's parameters, and why (Globals.PARAMETER_PARSE_FAILED_REASON_ATTR). */
    private static final String PARSE_FAILED_REASON = "org.apache.catalina.parameter_parse_failed_reason";

    private final long maxBytes;
    private final long maxModelBytes;
    private final long maxPageBytes;
    private final JsonMapper json;

    BodySizeLimit(ApiLimits limits, RequestLimits pages, JsonMapper json) {
        this.maxBytes = limits.maxBodySize().toBytes();
        this.maxModelBytes = limits.maxModelSize().toBytes();
        this.maxPageBytes = pages.maxPageBodySize().toBytes();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean api = request.getRequestURI().startsWith("/api/");
        long maxBytes = !api ? maxPageBytes
                : "POST".equals(request.getMethod()) && MODEL_IMPORT.equals(request.getRequestURI())
                ? maxModelBytes : this.maxBytes;
        if (request.getContentLengthLong() > maxBytes) {
            refuse(request, response, api, maxBytes);
            return;
        }
        if (!api && request.getContentLengthLong() < 0 && formPost(request)) {
            // Chunked: the container reads the form itself (and stops at its own limit).
            request.getParameterMap();
            Object failed = request.getAttribute(PARSE_FAILED_REASON);
            if (failed != null && (failed.toString().equals("POST_TOO_LARGE")
                    || failed.toString().equals("TOO_MANY_PARAMETERS"))) {
                refuse(request, response, false, maxBytes);
                return;
            }
        }
        chain.doFilter(new LimitedRequest(request, maxBytes), response);
    }

    private static boolean formPost(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, boolean api, long maxBytes)
            throws IOException {
        response.setStatus(ProblemType.PAYLOAD_TOO_LARGE.status().value());
        if (api) {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), Problems.of(ProblemType.PAYLOAD_TOO_LARGE,
                    "The request body exceeds " + maxBytes + " bytes.", List.of()));
        } else {
            PlainRefusal.write(response, "送信された内容が大きすぎます。", "What was sent is too large.");
        }
    }

    /** Limits of the HTTP API. */
    @ConfigurationProperties("anshin.api")
    record ApiLimits(@DefaultValue("64KB") DataSize maxBodySize, @DefaultValue("64MB") DataSize maxModelSize) {
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long maxBytes;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), maxBytes);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long maxBytes;
        private long read;

        LimitedStream(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > maxBytes) {
                throw new BodyTooLargeException();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
