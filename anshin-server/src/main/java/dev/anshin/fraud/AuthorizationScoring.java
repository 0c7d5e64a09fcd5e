package dev.anshin.fraud;

import dev.anshin.cards.Card;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.problems.RetryLater;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.Decision;
import dev.anshin.scoring.DeviceData;
import dev.anshin.scoring.Reason;
import dev.anshin.scoring.RiskDecision;
import dev.anshin.scoring.ScoringEngine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Service;

/**
 * Scores an authorization exactly once. A retry (same id, same request) gets the stored answer; a
 * concurrent duplicate waits for the first one's answer; the same id with a different request is
 * a conflict. An answer leaves only after its row is committed by the {@link DecisionJournal}.
 */
@Service
class AuthorizationScoring {

    private final ScoringEngine engine;
    private final DecisionJournal journal;
    private final Clock clock;
    private final FraudProperties properties;
    private final ConcurrentHashMap<String, CompletableFuture<StoredDecision>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, StoredDecision> unrecorded;

    AuthorizationScoring(ScoringEngine engine, DecisionJournal journal, Clock clock, FraudProperties properties) {
        this.engine = engine;
        this.journal = journal;
        this.clock = clock;
        this.properties = properties;
        this.unrecorded = boundedMap(properties.decisionCacheSize());
    }

    /** The decision stored for this authorization id, if it was scored. */
    Optional<StoredDecision> find(String authorizationId) {
        return journal.find(authorizationId);
    }

    /**
     * The decision for {@code authorization}, scored now or recalled.
     *
     * @param startNanos when the server started handling the request ({@link System#nanoTime()})
     */
    StoredDecision decide(Authorization authorization, Card card, long startNanos) {
        return decide(authorization, card, startNanos, startNanos, false);
    }

    /**
     * The same, decided by the rules alone when {@code rulesOnly} (the admission stage's answer to
     * overload, if the issuer asked for it; {@link ScoringEngine#decideByRules}). A retry gets the
     * decision stored first, whichever way that was made.
     *
     * <p>The wait for the decision to be durable ends at the request's deadline
     * ({@code anshin.fraud.admission.deadline} after {@code admittedNanos}, when admission control is
     * on) or after {@code decision-timeout}, whichever comes first: past the deadline the client has
     * given up, and the request thread is better used for one that can still be answered. A decision
     * not durable by then is never answered as made: the request gets 503 {@code unavailable}, and
     * the decision is kept so that a retry with the same id gets this very decision (found durable, or
     * recorded again) instead of a second scoring.
     *
     * @param admittedNanos when the request was admitted ({@link System#nanoTime()}): its deadline counts from here
     */
    StoredDecision decide(Authorization authorization, Card card, long startNanos, long admittedNanos,
            boolean rulesOnly) {
        return decide(authorization, null, card, startNanos, admittedNanos, rulesOnly);
    }

    /**
     * The same, {@code sealedDevice} (the clear device data sealed with the customer's key, or null) kept
     * with the decision; a retry keeps what the first request sealed.
     */
    StoredDecision decide(Authorization authorization, String sealedDevice, Card card, long startNanos,
            long admittedNanos, boolean rulesOnly) {
        long giveUpAt = properties.admission().enabled()
                ? admittedNanos + Math.min(properties.admission().deadline().toNanos(),
                        properties.decisionTimeout().toNanos())
                : System.nanoTime() + properties.decisionTimeout().toNanos();
        String id = authorization.authorizationId();
        String fingerprint = fingerprint(authorization);
        // No cache of recent answers: retries are rare, the journal's pending decisions or a primary-key
        // look-up answer them, and thousands of cached decisions only kept the collector busy.
        CompletableFuture<StoredDecision> mine = new CompletableFuture<>();
        CompletableFuture<StoredDecision> theirs = inFlight.putIfAbsent(id, mine);
        if (theirs != null) {
            return sameRequest(await(theirs, giveUpAt), fingerprint);
        }
        try {
            Optional<StoredDecision> stored = journal.find(id);
            StoredDecision result;
            if (stored.isPresent()) {
                result = stored.get();
                mine.complete(result);
            } else {
                // Scored before but never recorded (the commit failed or timed out): the feature state
                // has already counted it, so the same decision is recorded again instead of re-scoring.
                StoredDecision decided = unrecorded.remove(id);
                if (decided == null) {
                    decided = score(authorization, sealedDevice, card, fingerprint, startNanos, rulesOnly);
                } else {
                    sameRequest(decided, fingerprint);
                }
                // The journal completes our in-flight future itself, so duplicates waiting on it wake too.
                journal.append(decided, mine);
                try {
                    result = await(mine, giveUpAt);
                } catch (RequestProblem notRecorded) {
                    unrecorded.put(id, decided);
                    throw notRecorded;
                }
            }
            return sameRequest(result, fingerprint);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            // Removed only once the row is committed, so a later retry finds one or the other.
            inFlight.remove(id, mine);
        }
    }

