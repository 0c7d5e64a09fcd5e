package dev.anshin.screening;

import dev.anshin.fraud.Decisions;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The card's use as Anshin knows it: its approved authorizations in the window, summed in yen (JPY's
 * minor unit is the yen; other currencies are left out, as their yen amount is the network's to settle).
 * Late payments are unknown here: Anshin keeps no billing ledger. An issuer's ledger replaces this with
 * an {@link AccountUsage} bean marked {@code @Primary}.
 */
@Component
class AuthorizationsAccountUsage implements AccountUsage {

    /** Approved totals per currency of these cards in [from, to): {@link Decisions#approvedTotals}. */
    interface ApprovedTotals {
        List<Decisions.Total> of(List<String> cardTokens, Instant from, Instant to);
    }

    private final ApprovedTotals totals;

    @Autowired
    AuthorizationsAccountUsage(Decisions decisions) {
        this(decisions::approvedTotals);
    }

    AuthorizationsAccountUsage(ApprovedTotals totals) {
        this.totals = totals;
    }

    @Override
    public UsageFigures usage(String cardToken, Instant from, Instant to) {
        long yen = totals.of(List.of(cardToken), from, to).stream()
                .filter(total -> "JPY".equals(total.currency()))
                .mapToLong(Decisions.Total::amountMinor)
                .sum();
        return new UsageFigures(yen, null);
    }
}
