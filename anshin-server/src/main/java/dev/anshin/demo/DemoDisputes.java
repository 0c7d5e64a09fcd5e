package dev.anshin.demo;

import dev.anshin.disputes.Dispute;
import dev.anshin.disputes.DisputeStatus;
import dev.anshin.disputes.Disputes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's cardholders reporting charges they do not recognize, through the disputes API as
 * customer service would for a caller: every simulated fraud some seconds after it happened (the
 * simulator's frauds happen in shops, so their cardholders say the card was not in their hands),
 * and now and then a genuine charge its cardholder forgot (answering "not sure" about family and
 * subscriptions, as many such callers do). It follows each case to its first outcome, switches the
 * simulated cardholder to the replacement card once theirs is blocked, and logs how fast and how
 * right the automatic investigation was against the simulator's truth.
 */
final class DemoDisputes {

    private static final Logger log = LoggerFactory.getLogger(DemoDisputes.class);

    /** A reported case and what the simulator knows about it. */
    private record Tracked(String disputeId, boolean fraud, int cardIndex) {
    }

    /** Outcome counts and decision times so far. */
    private final Map<DisputeStatus, int[]> outcomes = new EnumMap<>(DisputeStatus.class);
    private final List<Long> automaticMicros = new ArrayList<>();
    private final ConcurrentLinkedQueue<Tracked> open = new ConcurrentLinkedQueue<>();
    private final Map<Integer, String> replacementTokens = new ConcurrentHashMap<>();
    private final Disputes disputes;
    private final JsonMapper json;
    private final URI base;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int reported;
    private int refused;
    private volatile boolean stopping;

    DemoDisputes(Disputes disputes, JsonMapper json, URI base, String apiKey) {
        this.disputes = disputes;
        this.json = json;
        this.base = base;
        this.apiKey = apiKey;
    }

    /** The demo stops: a report that fails from now on (the server is going away) is no warning. */
    void stop() {
        stopping = true;
    }

    /** The simulated cardholder uses this card from now on (their card was replaced in an earlier run). */
    void useCard(int cardIndex, String token) {
        replacementTokens.put(cardIndex, token);
    }

    /** The card a simulated cardholder now uses: their replacement, once their card was replaced. */
    Optional<String> replacementToken(int cardIndex) {
        return Optional.ofNullable(replacementTokens.get(cardIndex));
    }

    /** Reports one authorization as not recognized by its cardholder. */
    void report(String authorizationId, String customerId, int cardIndex, boolean fraud) {
        String body = String.format(Locale.ROOT, """
                {"customerId":"%s","authorizationIds":["%s"],"cardInHand":"%s","familyCouldExplain":"%s",\
                "subscriptionCouldExplain":"%s","recognizesMerchant":"NO","certified":true}""",
                customerId, authorizationId, fraud ? "NO" : "YES", fraud ? "NO" : "UNSURE", fraud ? "NO" : "UNSURE");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/disputes"))
                    .header("X-Api-Key", apiKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                synchronized (this) {
                    refused++;
                }
                log.debug("demo: a dispute report was answered {}", response.statusCode());
                return;
            }
            JsonNode answer = json.readTree(response.body());
            open.add(new Tracked(answer.get("disputes").get(0).get("id").asText(), fraud, cardIndex));
            synchronized (this) {
                reported++;
            }
        } catch (IOException e) {
            if (stopping) {
                log.debug("demo: a dispute report failed while the demo stops: {}", e.toString());
            } else {
                log.warn("demo: a dispute report failed: {}", e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Looks at the open cases: records first outcomes and takes up replacement cards. */
    void follow() {
        try {
            followOnce();
        } catch (RuntimeException e) {
            // A failure must not end the schedule: the next round tries again.
            log.warn("demo: following dispute cases failed: {}", e.toString());
        }
    }

    private void followOnce() {
        for (Iterator<Tracked> it = open.iterator(); it.hasNext(); ) {
            Tracked tracked = it.next();
            Dispute d = disputes.find(tracked.disputeId()).orElse(null);
            if (d == null || d.status() == DisputeStatus.INTAKE || d.status() == DisputeStatus.INVESTIGATING
                    || d.effectsPending()) {
                continue;
            }
            it.remove();
            if (d.replacementCardToken() != null) {
                replacementTokens.put(tracked.cardIndex(), d.replacementCardToken());
            }
            synchronized (this) {
                outcomes.computeIfAbsent(d.status(), s -> new int[2])[tracked.fraud() ? 1 : 0]++;
                if (d.decidedInMicros() != null && d.status() != DisputeStatus.ANALYST_REVIEW) {
                    automaticMicros.add(d.decidedInMicros());
                }
            }
        }
    }

    /** One log line: reports, outcomes against the truth, and decision times. */
    synchronized void summarize() {
        if (reported == 0) {
            return;
        }
        List<Long> sorted = new ArrayList<>(automaticMicros);
        sorted.sort(null);
        StringBuilder mix = new StringBuilder();
        outcomes.forEach((status, counts) -> mix.append(String.format(Locale.ROOT, " %s=%d(fraud %d)", status,
                counts[0] + counts[1], counts[1])));
        log.info("demo disputes: {} reported, {} refused, {} open;{}; automatic outcome p50 {} ms, p95 {} ms "
                        + "over {}", reported, refused, open.size(), mix, percentile(sorted, 0.50),
                percentile(sorted, 0.95), sorted.size());
    }

    private static String percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return "-";
        }
        long micros = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
        return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }
}
