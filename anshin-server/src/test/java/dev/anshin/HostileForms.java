package dev.anshin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Fuzzing of page forms with QuickTheories: a valid form with each field kept, dropped, sent twice or
 * replaced by hostile text, and the check that every one is answered cleanly: never a 5xx, and a
 * refused form (a 4xx, the form again, or a redirect with an error) stores nothing. Each example comes
 * from a fresh address, so the sign-in limits per address do not turn the rest into "limited" answers.
 */
public final class HostileForms {

    /** Text a careless or hostile form sends. */
    public static final List<String> HOSTILE = List.of("", " ", "YES", "yes", "NO", "UNSURE", "EMAIL", "ADDRESS",
            "NAME_KANJI", "\u0000", "\u001b[2J", "\u202eMOC.ELGOOG", "a\u2066b", "\ud800", "4111 1111 1111 1111",
            "x".repeat(5_000), "' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd", "%s%n", "\u2028",
            "00000000-0000-0000-0000-000000000000", "東京都千代田区\r\n丸の内", "ｱｲｳ", "😀");

    /** One form field: kept as it is, dropped, sent twice or replaced. */
    record Field(int how, String value) {
    }

    private HostileForms() {
    }

    /**
     * What the portal's redirects after a refused form carry ({@code ?error=…}, {@code ?invalid},
     * {@code ?failed}, {@code ?unconfirmed}…): a redirect without one of them is taken for success.
     */
    static final List<String> REFUSALS = List.of("error", "limited", "expired", "invalid", "failed", "unconfirmed");

    /**
     * Posts {@code examples} hostile variants of the {@code valid} form to {@code path} in the session
     * given (a new one each time, or one signed in); a field named {@code requestId} gets a fresh value
     * unless the example replaces it. {@code stored} counts what the form writes.
     */
    public static void assertAnsweredCleanly(MockMvc mvc, int examples, Supplier<MockHttpSession> session, String path,
            Map<String, String> valid, LongSupplier stored) {
        sendAndCheck(mvc, examples, path, valid, stored, () -> {
            MockHttpSession chosen = session.get();
            return request -> {
                request.setSession(chosen);
                return request;
            };
        });
    }

    /** Same, sent as {@code who} (the staff console's forms: {@code user(name).roles(...)}). */
    public static void assertAnsweredCleanly(MockMvc mvc, int examples, String path, Map<String, String> valid,
            LongSupplier stored, RequestPostProcessor who) {
        sendAndCheck(mvc, examples, path, valid, stored, () -> who);
    }

    private static void sendAndCheck(MockMvc mvc, int examples, String path, Map<String, String> valid,
            LongSupplier stored, Supplier<RequestPostProcessor> sender) {
        Gen<String> text = Generate.oneOf(Generate.pick(HOSTILE), strings().allPossible().ofLengthBetween(0, 24));
        Gen<Field> field = integers().between(0, 5).zip(text, Field::new);
        qt().withExamples(examples).withShrinkCycles(20).forAll(lists().of(field).ofSize(valid.size())).checkAssert(fields -> {
            // Who first: the session it sets must be the one the CSRF token goes with.
            MockHttpServletRequestBuilder form = post(path).with(sender.get()).with(csrf())
                    .with(RemoteAddresses.from(RemoteAddresses.fresh()));
            int i = 0;
            for (Map.Entry<String, String> entry : valid.entrySet()) {
                Field change = fields.get(i++);
                String value = entry.getKey().equals("requestId") ? java.util.UUID.randomUUID().toString() : entry.getValue();
                switch (change.how()) {
                    case 0, 1 -> form.param(entry.getKey(), value);
                    case 2 -> { } // dropped
                    case 3 -> form.param(entry.getKey(), value, change.value());
                    default -> form.param(entry.getKey(), change.value());
                }
            }
            long before = stored.getAsLong();
            MockHttpServletResponse response;
            try {
                response = mvc.perform(form).andReturn().getResponse();
            } catch (Exception e) {
                throw new AssertionError("the form failed: " + e, e);
            }
            assertThat(response.getStatus()).as("status for %s", fields).isLessThan(500);
            String location = response.getRedirectedUrl();
            // A bare sign-in page means the example never reached the form: the fuzzing would prove nothing.
            assertThat(location == null ? "" : location).as("redirect for %s", fields)
                    .doesNotMatch(".*/login$");
            boolean refused = response.getStatus() >= 400 || location == null
                    || REFUSALS.stream().anyMatch(location::contains);
            if (refused) {
                assertThat(stored.getAsLong()).as("stored after a refusal for %s", fields).isEqualTo(before);
            }
        });
    }
}
