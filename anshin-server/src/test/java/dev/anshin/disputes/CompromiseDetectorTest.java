package dev.anshin.disputes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anshin.disputes.CompromiseDetector.Flag;
import dev.anshin.disputes.CompromiseDetector.Kind;
import dev.anshin.disputes.CompromiseDetector.Report;
import dev.anshin.disputes.CompromiseDetector.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompromiseDetectorTest {

    private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
    private final CompromiseDetector detector = new CompromiseDetector(3, 5, Duration.ofDays(7));

    private static Report fraud(String card, String terminal, String merchant, int day) {
        return new Report(card, terminal, merchant, T0.plus(Duration.ofDays(day)));
    }

    @Test
    void threeCardsAtOneTerminalWithinAWeekFlagItFromTheFirstFraud() {
        List<Flag> flags = detector.flags(List.of(fraud("c1", "T1", "M1", 0), fraud("c2", "T1", "M1", 3),
                fraud("c3", "T1", "M1", 6), fraud("c9", "T2", "M1", 1), fraud("c0", "T1", "M0", -60)));
        assertThat(flags).singleElement().satisfies(flag -> {
            assertThat(flag.kind()).isEqualTo(Kind.TERMINAL);
            assertThat(flag.id()).isEqualTo("T1");
            assertThat(flag.reportingCards()).containsExactlyInAnyOrder("c0", "c1", "c2", "c3");
            assertThat(flag.compromisedSince()).as("the first of the converging frauds, not an old one").isEqualTo(T0);
        });
    }

    @Test
    void twoCardsOrOneCardManyTimesOrFraudsFarApartDoNotFlag() {
        assertThat(detector.flags(List.of(fraud("c1", "T1", "M1", 0), fraud("c2", "T1", "M1", 1)))).isEmpty();
        assertThat(detector.flags(List.of(fraud("c1", "T1", "M1", 0), fraud("c1", "T1", "M1", 1),
                fraud("c1", "T1", "M1", 2), fraud("c2", "T1", "M1", 2)))).isEmpty();
        assertThat(detector.flags(List.of(fraud("c1", "T1", "M1", 0), fraud("c2", "T1", "M1", 5),
                fraud("c3", "T1", "M1", 13)))).as("never three within seven days").isEmpty();
    }

    @Test
    void aMerchantNeedsMoreCardsThanATerminal() {
        List<Report> spread = List.of(fraud("c1", "T1", "M1", 0), fraud("c2", "T2", "M1", 1), fraud("c3", "T3", "M1", 2),
                fraud("c4", "T4", "M1", 3));
        assertThat(detector.flags(spread)).isEmpty();
        List<Report> five = new java.util.ArrayList<>(spread);
        five.add(fraud("c5", "T5", "M1", 4));
        assertThat(detector.flags(five)).extracting(Flag::kind, Flag::id)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.MERCHANT, "M1"));
    }

    @Test
    void theCardsExposedAreTheOthersThatUsedThePointSinceTheCompromise() {
        Flag flag = detector.flags(List.of(fraud("c1", "T1", "M1", 2), fraud("c2", "T1", "M1", 3),
                fraud("c3", "T1", "M1", 4))).get(0);
        List<Usage> history = List.of(
                new Usage("before", "T1", "M1", T0.plus(Duration.ofDays(1))),
                new Usage("c2", "T1", "M1", T0.plus(Duration.ofDays(3))),
                new Usage("x2", "T1", "M1", T0.plus(Duration.ofDays(5))),
                new Usage("x1", "T1", "M1", T0.plus(Duration.ofDays(2))),
                new Usage("x1", "T1", "M1", T0.plus(Duration.ofDays(6))),
                new Usage("elsewhere", "T9", "M1", T0.plus(Duration.ofDays(5))));
        assertThat(CompromiseDetector.exposedCards(flag, history)).containsExactly("x1", "x2");
    }

    @Test
    void aCompromiseTakesTwoCards() {
        assertThatThrownBy(() -> new CompromiseDetector(1, 5, Duration.ofDays(7))).isInstanceOf(IllegalArgumentException.class);
    }
}
