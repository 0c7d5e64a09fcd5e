package dev.anshin.problems;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One kind of request body, read by a controller that takes its body as bytes: the application's strict
 * mapper ({@link StrictJson}: no coercion, no duplicate key), and stricter still: a field the body does not
 * have is refused rather than ignored (so a misspelt field is not a request without it), and nothing may
 * follow the object.
 */
public final class StrictBody<T> {

    private final ObjectReader reader;
    private final String name;

    private StrictBody(ObjectReader reader, String name) {
        this.reader = reader;
        this.name = name;
    }

    /** Bodies of this type, named in a refusal as {@code name} ("is not a field of an observation"). */
    public static <T> StrictBody<T> of(JsonMapper json, Class<T> type, String name) {
        return new StrictBody<>(json.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS), name);
    }

    /**
     * The body, or null for a JSON {@code null}. A field it does not have is a 422 naming the field (as far
     * as the client's name is safe to echo); a wrong type or broken JSON goes to the application's problem
     * mapping ({@link ProblemAdvice}: 422 naming the field for a wrong type, 400 for broken JSON).
     */
    public T read(byte[] raw, HttpServletRequest request) {
        try {
            return reader.readValue(raw);
        } catch (UnrecognizedPropertyException unknown) {
            throw RequestProblem.invalid(ProblemAdvice.path(unknown), "is not a field of " + name);
        } catch (JacksonException unreadable) {
            throw new HttpMessageNotReadableException("The body (" + name + ") could not be read.", unreadable,
                    new ServletServerHttpRequest(request));
        }
    }
}
