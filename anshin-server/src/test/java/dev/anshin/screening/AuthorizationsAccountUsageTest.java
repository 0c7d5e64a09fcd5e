package dev.anshin.screening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.fraud.Decisions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorizationsAccountUsageTest {

    private final Instant from = Instant.parse("2026-11-01T00:00:00Z");
    private final Instant to = Instant.parse("2026-12-01T00:00:00Z");

    /** The fraud module's totals for this one card and window, nothing for any other question. */
    private AccountUsage usageWith(List<Decisions.Total> totals) {
        return new AuthorizationsAccountUsage((cards, f, t) ->
                cards.equals(List.of("tok_card")) && f.equals(from) && t.equals(to) ? totals : List.of());
    }

    @Test
    void sumsTheCardsApprovedYenAndLeavesLatePaymentsUnknown() {
        AccountUsage usage = usageWith(List.of(new Decisions.Total("JPY", 184_500, 12),
                new Decisions.Total("USD", 12_050, 2)));

        UsageFigures figures = usage.usage("tok_card", from, to);

        assertThat(figures.spentYen()).as("JPY's minor unit is the yen; dollars are left out").isEqualTo(184_500);
        assertThat(figures.latePayments()).isNull();
    }

    @Test
    void anUnusedCardSpentNothing() {
        assertThat(usageWith(List.of()).usage("tok_card", from, to).spentYen()).isZero();
    }
}
