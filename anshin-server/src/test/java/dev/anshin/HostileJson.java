package dev.anshin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * Fuzzing of JSON endpoints with QuickTheories: bodies a careless or hostile client sends, each made
 * from a valid one by one to three changes (a value replaced by another JSON type, an absurd number or
 * hostile text, a key removed, given twice or added, the text cut short), and the check that every one
 * is answered cleanly (never a 5xx; a refusal is a problem document and stores nothing).
 */
public final class HostileJson {

    /** How one change alters the body. */
    public enum Kind { REPLACE, REMOVE, DUPLICATE, ADD, TRUNCATE }

    /** One change; {@code where} picks the key (or cut position), {@code value} is raw JSON. */
    public record Change(Kind kind, int where, String value) {
    }

    /** Values of every JSON type that clients get wrong or attackers try, as raw JSON. */
    static final List<String> VALUES = List.of("null", "true", "false", "0", "-1", "1", "12.99", "-0.5", "1.2e4",
            "1250.0", "1e400", "-1e400", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "99999999999999999999999999", "[]", "{}", "[null]", "[1,\"a\"]", "{\"a\":{\"b\":[]}}", "\"\"", "\" \"",
            "\"12800\"", "\"true\"", "\"\\u0000\"", "\"\\u001b[2J\"", "\"\\u202eMOC.ELGOOG\"", "\"a\\u2066b\"",
            "\"\\ud800\"", "\"\\udc00x\"", "\"4111 1111 1111 1111\"", "\"4111111111111111\"",
            "\"" + "x".repeat(5_000) + "\"", "\"' OR 1=1 --\"", "\"<script>alert(1)</script>\"", "\"../../etc/passwd\"",
            "\"%s%n\"", "\"\\u2028\"", "\"ｱｲｳ\"", "\"😀\"", "\"1970-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"",
            "\"JPY\"", "\"YES\"", "\"REVIEW\"", "\"SERVICE_OPERATION\"", "\"00000000-0000-0000-0000-000000000000\"");

    /** One value of each kind, tried in every place of the body before the random combinations. */
    static final List<String> SWEEP = List.of("null", "true", "0", "-1", "12.99", "1.2e4", "9223372036854775808",
            "[]", "{}", "\"\"", "\"12800\"", "\"\\u0000\"", "\"\\u202eMOC.ELGOOG\"", "\"\\ud800\"",
            "\"4111 1111 1111 1111\"", "\"" + "x".repeat(5_000) + "\"");

    private HostileJson() {
    }

    /** One to three changes. */
    public static Gen<List<Change>> changes() {
        Gen<String> value = Generate.oneOf(Generate.pick(VALUES),
                strings().allPossible().ofLengthBetween(0, 24).map(s -> quote(s)),
                integers().all().map(n -> String.valueOf(n)));
        Gen<Change> change = Generate.enumValues(Kind.class).zip(integers().between(0, 100_000), value, Change::new);
        return lists().of(change).ofSizeBetween(1, 3);
    }

    /**
     * Sends hostile variants of {@code valid()} (a new valid body each time, so fresh ids stay fresh):
     * first every place of the body removed, given twice and replaced by each value of {@link #SWEEP},
     * then {@code examples} random combinations; and checks each answer: no 5xx; a 4xx is {@code application/problem+json}; and
     * after a 4xx, {@code stored} (a count of what the endpoint writes) has not moved.
     */
    public static void assertAnsweredCleanly(MockMvc mvc, int examples, Supplier<Map<String, Object>> valid,
            Function<String, RequestBuilder> request, Function<Map<String, Object>, Long> stored) {
        assertAnsweredCleanly(mvc, examples, valid, request, stored, accepted -> { });
    }

    /** Same; {@code accepted} is given every 2xx answer (to undo what must not pile up, such as models). */
    public static void assertAnsweredCleanly(MockMvc mvc, int examples, Supplier<Map<String, Object>> valid,
            Function<String, RequestBuilder> request, Function<Map<String, Object>, Long> stored,
            java.util.function.Consumer<MockHttpServletResponse> accepted) {
        // First every place of the body alone (to the second level: a large body's deeper places only in the
        // random part): removed, given twice, and replaced by each value of SWEEP.
        List<Slot> places = new ArrayList<>();
        slots(copy(valid.get()), places, 0);
        for (int place = 0; place < places.size(); place++) {
            if (places.get(place).depth() > 1) {
                continue;
            }
            sendAndCheck(mvc, valid, request, stored, accepted, List.of(new Change(Kind.REMOVE, place, "")));
            sendAndCheck(mvc, valid, request, stored, accepted, List.of(new Change(Kind.DUPLICATE, place, "null")));
            for (String value : SWEEP) {
                sendAndCheck(mvc, valid, request, stored, accepted, List.of(new Change(Kind.REPLACE, place, value)));
            }
        }
        // Then random combinations, shrunk to the smallest one that fails.
        qt().withExamples(examples).withShrinkCycles(20).forAll(changes())
                .checkAssert(changes -> sendAndCheck(mvc, valid, request, stored, accepted, changes));
    }

