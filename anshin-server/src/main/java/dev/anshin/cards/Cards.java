package dev.anshin.cards;

import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The card registry, and the edge where a PAN becomes a token. Only registered cards are scored:
 * an unknown card is refused rather than silently creating history for a mistyped number.
 */
@Repository
public class Cards {

    private static final int CACHE_LIMIT = 100_000;

    private final JdbcClient jdbc;
    private final PanTokenizer tokenizer;
    private final PanVault vault;
    private final TransactionTemplate transactions;
    private final Clock clock;
    // Cards are read on every authorization and change rarely; blocking evicts.
    private final Map<String, Card> byToken = new ConcurrentHashMap<>();

    Cards(JdbcClient jdbc, PanTokenizer tokenizer, PanVault vault, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.tokenizer = tokenizer;
        this.vault = vault;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The full number of a registered card, for the CARD_DATA role; every attempt is audited. */
    public String detokenize(String token, String actor, String origin, String reference) {
        Card card = find(token).orElseThrow(() -> RequestProblem.notFound("No such card."));
        return vault.detokenize(card, actor, origin, reference);
    }

    /**
     * The registered card a request refers to, by token or by PAN (exactly one of them).
     *
     * @param field the request field holding the card, named in problems
     * @throws RequestProblem VALIDATION for a malformed reference, UNKNOWN_CARD when not registered
     */
    public Card resolve(String token, String pan, String field) {
        boolean hasToken = token != null && !token.isBlank();
        boolean hasPan = pan != null && !pan.isBlank();
        if (hasToken == hasPan) {
            throw RequestProblem.invalid(field, "give exactly one of token or pan");
        }
        String key = hasToken ? token : tokenizer.tokenize(Pan.parse(pan, field + ".pan"));
        return find(key).orElseThrow(() -> new RequestProblem(ProblemType.UNKNOWN_CARD,
                "The card is not registered.", List.of(new FieldProblem(field, "unknown card"))));
    }

    /** Registers a card by its PAN (idempotent: the same PAN gives the same card). */
    public Card register(String pan) {
        Pan parsed = Pan.parse(pan, "pan");
        String token = tokenizer.tokenize(parsed);
        Optional<Card> existing = find(token);
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = clock.instant();
        try {
            transactions.executeWithoutResult(tx -> {
                jdbc.sql("INSERT INTO cards (token, bin, last4, status, created_at) VALUES (?, ?, ?, ?, ?)")
                        .params(token, parsed.bin(), parsed.last4(), Card.Status.ACTIVE.name(), Timestamp.from(now))
                        .update();
                vault.store(token, parsed);
            });
        } catch (DuplicateKeyException registeredMeanwhile) {
            return find(token).orElseThrow();
        }
        return new Card(token, parsed.bin(), parsed.last4(), Card.Status.ACTIVE, now);
    }

    public Optional<Card> find(String token) {
        if (byToken.size() >= CACHE_LIMIT) {
            return Optional.ofNullable(byToken.get(token)).or(() -> load(token));
        }
        // Loaded inside the map's lock for this token: a status change removing the entry waits for
        // a load in progress, so a stale ACTIVE can never be cached after a block.
        return Optional.ofNullable(byToken.computeIfAbsent(token, t -> load(t).orElse(null)));
    }

    private Optional<Card> load(String token) {
        return jdbc.sql("SELECT token, bin, last4, status, created_at FROM cards WHERE token = ?")
                .param(token)
                .query((rs, n) -> new Card(rs.getString("token"), rs.getString("bin"), rs.getString("last4"),
                        Card.Status.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    public Card changeStatus(String token, Card.Status status) {
        int updated = jdbc.sql("UPDATE cards SET status = ? WHERE token = ?").params(status.name(), token).update();
        byToken.remove(token);
        if (updated == 0) {
            throw RequestProblem.notFound("No such card.");
        }
        return find(token).orElseThrow();
    }
}
