package dev.anshin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fuzzer's changes do what they say, so a passing fuzz test means what it claims. */
class HostileJsonTest {

    private static Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", "a-1");
        body.put("amount", new LinkedHashMap<>(Map.of("minor", 1250)));
        body.put("ids", List.of("x", "y"));
        return body;
    }

    @Test
    void eachKindOfChangeAltersTheBodyAsNamed() {
        assertThat(HostileJson.apply(body(), List.of())).isEqualTo("{\"id\":\"a-1\",\"amount\":{\"minor\":1250},\"ids\":[\"x\",\"y\"]}");
        assertThat(HostileJson.apply(body(), List.of(new HostileJson.Change(HostileJson.Kind.REPLACE, 2, "12.99"))))
                .isEqualTo("{\"id\":\"a-1\",\"amount\":{\"minor\":12.99},\"ids\":[\"x\",\"y\"]}");
        assertThat(HostileJson.apply(body(), List.of(new HostileJson.Change(HostileJson.Kind.DUPLICATE, 0, "7"))))
                .startsWith("{\"id\":\"a-1\",\"id\":7,");
        assertThat(HostileJson.apply(body(), List.of(new HostileJson.Change(HostileJson.Kind.REMOVE, 1, ""))))
                .isEqualTo("{\"id\":\"a-1\",\"ids\":[\"x\",\"y\"]}");
        assertThat(HostileJson.apply(body(), List.of(new HostileJson.Change(HostileJson.Kind.REPLACE, 5, "{}"))))
                .endsWith("\"ids\":[\"x\",{}]}");
        assertThat(HostileJson.apply(body(), List.of(new HostileJson.Change(HostileJson.Kind.ADD, 0, "null"))))
                .endsWith(",\"x0\":null}");
        assertThat(HostileJson.apply(body(), List.of(new HostileJson.Change(HostileJson.Kind.TRUNCATE, 5, ""))))
                .isEqualTo("{\"id\"");
    }

    @Test
    void controlCharactersAndUnpairedSurrogatesTravelEscaped() {
        assertThat(HostileJson.quote("a\u0000\"\\\ud800")).isEqualTo("\"a\\u0000\\\"\\\\\\ud800\"");
    }
}
