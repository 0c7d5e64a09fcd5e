package dev.anshin.ekyc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * For other modules' tests (onboarding): a result delivered to the webhook as the sandbox vendor would,
 * signed with its own key, through MockMvc (the sandbox's real HTTP sender needs a running server).
 */
public final class SandboxVendorResults {

    /** What the vendor saw: a clean check, or the face of someone else. */
    public enum Seen {
        PASS(0.97, 0.98, 0.02), FACE_MISMATCH(0.31, 0.97, 0.03), BORDERLINE_FACE(0.74, 0.96, 0.05),
        /** Everything fine but the document: its validity had ended (NOT_CONFIRMED: another document may do). */
        EXPIRED_DOCUMENT(0.97, 0.98, 0.02, true);

        private final double face;
        private final double liveness;
        private final double spoof;
        private final boolean expired;

        Seen(double face, double liveness, double spoof) {
            this(face, liveness, spoof, false);
        }

        Seen(double face, double liveness, double spoof, boolean expired) {
            this.face = face;
            this.liveness = liveness;
            this.spoof = spoof;
            this.expired = expired;
        }
    }

    private SandboxVendorResults() {
    }

    /** Posts a signed IC-chip + face result for the verification; returns the webhook's HTTP status. */
    public static int deliver(MockMvc mvc, JsonMapper json, ApplicationContext context, Clock clock,
            String verificationId, Seen seen) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", "evt-" + java.util.UUID.randomUUID());
        body.put("verificationId", verificationId);
        body.put("method", "IC_CHIP_AND_FACE");
        body.put("faceMatchScore", seen.face);
        body.put("livenessScore", seen.liveness);
        body.put("documentChecks", new LinkedHashMap<>(Map.of("documentType", "MY_NUMBER_CARD",
                "documentExpired", seen.expired, "spoofRisk", seen.spoof)));
        body.put("completedAt", clock.instant().toString());
        String text = json.writeValueAsString(body);
        byte[] secret = context.getBean(SandboxSigningKey.class).secret();
        return mvc.perform(post(EkycWebhookController.PATH).contentType(MediaType.APPLICATION_JSON).content(text)
                        .header(WebhookSignature.HEADER, WebhookSignature.header(secret, clock.instant().getEpochSecond(),
                                text.getBytes(StandardCharsets.UTF_8))))
                .andReturn().getResponse().getStatus();
    }
}
