package dev.anshin.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.web.MockHttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

class StrictBodyTest {

    record Inner(String value) {
    }

    record Body(String name, Inner inner) {
    }

    private final StrictBody<Body> bodies = StrictBody.of(JsonMapper.builder().build(), Body.class, "a body");
    private final MockHttpServletRequest request = new MockHttpServletRequest();

    @Test
    void readsAKnownBody() {
        assertThat(bodies.read(bytes("{\"name\":\"a\",\"inner\":{\"value\":\"b\"}}"), request))
                .isEqualTo(new Body("a", new Inner("b")));
    }

    @Test
    void answersNullForAJsonNull() {
        assertThat(bodies.read(bytes("null"), request)).isNull();
    }

    @Test
    void refusesAnUnknownFieldNamingItsPath() {
        assertThatThrownBy(() -> bodies.read(bytes("{\"inner\":{\"valu\":\"b\"}}"), request))
                .isInstanceOfSatisfying(RequestProblem.class, problem -> assertThat(problem.errors())
                        .containsExactly(new FieldProblem("inner.valu", "is not a field of a body")));
    }

    @Test
    void doesNotEchoAnUnknownFieldNamedLikeACardNumber() {
        assertThatThrownBy(() -> bodies.read(bytes("{\"4111111111111111\":1}"), request))
                .isInstanceOfSatisfying(RequestProblem.class, problem -> assertThat(problem.errors())
                        .containsExactly(new FieldProblem("(redacted)", "is not a field of a body")));
    }

    @Test
    void leavesTrailingTokensAndBrokenJsonToTheProblemMapping() {
        assertThatThrownBy(() -> bodies.read(bytes("{\"name\":\"a\"} {}"), request))
                .isInstanceOf(HttpMessageNotReadableException.class);
        assertThatThrownBy(() -> bodies.read(bytes("{\"name\":"), request))
                .isInstanceOf(HttpMessageNotReadableException.class);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
