package dev.anshin.screening;

import java.time.Instant;

/**
 * How an issued card has been used: the re-screening's second source, beside the credit bureau. The
 * default ({@link AuthorizationsAccountUsage}) sums the card's approved authorizations that Anshin
 * scored; it cannot know late payments (Anshin keeps no billing ledger). An issuer plugs in its ledger
 * with a bean of this type marked {@code @Primary}.
 */
public interface AccountUsage {

    /** Use of the card (its token) in [from, to). */
    UsageFigures usage(String cardToken, Instant from, Instant to);
}
