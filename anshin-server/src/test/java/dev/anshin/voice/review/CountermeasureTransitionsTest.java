package dev.anshin.voice.review;

import static dev.anshin.voice.review.CountermeasureStatus.DONE;
import static dev.anshin.voice.review.CountermeasureStatus.DROPPED;
import static dev.anshin.voice.review.CountermeasureStatus.IN_PROGRESS;
import static dev.anshin.voice.review.CountermeasureStatus.PLANNED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CountermeasureTransitionsTest {

    @Test
    void allowsTheTablesMovesAndRefusesEveryOther() {
        for (CountermeasureStatus from : CountermeasureStatus.values()) {
            for (CountermeasureStatus to : CountermeasureStatus.values()) {
                boolean inTable = CountermeasureTransitions.all()
                        .contains(new CountermeasureTransitions.Transition(from, to));
                if (inTable) {
                    assertThat(CountermeasureTransitions.next(from, to)).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> CountermeasureTransitions.next(from, to))
                            .isInstanceOfSatisfying(CountermeasureRefused.class, r -> {
                                assertThat(r.reason()).isEqualTo(CountermeasureRefused.Reason.ILLEGAL_MOVE);
                                assertThat(r.field()).isEqualTo("status");
                            });
                }
            }
        }
    }

    @Test
    void doneAndDroppedAreFinal() {
        assertThat(CountermeasureTransitions.available(DONE)).isEmpty();
        assertThat(CountermeasureTransitions.available(DROPPED)).isEmpty();
        assertThat(CountermeasureTransitions.available(PLANNED)).containsExactlyInAnyOrder(IN_PROGRESS, DONE, DROPPED);
        assertThat(CountermeasureTransitions.mermaid()).contains("PLANNED --> IN_PROGRESS").contains("DONE --> [*]");
    }

    @Test
    void theDocsDrawTheTableAsItIs() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "voice-review.md"));
        assertThat(docs).as("docs/voice-review.md holds CountermeasureTransitions.mermaid(); paste it again")
                .contains("```mermaid\n" + CountermeasureTransitions.mermaid() + "```");
    }
}