    private StoredDecision score(Authorization authorization, String sealedDevice, Card card, String fingerprint,
            long startNanos, boolean rulesOnly) {
        RiskDecision decision = rulesOnly ? engine.decideByRules(authorization) : engine.score(authorization);
        if (card.blocked() && decision.decision() != Decision.DECLINE) {
            List<Reason> reasons = new ArrayList<>();
            reasons.add(new Reason(Reason.Kind.RULE, "card-blocked", "The card is blocked.", 1.0));
            reasons.addAll(decision.reasons());
            decision = new RiskDecision(decision.authorizationId(), Decision.DECLINE, decision.score(), reasons,
                    decision.modelVersion(), decision.ruleSetVersion(), decision.shadowScores(),
                    decision.latencyMicros());
        }
        long processingMicros = (System.nanoTime() - startNanos) / 1_000;
        return new StoredDecision(authorization, fingerprint, decision, processingMicros, clock.instant(),
                sealedDevice, false);
    }

    private static Map<String, StoredDecision> boundedMap(int limit) {
        return Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, StoredDecision> eldest) {
                return size() > limit;
            }
        });
    }

    /** The durable decision, waited for until {@code giveUpAt} ({@link System#nanoTime()}) at the latest. */
    private StoredDecision await(CompletableFuture<StoredDecision> future, long giveUpAt) {
        try {
            // Zero once the deadline has passed: a decision already durable is still answered.
            return future.get(Math.max(0, giveUpAt - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        } catch (TimeoutException e) {
            throw unavailable();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RequestProblem problem) {
                throw problem;
            }
            throw unavailable();
        }
    }

    private RequestProblem unavailable() {
        return new RetryLater(ProblemType.UNAVAILABLE,
                "The decision could not be recorded in time; retry with the same authorizationId.",
                properties.admission().retryAfter());
    }

    private static StoredDecision sameRequest(StoredDecision stored, String fingerprint) {
        if (!stored.fingerprint().equals(fingerprint)) {
            throw RequestProblem.conflict(
                    "This authorizationId was already used for a different request.");
        }
        return stored;
    }

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /**
     * SHA-256 over every field of the tokenized request: equal exactly when the requests are equal. The
     * device id, user agent and IP address are their keyed pseudonyms here, never the clear values (an
     * unkeyed hash of an IP address is reversed by trying them all).
     * Each field is its UTF-8 length (4 bytes, −1 when absent) and then its bytes, fed straight into
     * the digest (this runs on every authorization); the length prefix keeps field boundaries
     * unambiguous whatever the text holds.
     */
    static String fingerprint(Authorization a) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        field(digest, a.authorizationId());
        field(digest, a.cardToken());
        field(digest, Long.toString(a.amountMinor()));
        field(digest, a.currency());
        field(digest, a.merchantId());
        field(digest, a.mcc());
        field(digest, a.terminalId());
        field(digest, a.merchantCountry());
        field(digest, a.posEntryMode().name());
        field(digest, a.cardPresent() ? "true" : "false");
        field(digest, a.timestamp().toString());
        DeviceData d = a.device();
        field(digest, d == null ? null : "device");
        if (d != null) {
            field(digest, d.deviceId());
            field(digest, d.channel());
            field(digest, d.userAgent());
            field(digest, d.language());
            field(digest, d.timezoneOffset() == null ? null : d.timezoneOffset().toString());
            field(digest, d.screenWidth() == null ? null : d.screenWidth().toString());
            field(digest, d.screenHeight() == null ? null : d.screenHeight().toString());
        }
        field(digest, a.ipAddress());
        // Fields added later count only when sent: requests stored before they existed keep their fingerprint.
        if (a.merchantName() != null) {
            field(digest, a.merchantName());
        }
        if (a.shippingAddressKey() != null || a.accountKey() != null) {
            field(digest, "evidence");
            field(digest, a.shippingAddressKey());
            field(digest, a.accountKey());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void field(MessageDigest digest, String value) {
        byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        int length = bytes == null ? -1 : bytes.length;
        digest.update((byte) (length >>> 24));
        digest.update((byte) (length >>> 16));
        digest.update((byte) (length >>> 8));
        digest.update((byte) length);
        if (bytes != null) {
            digest.update(bytes);
        }
    }
}
