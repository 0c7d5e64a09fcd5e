package dev.anshin.screening;

import dev.anshin.fraud.Decisions;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The card's use as Anshin knows it: its approved authorizations in the window, summed in yen (JPY's
 * minor unit is the yen; other currencies are left out, as their yen amount is the network's to settle).
 * Late payments are unknown here: Anshin keeps no billing ledger. An issuer's ledger replaces this with
 * an {@link AccountUsage} bean marked {@code @Primary}.
 */
@Component
class AuthorizationsAccountUsage implements AccountUsage {

    private final Decisions decisions;

    AuthorizationsAccountUsage(Decisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public UsageFigures usage(String cardToken, Instant from, Instant to) {
        long yen = decisions.approvedTotals(List.of(cardToken), from, to).stream()
                .filter(total -> "JPY".equals(total.currency()))
                .mapToLong(Decisions.Total::amountMinor)
                .sum();
        return new UsageFigures(yen, null);
    }
}
