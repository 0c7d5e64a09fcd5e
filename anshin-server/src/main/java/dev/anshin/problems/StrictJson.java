package dev.anshin.problems;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.Map;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * The application's JSON mapper reads strictly, once for every body of every endpoint (and for what
 * Anshin reads back from its own storage, which it wrote with the same mapper): a value of the wrong
 * JSON type is refused instead of guessed at. Loose reading made {@code "minor": 12.99} the same
 * request as {@code 12}, let {@code -0.5} pass the sign check as 0, and took {@code "12800"},
 * {@code cardPresent: 1} or {@code "mcc": 5411}; a duplicate key let the last one silently win.
 * Each refusal is a {@code MismatchedInputException} (or, for a duplicate key, a
 * {@code StreamReadException}) that {@link ProblemAdvice} turns into 422 {@code validation} naming
 * the field. So is a null inside a list or an array ({@code "roles": [null]}, named {@code roles[0]}).
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    @Bean
    JsonMapperBuilderCustomizer strictJsonInput() {
        return builder -> builder
                // No float for an integer (12.99, -0.5, 1.2e4, 12.0 alike).
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                // No string for a number or a boolean ("12800", "true"), no number for a boolean (1).
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // No number or boolean for a string ("mcc": 5411); the scalar coercions above do not cover
                // text, whose deserializer otherwise accepts any scalar.
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                // {"minor": 1, "minor": 2} is refused, not read as 2.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // No null inside a list, set or array ("roles": [null], "authorizationIds": [null]): code
                // that walks a collection expects elements, and met a null as a NullPointerException (500).
                // Refused where it stands, named by its index (roles[0]). Once here rather than per
                // endpoint, so a collection added later is covered too.
                .changeDefaultNullHandling(nulls -> nulls.withContentNulls(Nulls.FAIL))
                // A map's values keep their nulls: the code that takes maps checks each value by name
                // ("values.EMAIL must not be blank"), and maps Anshin wrote itself are read back as written.
                .withConfigOverride(Map.class, map -> map.setNullHandling(JsonSetter.Value.forContentNulls(Nulls.SET)))
                .addModule(new SimpleModule("storable-strings").addDeserializer(String.class, new StorableString()));
    }

    /**
     * Every JSON string, wherever it goes (an id looked up, a value stored), is text a database can
     * hold: a NUL or an unpaired surrogate is refused where it stands (422 naming the field) instead of
     * failing in PostgreSQL as a 500 (a fuzz test found "card": {"token": "\u0000"} doing that).
     */
    static final class StorableString extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = super.deserialize(parser, context);
            if (value != null && !FreeText.storable(value)) {
                throw MismatchedInputException.from(parser, String.class,
                        "text with a NUL or an unpaired surrogate cannot be stored");
            }
            return value;
        }
    }
}
