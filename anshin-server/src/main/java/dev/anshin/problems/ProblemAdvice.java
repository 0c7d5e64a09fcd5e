package dev.anshin.problems;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Maps every refused request to a problem with a stable type. Bad input never becomes a 500: the
 * only 500 left is a real fault, and its body says nothing about the cause.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    /** How Jackson's duplicate detection starts its message (StreamReadFeature.STRICT_DUPLICATE_DETECTION). */
    private static final String DUPLICATE_KEY = "Duplicate Object property";

    private final OutageLog outages;

    ProblemAdvice(OutageLog outages) {
        this.outages = outages;
    }

    /** Request attribute naming the refused fields, for the error page (site/error) of an {@link ErrorPages} page. */
    public static final String PROBLEM_FIELDS = "problemFields";

    /**
     * A refusal: its problem, or, for a browser on a page of an {@link ErrorPages} controller, the site's
     * error page for its status naming the refused fields (through the container's error dispatch).
     */
    @ExceptionHandler(RequestProblem.class)
    ResponseEntity<ProblemDetail> requestProblem(RequestProblem problem, HandlerMethod handler,
            HttpServletRequest request, HttpServletResponse response) {
        if (handler != null && AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ErrorPages.class)
                && !(problem instanceof RetryLater) && isPage(request) && !response.isCommitted()) {
            if (!problem.errors().isEmpty()) {
                request.setAttribute(PROBLEM_FIELDS, String.join(", ", problem.errors().stream()
                        .map(FieldProblem::field).map(ProblemAdvice::segment).toList()));
            }
            try {
                response.sendError(problem.type().status().value());
                return null;
            } catch (IOException | IllegalStateException gone) {
                // the client left: nothing more to say
            }
        }
        return requestProblem(problem);
    }

    private ResponseEntity<ProblemDetail> requestProblem(RequestProblem problem) {
        ResponseEntity<ProblemDetail> response = respond(Problems.of(problem));
        if (problem instanceof RetryLater later) {
            return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                    .header(HttpHeaders.RETRY_AFTER, RetryLater.seconds(later.retryAfter())).body(response.getBody());
        }
        return response;
    }

    /**
     * The database cannot be reached: 503 with {@code Retry-After}, a problem for the API and the
     * error page for people (through the container's error dispatch, so pages keep their look).
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> database(Exception e, HttpServletRequest request, HttpServletResponse response)
            throws Exception {
        if (!DatabaseOutage.isCause(e)) {
            return unexpected(e, request, response);
        }
        outages.databaseUnavailable(e);
        if (response.isCommitted()) {
            throw e; // part of the answer went out: see unexpected
        }
        if (!request.getRequestURI().startsWith("/api/") && !response.isCommitted()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, RetryLater.seconds(DatabaseOutage.RETRY_AFTER));
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return null;
        }
        return requestProblem(DatabaseOutage.problem());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(Problems.of(ProblemType.VALIDATION, "The request has invalid fields.",
                List.of(new FieldProblem(e.getName(), "has the wrong format"))));
    }

    /**
     * A real fault: 500 with nothing about the cause. If part of the answer already went out (a streamed
     * download cut part-way), no problem is appended, which the client would take for more of the answer or,
     * worse, for its end: the exception is thrown on, so that the container breaks the connection off and the
     * client sees the answer failed.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request, HttpServletResponse response)
            throws Exception {
        // Logged without the request: the body may hold card data.
        log.error("Unexpected failure: {}", e.getClass().getName(), e);
        if (response.isCommitted()) {
            throw e;
        }
        if (isPage(request) && !response.isCommitted()) {
            try {
                response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR); // the site's error page
                return null;
            } catch (IOException gone) {
                // the client left: nothing more to say
            }
        }
        return respond(Problems.of(ProblemType.INTERNAL, "The request could not be processed.", List.of()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedBy(e, BodyTooLargeException.class)) {
            return body(Problems.of(ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds the limit.", List.of()));
        }
        // A well-formed body with a wrong type or an out-of-range number is a field problem (422), not
        // malformed JSON (400).
        JacksonException typed = cause(e, MismatchedInputException.class);
        if (typed == null) {
            typed = cause(e, InputCoercionException.class);
        }
        if (typed instanceof InvalidNullException && !typed.getPath().isEmpty()) {
            return body(Problems.of(ProblemType.VALIDATION, "The request has invalid fields.",
                    List.of(new FieldProblem(path(typed), "must not be null"))));
        }
        if (typed != null && !typed.getPath().isEmpty()) {
            return body(Problems.of(ProblemType.VALIDATION, "The request has invalid fields.",
                    List.of(new FieldProblem(path(typed), "has the wrong type, format or range"))));
        }
        // Valid JSON, but the body itself is not the object asked for ([], "text", 12): no field to name, so the
        // request as a whole is refused, at every endpoint alike (the webhook and the authorizations answer so).
        if (typed != null) {
            return body(Problems.of(ProblemType.MALFORMED_REQUEST, "The request body is not the JSON object expected.",
                    List.of()));
        }
        // A key given twice is refused (StrictJson) where it stands: the field is named, as for a wrong type.
        StreamReadException duplicate = cause(e, StreamReadException.class);
        if (duplicate != null && duplicate.getOriginalMessage() != null
                && duplicate.getOriginalMessage().startsWith(DUPLICATE_KEY) && duplicate.processor() != null) {
            String parent = path(duplicate);
            String name = segment(duplicate.processor().currentName());
            return body(Problems.of(ProblemType.VALIDATION, "The request has invalid fields.",
                    List.of(new FieldProblem(parent.isEmpty() ? name : parent + "." + name, "is given more than once"))));
        }
        String detail = cause(e, StreamReadException.class) != null || e.getCause() == null
                ? "The request body is not valid JSON." : "The request body could not be read.";
        return body(Problems.of(ProblemType.MALFORMED_REQUEST, detail, List.of()));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        e.getBindingResult().getFieldErrors()
                .forEach(error -> errors.add(new FieldProblem(error.getField(), error.getDefaultMessage())));
        return body(Problems.of(ProblemType.VALIDATION, "The request has invalid fields.", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return body(Problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send application/json.", List.of()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (pageError(request, HttpServletResponse.SC_METHOD_NOT_ALLOWED)) {
            return null;
        }
        return body(Problems.of(ProblemType.METHOD_NOT_ALLOWED, "This method is not supported here.", List.of()));
    }

    /**
     * No such path: a problem for the API, the "page not found" page for people (through the
     * container's error dispatch, in their language and the site's look).
     */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (pageError(request, HttpServletResponse.SC_NOT_FOUND)) {
            return null;
        }
        return body(Problems.of(ProblemType.NOT_FOUND, "No such resource.", List.of()));
    }

    /**
     * A person's browser asking for a page gets the site's error page for {@code status} (through the
     * container's error dispatch, in their language); true when that was sent.
     */
    private static boolean pageError(WebRequest request, int status) {
        if (request instanceof ServletWebRequest servlet && servlet.getResponse() != null
                && !servlet.getResponse().isCommitted() && isPage(servlet.getRequest())) {
            try {
                servlet.getResponse().sendError(status);
                return true;
            } catch (IOException | IllegalStateException gone) {
                // the client left: nothing more to say
            }
        }
        return false;
    }

    /**
     * A request for a page rather than for data: not the API, the metrics or the API's description,
     * and from a browser navigating (it accepts HTML; a script's fetch of a page's JSON does not).
     */
    static boolean isPage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return !path.startsWith("/api/") && !path.startsWith("/actuator/") && !path.startsWith("/v3/")
                && accept != null && accept.contains("text/html");
    }

    static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(segment(reference.getPropertyName()));
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * A property name as it may be echoed: a map's keys are the client's own text, so one that could
     * carry something else (a card number typed as a key, control characters) is not repeated.
     */
    static String segment(String name) {
        if (name == null) {
            return "?";
        }
        if (name.length() > 64 || FreeText.characterProblem(name).isPresent() || FreeText.containsCardNumber(name)) {
            return "(redacted)";
        }
        return name;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<Object> body(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return cause(e, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