    private static void sendAndCheck(MockMvc mvc, Supplier<Map<String, Object>> valid,
            Function<String, RequestBuilder> request, Function<Map<String, Object>, Long> stored,
            java.util.function.Consumer<MockHttpServletResponse> accepted, List<Change> changes) {
        Map<String, Object> body = valid.get();
        String text = apply(body, changes);
        long before = stored.apply(body);
        MockHttpServletResponse response;
        try {
            response = mvc.perform(request.apply(text)).andReturn().getResponse();
        } catch (Exception e) {
            throw new AssertionError("the request failed: " + e, e);
        }
        int status = response.getStatus();
        assertThat(status).as("status for %s", text).isLessThan(500);
        if (status >= 400) {
            assertThat(response.getContentType()).as("content type for %s", text)
                    .startsWith("application/problem+json");
            assertThat(stored.apply(body)).as("stored after %d for %s", status, text).isEqualTo(before);
        } else if (status < 300) {
            accepted.accept(response);
        }
    }

    /** The body with the changes made, as JSON text. */
    public static String apply(Map<String, Object> valid, List<Change> changes) {
        Object body = copy(valid);
        int cut = -1;
        for (Change change : changes) {
            if (change.kind() == Kind.TRUNCATE) {
                cut = change.where();
                continue;
            }
            List<Slot> slots = new ArrayList<>();
            slots(body, slots, 0);
            if (slots.isEmpty()) {
                continue;
            }
            Slot slot = slots.get(change.where() % slots.size());
            Raw value = new Raw(change.value());
            switch (change.kind()) {
                case REPLACE -> slot.set(value);
                case REMOVE -> slot.remove();
                case DUPLICATE -> slot.set(new Twice(slot.get(), value));
                case ADD -> slot.parent().put("x" + change.where(), value);
                default -> throw new IllegalStateException();
            }
        }
        String text = write(body, new StringBuilder()).toString();
        return cut < 0 ? text : text.substring(0, cut % (text.length() + 1));
    }

    /** A JSON string literal; control characters and surrogates escaped, so unpaired ones arrive as sent. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private record Raw(String json) {
    }

    /** A key written twice: first its value, then another. */
    private record Twice(Object first, Raw second) {
    }

    private record Slot(Map<String, Object> parent, List<Object> list, String key, int index, int depth) {
        Object get() {
            return parent != null && list == null ? parent.get(key) : list.get(index);
        }

        void set(Object value) {
            if (list != null) {
                list.set(index, value);
            } else {
                parent.put(key, value);
            }
        }

        void remove() {
            if (list != null) {
                list.remove(index);
            } else {
                parent.remove(key);
            }
        }

    }

    @SuppressWarnings("unchecked")
    private static void slots(Object node, List<Slot> into, int depth) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) map).entrySet()) {
                into.add(new Slot((Map<String, Object>) map, null, entry.getKey(), -1, depth));
                slots(entry.getValue(), into, depth + 1);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                // A list element has no map to ADD to: ADD on it goes to a throwaway map (no change).
                into.add(new Slot(new LinkedHashMap<>(), (List<Object>) list, null, i, depth));
                slots(list.get(i), into, depth + 1);
            }
        }
    }

    private static Object copy(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put((String) key, copy(value)));
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(value -> copy.add(copy(value)));
            return copy;
        }
        return node;
    }

    private static StringBuilder write(Object node, StringBuilder out) {
        if (node instanceof Raw raw) {
            return out.append(raw.json());
        }
        if (node instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getValue() instanceof Twice twice) {
                    first = member(out, first, (String) entry.getKey(), twice.first());
                    first = member(out, first, (String) entry.getKey(), twice.second());
                } else {
                    first = member(out, first, (String) entry.getKey(), entry.getValue());
                }
            }
            return out.append('}');
        }
        if (node instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                Object element = list.get(i) instanceof Twice twice ? twice.second() : list.get(i);
                write(element, out);
            }
            return out.append(']');
        }
        if (node instanceof String text) {
            return out.append(quote(text));
        }
        return out.append(node); // numbers, booleans, null
    }

    private static boolean member(StringBuilder out, boolean first, String key, Object value) {
        if (!first) {
            out.append(',');
        }
        out.append(quote(key)).append(':');
        write(value, out);
        return false;
    }
}
