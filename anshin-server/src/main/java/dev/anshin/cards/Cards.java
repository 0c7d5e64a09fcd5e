package dev.anshin.cards;

import dev.anshin.privacy.CustomerErased;
import dev.anshin.privacy.PersonalData;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.Luhn;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The card registry, and the edge where a PAN becomes a token. Only registered cards are scored:
 * an unknown card is refused rather than silently creating history for a mistyped number.
 */
@Repository
public class Cards {

    private static final int CACHE_LIMIT = 100_000;
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    private final JdbcClient jdbc;
    private final PanTokenizer tokenizer;
    private final PanVault vault;
    private final PersonalData customers;
    private final TransactionTemplate transactions;
    private final Clock clock;
    // Cards are read on every authorization and change rarely; blocking evicts.
    private final Map<String, Card> byToken = new ConcurrentHashMap<>();

    Cards(JdbcClient jdbc, PanTokenizer tokenizer, PanVault vault, PersonalData customers,
            TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.tokenizer = tokenizer;
        this.vault = vault;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * A keyed pseudonym of an identifier that comes with an authorization and is matched later but
     * never kept (Compelling Evidence 3.0 compares shipping addresses and merchant account ids):
     * {@code domain} keeps kinds apart; the value is normalized (NFKC, upper case, single spaces) so
     * the same address typed differently matches.
     */
    public String pseudonym(String domain, String value) {
        String normalized = SPACES.matcher(java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFKC)
                .toUpperCase(java.util.Locale.ROOT).strip()).replaceAll(" ");
        return tokenizer.pseudonym(domain, normalized);
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

    /** Registers a card by its PAN alone (idempotent: the same PAN gives the same card). */
    public Card register(String pan) {
        return register(pan, null);
    }

    /**
     * Registers a card by its PAN, belonging to a customer (or to none when {@code customerId} is
     * null). Idempotent: the same PAN gives the same card; a card registered without a customer is
     * linked to the one given now, and a card of another customer is a conflict.
     */
    public Card register(String pan, String customerId) {
        Pan parsed = Pan.parse(pan, "pan");
        if (customerId != null && !customers.isActive(customerId)) {
            throw new RequestProblem(ProblemType.VALIDATION, "No such customer, or their data was erased.",
                    List.of(new FieldProblem("customerId", "unknown or erased customer")));
        }
        String token = tokenizer.tokenize(parsed);
        Optional<Card> existing = find(token);
        if (existing.isEmpty()) {
            Instant now = clock.instant();
            try {
                transactions.executeWithoutResult(tx -> {
                    if (customerId != null) {
                        customers.holdActive(customerId); // an erasure now waits, then finds this card
                    }
                    jdbc.sql("INSERT INTO cards (token, bin, last4, status, created_at, customer_id) "
                                    + "VALUES (?, ?, ?, ?, ?, ?)")
                            .params(token, parsed.bin(), parsed.last4(), Card.Status.ACTIVE.name(), Timestamp.from(now),
                                    customerId)
                            .update();
                    vault.store(token, parsed);
                });
                return new Card(token, parsed.bin(), parsed.last4(), Card.Status.ACTIVE, now, customerId);
            } catch (DuplicateKeyException registeredMeanwhile) {
                existing = find(token);
            }
        }
        Card card = existing.orElseThrow();
        if (customerId == null || customerId.equals(card.customerId())) {
            return card;
        }
        if (card.customerId() == null) {
            // Only a card without a customer is linked; a concurrent link to someone else wins once.
            Integer linked = transactions.execute(tx -> {
                customers.holdActive(customerId);
                return jdbc.sql("UPDATE cards SET customer_id = ? WHERE token = ? AND customer_id IS NULL")
                        .params(customerId, token).update();
            });
            byToken.remove(token);
            Card now = find(token).orElseThrow();
            if (Integer.valueOf(1).equals(linked) || customerId.equals(now.customerId())) {
                return now;
            }
        }
        throw new RequestProblem(ProblemType.CONFLICT, "This card is registered to another customer.",
                List.of(new FieldProblem("customerId", "the card belongs to another customer")));
    }

    /**
     * Issues a new virtual card number to replace a compromised card: same BIN (network and
     * product), fresh random account digits with a valid check digit, the same customer, stored in
     * the vault like any card. Idempotent: a card has at most one replacement, and asking again
     * returns it. The old card is not blocked here (the caller blocks it, first).
     */
    public Card replace(String token) {
        Card old = find(token).orElseThrow(() -> RequestProblem.notFound("No such card."));
        Optional<Card> existing = replacementOf(token);
        if (existing.isPresent()) {
            return existing.get();
        }
        for (int attempt = 0; ; attempt++) {
            Pan pan = Pan.parse(newNumber(old.bin()), "pan");
            String newToken = tokenizer.tokenize(pan);
            Instant now = clock.instant();
            try {
                transactions.executeWithoutResult(tx -> {
                    if (old.customerId() != null) {
                        customers.holdActive(old.customerId());
                    }
                    jdbc.sql("INSERT INTO cards (token, bin, last4, status, created_at, customer_id, replaces) "
                                    + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                            .params(newToken, pan.bin(), pan.last4(), Card.Status.ACTIVE.name(), Timestamp.from(now),
                                    old.customerId(), token)
                            .update();
                    vault.store(newToken, pan);
                });
                return find(newToken).orElseThrow();
            } catch (DuplicateKeyException e) {
                existing = replacementOf(token);
                if (existing.isPresent()) {
                    return existing.get(); // replaced meanwhile by a concurrent call
                }
                if (attempt >= 3) {
                    throw e; // four random numbers all taken: not chance
                }
            }
        }
    }

    /**
     * Issues a new virtual card on an approved application: a fresh random number in {@code bin} (as
     * {@link #replace} makes one), the customer's, PENDING (declined until {@link #activateIssued}, the
     * issuance's last step, so a half-finished issuance never leaves a usable card), its number in the
     * vault, and its expiry. Idempotent on {@code applicationRef}: an application has at most one card (a unique
     * index), and asking again, after a crash say, returns the card first issued.
     *
     * @param applicationRef onboarding's application id (a plain token, never personal data)
     * @param bin            the issuer's BIN for the product, six digits
     * @param expiry         the month the card expires (the end of that month)
     */
    public Card issueVirtual(String customerId, String applicationRef, String bin, java.time.YearMonth expiry) {
        if (bin == null || !bin.matches("[0-9]{6}")) {
            throw RequestProblem.invalid("bin", "six digits");
        }
        if (applicationRef == null || applicationRef.length() > 64 || !dev.anshin.problems.Ids.isToken(applicationRef)) {
            throw RequestProblem.invalid("applicationRef", "1 to 64 letters, digits, '.', '_', ':' or '-'");
        }
        Optional<Card> existing = issuedFor(applicationRef);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (customerId == null || !customers.isActive(customerId)) {
            throw new RequestProblem(ProblemType.VALIDATION, "No such customer, or their data was erased.",
                    List.of(new FieldProblem("customerId", "unknown or erased customer")));
        }
        for (int attempt = 0; ; attempt++) {
            Pan pan = Pan.parse(newNumber(bin), "pan");
            String token = tokenizer.tokenize(pan);
            Instant now = clock.instant();
            try {
                transactions.executeWithoutResult(tx -> {
                    customers.holdActive(customerId);
                    jdbc.sql("INSERT INTO cards (token, bin, last4, status, created_at, customer_id, application_ref, "
                                    + "expires) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                            .params(token, pan.bin(), pan.last4(), Card.Status.PENDING.name(), Timestamp.from(now),
                                    customerId, applicationRef, expiry.toString())
                            .update();
                    vault.store(token, pan);
                });
                return find(token).orElseThrow();
            } catch (DuplicateKeyException e) {
                existing = issuedFor(applicationRef);
                if (existing.isPresent()) {
                    return existing.get(); // issued meanwhile by a concurrent call (the recovery job, a retry)
                }
                if (attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * Activates the card issued on this application: PENDING becomes ACTIVE; a card already active, blocked
     * or closed stays as it is (idempotent). Empty when none was issued.
     */
    public Optional<Card> activateIssued(String applicationRef) {
        return moveIssued(applicationRef, List.of(Card.Status.PENDING), Card.Status.ACTIVE);
    }

    /**
     * Takes the card issued on this application back to PENDING (declined) while its application is
     * decided again: an issuance that never finished, whose number nobody was shown. A blocked or closed
     * card stays as it is. Empty when none was issued.
     */
    public Optional<Card> suspendIssued(String applicationRef) {
        return moveIssued(applicationRef, List.of(Card.Status.ACTIVE), Card.Status.PENDING);
    }

    /**
     * Closes the card issued on this application for good (its application was declined): CLOSED is never
     * usable again, and no status change reopens it. Idempotent. Empty when none was issued.
     */
    public Optional<Card> closeIssued(String applicationRef) {
        return moveIssued(applicationRef, List.of(Card.Status.PENDING, Card.Status.ACTIVE, Card.Status.BLOCKED),
                Card.Status.CLOSED);
    }

    private Optional<Card> moveIssued(String applicationRef, List<Card.Status> from, Card.Status to) {
        Optional<Card> issued = issuedFor(applicationRef);
        if (issued.isEmpty()) {
            return issued;
        }
        String token = issued.get().token();
        jdbc.sql("UPDATE cards SET status = :to WHERE token = :token AND status IN (:from)")
                .param("to", to.name()).param("token", token)
                .param("from", from.stream().map(Enum::name).toList()).update();
        byToken.remove(token);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // Inside a caller's transaction (the onboarding recovery): forgotten again once it ends, or a
            // reader between now and the commit could keep the status before this move cached.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    byToken.remove(token);
                }
            });
        }
        return find(token);
    }

    /** The card issued on this application ({@link #issueVirtual}), if any. */
    public Optional<Card> issuedFor(String applicationRef) {
        return jdbc.sql(SELECT + " WHERE application_ref = ?").param(applicationRef).query(Cards::card).optional();
    }

    /** When a card issued by {@link #issueVirtual} expires; empty for a card registered by its number. */
    public Optional<java.time.YearMonth> expiryOf(String token) {
        return jdbc.sql("SELECT expires FROM cards WHERE token = ?").param(token).query(String.class).list().stream()
                .filter(java.util.Objects::nonNull).findFirst().map(java.time.YearMonth::parse);
    }

    /** The card issued to replace this one, if any. */
    public Optional<Card> replacementOf(String token) {
        return jdbc.sql(SELECT + " WHERE replaces = ?").param(token).query(Cards::card).optional();
    }

    /** A 16-digit number in this BIN: random account digits and the Luhn check digit. */
    private static String newNumber(String bin) {
        StringBuilder digits = new StringBuilder(bin);
        while (digits.length() < 15) {
            digits.append(NUMBERS.nextInt(10));
        }
        return digits.append(Luhn.checkDigit(digits.toString())).toString();
    }

    private static final java.security.SecureRandom NUMBERS = new java.security.SecureRandom();

    /**
     * The customers holding a card whose number ends in these four digits (kept in clear, as PCI DSS
     * allows), at most {@code limit} of them, each once: with another detail of the caller's, how
     * customer service finds a customer. Asking one more than wanted tells "too many" apart.
     */
    public List<String> customersWithCardEndingIn(String last4, int limit) {
        if (last4 == null || !last4.matches("[0-9]{4}")) {
            return List.of();
        }
        return jdbc.sql("SELECT DISTINCT customer_id FROM cards WHERE last4 = ? AND customer_id IS NOT NULL "
                + "ORDER BY customer_id LIMIT ?").params(last4, limit).query(String.class).list();
    }

    /** The cards of a customer, oldest first. */
    public List<Card> ofCustomer(String customerId) {
        return jdbc.sql(SELECT + " WHERE customer_id = ? ORDER BY created_at, token").param(customerId)
                .query(Cards::card).list();
    }

    /**
     * An erased customer's card numbers go with their key: their vault rows are deleted and their
     * cards blocked (a card pending its issuance closed), in the erasure's own transaction.
     */
    @EventListener
    void onCustomerErased(CustomerErased erased) {
        List<Card> owned = ofCustomer(erased.customerId());
        vault.deleteOfCustomer(erased.customerId());
        // A card pending its issuance is closed for good: blocked, it could be unblocked into use.
        jdbc.sql("UPDATE cards SET status = ? WHERE customer_id = ? AND status = ?").params(Card.Status.CLOSED.name(),
                erased.customerId(), Card.Status.PENDING.name()).update();
        jdbc.sql("UPDATE cards SET status = ? WHERE customer_id = ? AND status <> ?").params(Card.Status.BLOCKED.name(),
                erased.customerId(), Card.Status.CLOSED.name()).update();
        // After commit, or a rollback would leave the cache saying BLOCKED for an active card; a
        // concurrent reader may reload ACTIVE before then, which the erasure's commit corrects.
        if (!owned.isEmpty() && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    owned.forEach(card -> byToken.remove(card.token()));
                }
            });
        } else {
            owned.forEach(card -> byToken.remove(card.token()));
        }
    }

    /**
     * The cards whose number ends in {@code last4}, and begins with {@code bin} when one is given:
     * how staff name a card without its number (a masked card, or its last four digits). At most
     * {@code limit}, oldest first.
     */
    public List<Card> withDigits(String bin, String last4, int limit) {
        if (bin == null) {
            return jdbc.sql(SELECT + " WHERE last4 = ? ORDER BY created_at, token").param(last4)
                    .withMaxRows(limit).query(Cards::card).list();
        }
        return jdbc.sql(SELECT + " WHERE last4 = ? AND bin = ? ORDER BY created_at, token").params(last4, bin)
                .withMaxRows(limit).query(Cards::card).list();
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
        return jdbc.sql(SELECT + " WHERE token = ?").param(token).query(Cards::card).optional();
    }

    private static final String SELECT = "SELECT token, bin, last4, status, created_at, customer_id FROM cards";

    private static Card card(ResultSet rs, int row) throws SQLException {
        return new Card(rs.getString("token"), rs.getString("bin"), rs.getString("last4"),
                Card.Status.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant(),
                rs.getString("customer_id"));
    }

    /**
     * Blocks these cards together, in one statement (all or none); returns how many were active. Only
     * active cards are blocked: a card pending its issuance stays PENDING (declined already, and never
     * unblocked into use), a closed one CLOSED.
     * The scoring API declines them from the moment this returns.
     */
    public int blockAll(Collection<String> tokens) {
        if (tokens.isEmpty()) {
            return 0;
        }
        List<String> all = List.copyOf(tokens);
        Integer blocked = transactions.execute(tx -> {
            int n = 0;
            for (int from = 0; from < all.size(); from += 1_000) { // bounded IN lists, one transaction
                n += jdbc.sql("UPDATE cards SET status = :blocked WHERE token IN (:tokens) AND status = :active")
                        .param("blocked", Card.Status.BLOCKED.name()).param("active", Card.Status.ACTIVE.name())
                        .param("tokens", all.subList(from, Math.min(all.size(), from + 1_000)))
                        .update();
            }
            return n;
        });
        all.forEach(byToken::remove);
        return blocked == null ? 0 : blocked;
    }

    /**
     * Blocks or unblocks a card. A closed card is never reopened, and a card pending its issuance is
     * neither blocked nor unblocked (it is declined already, and activated only by that issuance,
     * {@link #activateIssued}; blocked, it could be unblocked into use): both refused (409).
     */
    public Card changeStatus(String token, Card.Status status) {
        if (status != Card.Status.ACTIVE && status != Card.Status.BLOCKED) {
            throw RequestProblem.invalid("status", "ACTIVE or BLOCKED");
        }
        int updated = jdbc.sql("UPDATE cards SET status = ? WHERE token = ? AND status IN (?, ?)")
                .params(status.name(), token, Card.Status.ACTIVE.name(), Card.Status.BLOCKED.name()).update();
        byToken.remove(token);
        Card card = find(token).orElseThrow(() -> RequestProblem.notFound("No such card."));
        if (updated == 0) {
            throw RequestProblem.conflict(card.status() == Card.Status.CLOSED ? "The card is closed for good."
                    : "The card is not issued yet: its issuance activates it.");
        }
        return card;
    }
}
