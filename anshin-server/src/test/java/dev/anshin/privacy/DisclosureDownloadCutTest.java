package dev.anshin.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** A download whose long entry fails part-way must not look complete. */
class DisclosureDownloadCutTest {

    private static final String LONG = "LONG_TEST";
    private static final int BEFORE_FAILURE = 1_000; // more than the generator buffers: part of it went out

    private final JsonMapper json = JsonMapper.builder().build();

    /** A module whose long entry gives {@code given} items, then fails if {@code fails}. */
    private DisclosureFormats formats(boolean fails) {
        HeldElsewhere module = new HeldElsewhere() {
            @Override
            public List<Entry> catalog() {
                return List.of();
            }

            @Override
            public List<Disclosed> disclose(String customerId) {
                return List.of();
            }

            @Override
            public List<LongEntry> longEntries() {
                return List.of(new LongEntry(LONG, List.of("id")));
            }

            @Override
            public long stream(String customerId, String entry, Instant heldAt, Consumer<Disclosed> each) {
                for (int i = 0; i < BEFORE_FAILURE; i++) {
                    each.accept(new Disclosed(LONG, "購入 " + i, "purchase " + i, Map.of("id", "p" + i)));
                }
                if (fails) {
                    throw new IllegalStateException("the database went away"); // after the first page
                }
                return BEFORE_FAILURE;
            }
        };
        StaticMessageSource messages = new StaticMessageSource();
        return new DisclosureFormats(new StaticListableBeanFactory(Map.of("module", module))
                .getBeanProvider(HeldElsewhere.class), new FieldValues(messages), messages, json);
    }

    private static Disclosure disclosure() {
        return new Disclosure("c-cut", Instant.parse("2026-01-01T00:00:00Z"), Map.of(PersonalField.NAME_KANJI, "山田花子"),
                Map.of(), List.of(), List.of(), List.of(new HeldElsewhere.Disclosed(LONG, "購入", "purchase",
                        Map.of("id", "p0"))));
    }

    @Test
    void theJsonDownloadIsCompleteWhenNothingFails() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        formats(false).write(disclosure(), DisclosureFormat.JSON, Locale.JAPANESE, out);

        assertThat(json.readTree(out.toByteArray()).path("held").path(0).path("items").size())
                .isEqualTo(BEFORE_FAILURE);
    }

    @Test
    void aJsonDownloadCutPartWayIsNotValidJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> formats(true).write(disclosure(), DisclosureFormat.JSON, Locale.JAPANESE, out))
                .isInstanceOf(IllegalStateException.class);
        assertThat(out.toString(StandardCharsets.UTF_8)).as("the rows before the failure went out").contains("p1");
        assertThatThrownBy(() -> json.readTree(out.toByteArray())).as("no complete document")
                .isInstanceOf(JacksonException.class);
    }

    @Test
    void aDownloadCutAfterTheResponseWasCommittedIsThrownOnWithThePartSentLeftAsIs() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setBufferSize(1024); // the first page fills it: the response is committed

        assertThatThrownBy(() -> formats(true).download(disclosure(), DisclosureFormat.JSON, Locale.JAPANESE,
                "my-data", response)).isInstanceOf(IllegalStateException.class);
        assertThat(response.isCommitted()).isTrue();
        assertThat(response.getHeader("Content-Disposition")).contains("my-data.json");
        assertThatThrownBy(() -> json.readTree(response.getContentAsByteArray())).isInstanceOf(JacksonException.class);
    }

    @Test
    void aDownloadFailingBeforeAnythingWasSentLeavesTheResponseToTheProblem() {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setBufferSize(1 << 20);

        assertThatThrownBy(() -> formats(true).download(disclosure(), DisclosureFormat.JSON, Locale.JAPANESE,
                "my-data", response)).isInstanceOf(IllegalStateException.class);
        assertThat(response.isCommitted()).isFalse();
        assertThat(response.getContentAsByteArray()).isEmpty();
        assertThat(response.getHeader("Content-Disposition")).isNull();
    }
}
