package dev.anshin.fraud;

import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.privacy.PersonalData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Erasures made by another server sharing the database, learnt while this one runs. Each server's decision
 * log holds decisions not yet in the database, and only the erasing server's {@link ErasedCards} hear of the
 * erasure as it happens: without this, another server's indexer would store its logged decisions of the
 * erased customer's cards with their device data, until its next start.
 *
 * <p>Every {@code anshin.fraud.erasures-poll-interval} (5 s) the erasures since the last successful reading,
 * less {@link #OVERLAP}, are read (tombstones, ids only); the first reading looks back from the server's start
 * less the overlap (what came before, the start-up covers through {@link ErasedCards#erasedInDatabase}). The
 * cards of each customer not seen in the previous successful reading are named to {@link ErasedCards} first,
 * so that decisions indexed from then on keep no device data, and then the authorizations already stored of
 * those cards lose theirs (the indexer may have committed after the erasing server's update). As with a live
 * erasure, a batch the indexer was inserting meanwhile is caught by its check after the commit. The overlap
 * covers an erasure whose transaction committed late with an earlier time, and clocks some minutes apart; a
 * customer is looked up once while its erasure is in the window. A reading that fails (the database away for
 * however long) moves nothing on: the next one reads from the same point, so no erasure is skipped.
 */
@Component
class ErasuresElsewhere {

    private static final Logger log = LoggerFactory.getLogger(ErasuresElsewhere.class);

    /** How far back each reading looks: longer than any erasure's transaction plus the servers' clock skew. */
    static final Duration OVERLAP = Duration.ofMinutes(10);

    private final PersonalData personalData;
    private final Cards cards;
    private final Decisions decisions;
    private final ErasedCards erasedCards;
    private final Clock clock;
    /** The customers of the previous successful reading: those are done. */
    private Set<String> seen = Set.of();
    /** When the last successful reading began (first, the server's start); the next reads from there less OVERLAP. */
    private Instant readUpTo;

    ErasuresElsewhere(PersonalData personalData, Cards cards, Decisions decisions, ErasedCards erasedCards,
            Clock clock) {
        this.personalData = personalData;
        this.cards = cards;
        this.decisions = decisions;
        this.erasedCards = erasedCards;
        this.clock = clock;
        this.readUpTo = clock.instant();
    }

    @Scheduled(fixedDelayString = "${anshin.fraud.erasures-poll-interval:5s}",
            initialDelayString = "${anshin.fraud.erasures-poll-interval:5s}")
    void pollQuietly() {
        try {
            learn();
        } catch (RuntimeException e) {
            // The database away: the next reading looks back far enough to find what this one missed.
            log.warn("Could not read the erasures made by other servers: {}", e.toString());
        }
    }

    /** One reading: answers how many cards were named that no erasure had named on this server before. */
    synchronized int learn() {
        Instant now = clock.instant();
        List<String> erased = personalData.erasedSince(readUpTo.minus(OVERLAP));
        List<String> tokens = new ArrayList<>();
        for (String customerId : erased) {
            if (!seen.contains(customerId)) {
                cards.ofCustomer(customerId).stream().map(Card::token).forEach(tokens::add);
            }
        }
        List<String> named = erasedCards.erased(tokens);
        // Every unseen customer's cards, not only the newly named: if an earlier reading named them and then
        // failed before this update, it is done now (rows already without device data are not touched).
        int forgotten = decisions.forgetDevices(tokens);
        if (!named.isEmpty()) {
            log.info("Learnt of an erasure made by another server: {} cards; {} stored authorizations lost their "
                    + "device data", named.size(), forgotten);
        }
        seen = Set.copyOf(erased);
        readUpTo = now;
        return named.size();
    }
}
