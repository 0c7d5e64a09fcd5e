package dev.anshin.ekyc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox vendor's webhook delivery: the result as JSON, signed with the sandbox's own secret
 * and posted over real HTTP to Anshin's webhook, as a vendor's servers would. The first attempt is
 * made at once (the applicant's browser waits for it, so the result is usually in when they are
 * back); if it fails (no answer, 5xx, 429) it is tried again in the background, each wait twice the
 * last, up to {@code anshin.ekyc.sandbox.attempts}, every attempt with the same event id and a fresh
 * signature. A 4xx other than 429 is final (a vendor does not resend what was refused).
 */
class SandboxWebhookSender implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SandboxWebhookSender.class);

    /** How one delivery went. */
    enum Delivered {
        ACCEPTED, REFUSED, RETRYING
    }

    private final SandboxSigningKey key;
    private final EkycProperties.Sandbox settings;
    private final Environment environment;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ekyc-sandbox-webhook");
        thread.setDaemon(true);
        return thread;
    });

    SandboxWebhookSender(SandboxSigningKey key, EkycProperties.Sandbox settings, Environment environment,
            JsonMapper json, Clock clock) {
        this.key = key;
        this.settings = settings;
        this.environment = environment;
        this.json = json;
        this.clock = clock;
    }

    /** Posts the result of the verification (a new event id); retries in the background if it does not get through. */
    Delivered deliver(String verificationId, EkycResult result) {
        return deliver(verificationId, result, null);
    }

    /** As {@link #deliver(String, EkycResult)}, with the sandbox reviewer's final word (null for none). */
    Delivered deliver(String verificationId, EkycResult result, VendorReview review) {
        byte[] body = json.writeValueAsBytes(payload("evt-" + UUID.randomUUID(), verificationId, result, review));
        return attempt(body, 1, settings.firstRetryAfter());
    }

    private Delivered attempt(byte[] body, int attempt, Duration nextWait) {
        URI target = webhook();
        if (target == null) {
            log.warn("eKYC sandbox: no web server is running to post the result to (set anshin.ekyc.sandbox.webhook-url)");
            return Delivered.REFUSED;
        }
        int status;
        try {
            long now = clock.instant().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .header(WebhookSignature.HEADER, WebhookSignature.header(key.secret(), now, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        }
        if (status >= 200 && status < 300) {
            return Delivered.ACCEPTED;
        }
        if (status >= 400 && status < 500 && status != 429) {
            log.warn("eKYC sandbox: the webhook refused a result with HTTP {}; not sent again", status);
            return Delivered.REFUSED;
        }
        if (attempt >= settings.attempts()) {
            log.warn("eKYC sandbox: gave up on a result after {} attempts (last: {})", attempt,
                    status < 0 ? "no answer" : "HTTP " + status);
            return Delivered.REFUSED;
        }
        log.info("eKYC sandbox: webhook attempt {} failed ({}), trying again in {}", attempt,
                status < 0 ? "no answer" : "HTTP " + status, nextWait);
        retries.schedule(() -> attempt(body, attempt + 1, nextWait.multipliedBy(2)), nextWait.toMillis(),
                TimeUnit.MILLISECONDS);
        return Delivered.RETRYING;
    }

    /** The configured URL, else this server's own webhook on the loopback address; null when no server runs. */
    URI webhook() {
        if (settings.webhookUrl() != null && !settings.webhookUrl().isBlank()) {
            return URI.create(settings.webhookUrl());
        }
        // Only the port this server really listens on: never a guessed one, where another server may be listening.
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            return null;
        }
        String scheme = environment.getProperty("server.ssl.enabled", Boolean.class, true) ? "https" : "http";
        return URI.create(scheme + "://localhost:" + port + EkycWebhookController.PATH);
    }

    static Map<String, Object> payload(String eventId, String verificationId, EkycResult result) {
        return payload(eventId, verificationId, result, null);
    }

    static Map<String, Object> payload(String eventId, String verificationId, EkycResult result, VendorReview review) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("documentType", result.document().documentType().name());
        document.put("documentExpired", result.document().documentExpired());
        document.put("spoofRisk", result.document().spoofRisk());
        if (result.document().ocrConfidence() != null) {
            document.put("ocrConfidence", result.document().ocrConfidence());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", eventId);
        body.put("verificationId", verificationId);
        body.put("method", result.method().name());
        if (result.faceMatchScore() != null) {
            body.put("faceMatchScore", result.faceMatchScore());
        }
        if (result.livenessScore() != null) {
            body.put("livenessScore", result.livenessScore());
        }
        body.put("documentChecks", document);
        body.put("completedAt", OffsetDateTime.ofInstant(result.completedAt(), ZoneOffset.ofHours(9)).toString());
        if (review != null) {
            body.put("reviewOutcome", review.name());
        }
        return body;
    }

    @Override
    public void destroy() {
        retries.shutdownNow();
    }
}
