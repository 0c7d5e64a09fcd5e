package dev.anshin.ekyc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.anshin.HostileJson;
import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hostile bodies, correctly signed so that they reach the parser: never a 5xx, a refusal is a
 * problem and stores nothing (no event, no result).
 */
class EkycInputFuzzIntegrationTest extends IntegrationTestSupport {

    @Autowired
    EkycVerifications verifications;

    @Autowired
    SandboxSigningKey sandboxKey;

    @Autowired
    JdbcClient jdbc;

    @Test
    void signedResults() {
        HostileJson.assertAnsweredCleanly(mvc, 60, () -> {
            String id = verifications.start(newId("fuzz"), URI.create("/apply/done"), Locale.JAPANESE).verificationId();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("eventId", "evt-" + id);
            body.put("verificationId", id);
            body.put("method", "IMAGE_AND_FACE");
            body.put("faceMatchScore", 0.91);
            body.put("livenessScore", 0.95);
            body.put("documentChecks", new LinkedHashMap<>(Map.of("documentType", "DRIVERS_LICENSE",
                    "documentExpired", false, "spoofRisk", 0.1, "ocrConfidence", 0.9)));
            body.put("completedAt", "2026-12-07T09:58:00+09:00");
            return body;
        }, text -> post(EkycWebhookController.PATH).contentType(MediaType.APPLICATION_JSON).content(text)
                .header(WebhookSignature.HEADER, WebhookSignature.header(sandboxKey.secret(),
                        clock.instant().getEpochSecond(), text.getBytes(StandardCharsets.UTF_8))),
                body -> jdbc.sql("SELECT COUNT(*) FROM ekyc_events WHERE verification_id = ?")
                        .param(body.get("verificationId")).query(Long.class).single()
                        + jdbc.sql("SELECT COUNT(*) FROM ekyc_verifications WHERE id = ? AND status <> 'STARTED'")
                        .param(body.get("verificationId")).query(Long.class).single());
    }

    @Test
    void starts() {
        HostileJson.assertAnsweredCleanly(mvc, 60, () -> new LinkedHashMap<>(Map.of("subjectReference", newId("fuzz"),
                        "returnUrl", "/apply/done", "language", "en")),
                text -> post("/api/v1/ekyc/verifications").header("X-Api-Key", key(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content(text),
                body -> jdbc.sql("SELECT COUNT(*) FROM ekyc_verifications WHERE subject_reference = ?")
                        .param(String.valueOf(body.get("subjectReference"))).query(Long.class).single());
    }
}
