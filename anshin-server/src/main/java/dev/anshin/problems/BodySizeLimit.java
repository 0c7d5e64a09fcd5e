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
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.annotation.Order;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies over the limit with 413 before anything is parsed: a declared length is
 * checked up front, a chunked body is cut off while it streams. The API answers with a problem
 * ({@code payload-too-large}); pages (the console, the privacy pages, the portal: form posts) with a
 * short plain page.
 *
 * <p>Form posts and query strings are read by the container itself, up to
 * {@code server.tomcat.max-http-form-post-size} and {@code max-parameter-count}. Past those (or on
 * a malformed encoding) Tomcat throws from the first {@code getParameter} call — in whatever filter
 * or interceptor makes it, which would answer 500 — or, in older versions, keeps no parameters and
 * says why in a request attribute. So they are read here first, and refused cleanly: 413 for size,
 * 400 for the rest.
 */
@Component
// After the character encoding filter (parameters read here are decoded once and kept, so they must be
// read as UTF-8) and after the API's media type check (an API form body is refused unread); before
// anything else asks for a parameter. See FilterOrder.
@Order(FilterOrder.BODY_SIZE)
class BodySizeLimit extends OncePerRequestFilter {

    /** The one endpoint whose bodies are legitimately large: importing a trained model (admins only). */
    private static final String MODEL_IMPORT = "/api/v1/models";
    /** The one page that takes a file: a call-center export (customer service; multipart). */
    static final String VOICE_IMPORT = "/voice/imports";
    /** Tomcat's note that it could not read a request's parameters, and why (Globals.PARAMETER_PARSE_FAILED_REASON_ATTR). */
    private static final String PARSE_FAILED_REASON = "org.apache.catalina.parameter_parse_failed_reason";

    private final long maxBytes;
    private final long maxModelBytes;
    private final long maxPageBytes;
    private final long maxImportBytes;
    private final JsonMapper json;

    BodySizeLimit(ApiLimits limits, RequestLimits pages, JsonMapper json) {
        this.maxBytes = limits.maxBodySize().toBytes();
        this.maxModelBytes = limits.maxModelSize().toBytes();
        this.maxPageBytes = pages.maxPageBodySize().toBytes();
        this.maxImportBytes = pages.maxImportBodySize().toBytes();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean api = request.getRequestURI().startsWith("/api/");
        boolean upload = "POST".equals(request.getMethod()) && VOICE_IMPORT.equals(request.getRequestURI());
        if (!upload && isMultipart(request)) {
            // only the export import takes files: elsewhere the container must not parse (and spool) parts
            response.setStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
            EarlyAnswerHeaders.write(request, response);
            if (api) {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                json.writeValue(response.getOutputStream(), Problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                        "Multipart bodies are not accepted here.", List.of()));
            } else {
                PlainRefusal.write(response, "この形式の送信は受け付けていません。", "This kind of form is not accepted here.");
            }
            return;
        }
        long maxBytes = upload ? maxImportBytes : !api ? maxPageBytes
                : "POST".equals(request.getMethod()) && MODEL_IMPORT.equals(request.getRequestURI())
                ? maxModelBytes : this.maxBytes;
        if (request.getContentLengthLong() > maxBytes) {
            refuse(request, response, api, maxBytes);
            return;
        }
        if (!api || request.getQueryString() != null) {
            int refusal = parameterRefusal(request);
            if (refusal == HttpStatus.CONTENT_TOO_LARGE.value()) {
                refuse(request, response, api, maxBytes);
                return;
            }
            if (refusal != 0) {
                response.setStatus(refusal);
                EarlyAnswerHeaders.write(request, response);
                if (api) {
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    json.writeValue(response.getOutputStream(), Problems.of(ProblemType.MALFORMED_REQUEST,
                            "The query string could not be read.", List.of()));
                } else {
                    PlainRefusal.write(response, "送信された内容を読み取れません。", "What was sent could not be read.");
                }
                return;
            }
        }
        chain.doFilter(new LimitedRequest(request, maxBytes), response);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.regionMatches(true, 0, "multipart/", 0, "multipart/".length());
    }

    /** Reads the parameters (query, and a form body) once: 0 if fine, else the status to refuse with. */
    private static int parameterRefusal(HttpServletRequest request) {
        try {
            request.getParameterMap();
        } catch (InvalidParameterException e) {
            return e.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value() ? e.getErrorCode()
                    : HttpStatus.BAD_REQUEST.value();
        }
        Object failed = request.getAttribute(PARSE_FAILED_REASON);
        if (failed == null) {
            return 0;
        }
        String reason = failed.toString();
        return reason.equals("POST_TOO_LARGE") || reason.equals("TOO_MANY_PARAMETERS")
                ? HttpStatus.CONTENT_TOO_LARGE.value() : HttpStatus.BAD_REQUEST.value();
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, boolean api, long maxBytes)
            throws IOException {
        response.setStatus(ProblemType.PAYLOAD_TOO_LARGE.status().value());
        EarlyAnswerHeaders.write(request, response);
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
