package dev.anshin.fraud;

import dev.anshin.scoring.Decision;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which stored decisions a staff member is looking for; every part optional (null: any).
 *
 * @param decisions  the answers wanted (empty: any)
 * @param minScore   lowest model score, inclusive; a decision without a score (rules alone) never matches a score bound
 * @param maxScore   highest model score, inclusive
 * @param cardTokens the cards (their tokens), or null for any card; an empty collection matches nothing
 * @param merchant   a merchant id (exact) or a part of the merchant's name as stored (any case)
 * @param from       authorizations that happened at or after this moment
 * @param to         and before this one
 */
public record DecisionQuery(Set<Decision> decisions, Double minScore, Double maxScore, Collection<String> cardTokens,
        String merchant, Instant from, Instant to) {

    public DecisionQuery {
        decisions = decisions == null ? Set.of() : Set.copyOf(decisions);
        cardTokens = cardTokens == null ? null : List.copyOf(cardTokens);
        merchant = merchant == null || merchant.isBlank() ? null : merchant.strip();
    }

    /** Every decision. */
    public static DecisionQuery any() {
        return new DecisionQuery(Set.of(), null, null, null, null, null, null);
    }
}
