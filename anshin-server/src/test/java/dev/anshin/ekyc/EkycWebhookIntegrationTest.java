package dev.anshin.ekyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The webhook as a vendor calls it: the signature first (nothing read or stored without a good
 * one), then the body, strictly; one event is one effect, however often it is delivered.
 */
@RecordApplicationEvents
class EkycWebhookIntegrationTest extends IntegrationTestSupport {

    /** How far a test moved the context's shared clock: given back after it, for the other test classes. */
    private java.time.Duration moved = java.time.Duration.ZERO;

    private void later(java.time.Duration by) {
        clock.advance(by);
        moved = moved.plus(by);
    }

    @AfterEach
    void giveTheClockBack() {
        clock.advance(moved.negated());
        moved = java.time.Duration.ZERO;
    }

    private static final String SIGNATURE_PROBLEM = "https://anshin.dev/problems/webhook-signature";

    @Autowired
    EkycVerifications verifications;

    @Autowired
    SandboxSigningKey sandboxKey;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    @Autowired
    VerificationStore store;

    private String started() {
        return verifications.start(newId("application"), URI.create("/apply/done"), Locale.JAPANESE).verificationId();
    }

    private static Map<String, Object> result(String eventId, String verificationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", eventId);
        body.put("verificationId", verificationId);
        body.put("method", "IC_CHIP_AND_FACE");
        body.put("faceMatchScore", 0.97);
        body.put("livenessScore", 0.98);
        body.put("documentChecks", new LinkedHashMap<>(Map.of("documentType", "MY_NUMBER_CARD",
                "documentExpired", false, "spoofRisk", 0.02)));
        body.put("completedAt", "2026-12-07T09:58:00+09:00");
        return body;
    }

    private ResultActions send(String body, String signature) throws Exception {
        var request = post(EkycWebhookController.PATH).contentType(MediaType.APPLICATION_JSON).content(body);
        if (signature != null) {
            request.header(WebhookSignature.HEADER, signature);
        }
        return mvc.perform(request);
    }

    private String signed(String body) {
        return WebhookSignature.header(sandboxKey.secret(), clock.instant().getEpochSecond(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private ResultActions sendSigned(Object body) throws Exception {
        String text = body instanceof String s ? s : json.writeValueAsString(body);
        return send(text, signed(text));
    }

    private long eventsStored(String verificationId) {
        return jdbc.sql("SELECT COUNT(*) FROM ekyc_events WHERE verification_id = ?").param(verificationId)
                .query(Long.class).single();
    }

    private EkycStatus statusOf(String verificationId) {
        return verifications.find(verificationId).orElseThrow().status();
    }

    @Test
    void aSignedResultIsJudgedAndConcluded() throws Exception {
        String id = started();
        sendSigned(result("evt-" + id, id)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PASSED"))
                .andExpect(jsonPath("$.redelivered").value(false));
        EkycVerification v = verifications.find(id).orElseThrow();
        assertThat(v.outcome()).isEqualTo(EkycOutcome.PASSED);
        assertThat(v.reasons()).containsExactly(EkycReason.CHECKS_PASSED);
        assertThat(v.result().method()).isEqualTo(EkycMethod.IC_CHIP_AND_FACE);
        assertThat(v.result().faceMatchScore()).isEqualTo(0.97);
        assertThat(events.stream(EkycConcluded.class).filter(e -> e.verificationId().equals(id)))
                .containsExactly(new EkycConcluded(id, v.subjectReference(), EkycOutcome.PASSED));
    }

    @Test
    void aWrongSignatureIsRefusedAndNothingStored() throws Exception {
        String id = started();
        String body = json.writeValueAsString(result("evt-" + id, id));
        String wrong = WebhookSignature.header("not_the_vendors_secret_at_all".getBytes(StandardCharsets.UTF_8),
                clock.instant().getEpochSecond(), body.getBytes(StandardCharsets.UTF_8));
        send(body, wrong).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value(SIGNATURE_PROBLEM));
        assertThat(statusOf(id)).isEqualTo(EkycStatus.STARTED);
        assertThat(eventsStored(id)).isZero();
    }

    @Test
    void theSandboxSecretCannotSignAnotherProvidersResult() throws Exception {
        String id = newId("acme");
        store.insert(new EkycVerification(id, newId("application"), "acme", EkycStatus.STARTED, null,
                java.util.List.of(), null, URI.create("/apply/done"), "ja", clock.instant(), null, null, 0));
        sendSigned(result("evt-" + id, id)).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value(SIGNATURE_PROBLEM));
        assertThat(statusOf(id)).isEqualTo(EkycStatus.STARTED);
        assertThat(eventsStored(id)).isZero();
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() throws Exception {
        String id = started();
        String body = json.writeValueAsString(result("evt-" + id, id));
        String signature = signed(body);
        send(body.replace("0.97", "0.99"), signature).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value(SIGNATURE_PROBLEM));
        assertThat(statusOf(id)).isEqualTo(EkycStatus.STARTED);
    }

    @Test
    void aMissingSignatureIsRefused() throws Exception {
        String id = started();
        send(json.writeValueAsString(result("evt-" + id, id)), null).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value(SIGNATURE_PROBLEM))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Anshin-Signature")));
        assertThat(eventsStored(id)).isZero();
    }

    @Test
    void aStaleSignatureIsRefused() throws Exception {
        String id = started();
        String body = json.writeValueAsString(result("evt-" + id, id));
        long sixMinutesAgo = clock.instant().minusSeconds(360).getEpochSecond();
        send(body, WebhookSignature.header(sandboxKey.secret(), sixMinutesAgo, body.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.type").value(SIGNATURE_PROBLEM));
        assertThat(eventsStored(id)).isZero();
    }

    @Test
    void aSignatureFromTheFutureIsRefused() throws Exception {
        String id = started();
        String body = json.writeValueAsString(result("evt-" + id, id));
        long inTwoMinutes = clock.instant().plusSeconds(120).getEpochSecond();
        send(body, WebhookSignature.header(sandboxKey.secret(), inTwoMinutes, body.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.type").value(SIGNATURE_PROBLEM));
        assertThat(eventsStored(id)).isZero();
    }

    @Test
    void aHeaderSignedWithARetiredAndTheActiveSecretIsAccepted() throws Exception {
        String id = started();
        String body = json.writeValueAsString(result("evt-" + id, id));
        long now = clock.instant().getEpochSecond();
        String retired = WebhookSignature.header("retired_vendor_secret_0123456789".getBytes(StandardCharsets.UTF_8),
                now, body.getBytes(StandardCharsets.UTF_8));
        String active = signed(body);
        send(body, retired + "," + active.substring(active.indexOf("v1="))).andExpect(status().isOk());
    }

    @Test
    void aRedeliveredEventIsTheSameEvent() throws Exception {
        String id = started();
        String body = json.writeValueAsString(result("evt-" + id, id));
        send(body, signed(body)).andExpect(status().isOk()).andExpect(jsonPath("$.redelivered").value(false));
        int version = verifications.find(id).orElseThrow().version();
        send(body, signed(body)).andExpect(status().isOk())
                .andExpect(jsonPath("$.redelivered").value(true))
                .andExpect(jsonPath("$.status").value("PASSED"));
        assertThat(verifications.find(id).orElseThrow().version()).isEqualTo(version);
        assertThat(eventsStored(id)).isEqualTo(1);
        assertThat(events.stream(EkycConcluded.class).filter(e -> e.verificationId().equals(id))).hasSize(1);
    }

    @Test
    void theSameEventIdWithAnotherBodyIsAConflict() throws Exception {
        String id = started();
        sendSigned(result("evt-" + id, id)).andExpect(status().isOk());
        Map<String, Object> other = result("evt-" + id, id);
        other.put("faceMatchScore", 0.2);
        sendSigned(other).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/conflict"));
        assertThat(verifications.find(id).orElseThrow().outcome()).isEqualTo(EkycOutcome.PASSED);
    }

    @Test
    void aSecondEventForAConcludedVerificationIsRefused() throws Exception {
        String id = started();
        sendSigned(result("evt-a-" + id, id)).andExpect(status().isOk());
        sendSigned(result("evt-b-" + id, id)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/illegal-transition"));
        assertThat(eventsStored(id)).isEqualTo(1);
    }

    @Test
    void anUnknownFieldIsNamedAfterTheSignatureCheck() throws Exception {
        String id = started();
        Map<String, Object> body = result("evt-" + id, id);
        body.put("faceImage", "base64...");
        sendSigned(body).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/validation"))
                .andExpect(jsonPath("$.errors[0].field").value("faceImage"));
        assertThat(eventsStored(id)).isZero();
        // Unsigned, the same body is refused for its signature: nothing about it is read.
        send(json.writeValueAsString(body), null).andExpect(status().isUnauthorized());
    }

    @Test
    void aWrongTypeIsNamed() throws Exception {
        String id = started();
        Map<String, Object> body = result("evt-" + id, id);
        body.put("livenessScore", "high");
        sendSigned(body).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("livenessScore"));
        Map<String, Object> nested = result("evt-" + id, id);
        ((Map<String, Object>) nested.get("documentChecks")).put("documentExpired", "no");
        sendSigned(nested).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("documentChecks.documentExpired"));
        assertThat(statusOf(id)).isEqualTo(EkycStatus.STARTED);
    }

    @Test
    void missingAndOutOfRangeFieldsAreNamedTogether() throws Exception {
        String id = started();
        Map<String, Object> body = result("evt-" + id, id);
        body.remove("method");
        body.put("faceMatchScore", 1.5);
        sendSigned(body).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field").value(
                        org.hamcrest.Matchers.containsInAnyOrder("method", "faceMatchScore")));
    }

    @Test
    void anUnknownMethodIsNamed() throws Exception {
        String id = started();
        Map<String, Object> body = result("evt-" + id, id);
        body.put("method", "VIDEO_CALL");
        sendSigned(body).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("method"));
    }

    @Test
    void notJsonIsMalformed() throws Exception {
        sendSigned("{\"eventId\": ").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/malformed-request"));
        sendSigned("[]").andExpect(status().isBadRequest());
    }

    @Test
    void aVerificationAnshinNeverStartedIsNotFoundAndNamed() throws Exception {
        // 404 as for GET /api/v1/ekyc/verifications/{id}: UNKNOWN_VERIFICATION has one meaning wherever the id came from.
        sendSigned(result("evt-x-" + newId("e"), "sbx-never-started")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/not-found"))
                .andExpect(jsonPath("$.errors[0].field").value("verificationId"));
    }

    @Test
    void staffDecideAVerificationInReview() throws Exception {
        String id = started();
        Map<String, Object> body = result("evt-" + id, id);
        body.put("faceMatchScore", 0.74);
        sendSigned(body).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("REVIEW"));
        EkycVerification decided = verifications.decideReview(id, true, "analyst", "127.0.0.1");
        assertThat(decided.status()).isEqualTo(EkycStatus.PASSED);
        assertThat(decided.reasons()).containsExactly(EkycReason.STAFF_DECISION);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> verifications.decideReview(id, false, "analyst", null))
                .isInstanceOf(EkycTransitions.IllegalMove.class);
    }

    @Test
    void anAdministratorStartsAndReadsAVerificationThroughTheApi() throws Exception {
        String answer = postAs(Role.ADMIN, "/api/v1/ekyc/verifications",
                Map.of("subjectReference", newId("application"), "returnUrl", "/apply/done", "language", "en"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.continueUrl").value(org.hamcrest.Matchers.endsWith("?lang=en")))
                .andReturn().getResponse().getContentAsString();
        String id = json.readTree(answer).get("verificationId").asString();
        mvc.perform(get("/api/v1/ekyc/verifications/" + id).header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("STARTED"))
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.version").doesNotExist())
                .andExpect(jsonPath("$.returnUrl").doesNotExist());
        mvc.perform(get("/api/v1/ekyc/verifications/sbx-never-started").header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/not-found"));
        postAs(Role.ADMIN, "/api/v1/ekyc/verifications", Map.of("subjectReference", "x", "returnUrl", "//evil.example"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("returnUrl"));
        postAs(Role.ADMIN, "/api/v1/ekyc/verifications",
                Map.of("subjectReference", "x", "returnUrl", "https://evil.example/apply"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("returnUrl"));
        postAs(Role.SCORER, "/api/v1/ekyc/verifications", Map.of("subjectReference", "x", "returnUrl", "/a"))
                .andExpect(status().isForbidden());
    }

    @Test
    void verificationsNotFinishedInTimeExpire() {
        String id = started();
        verifications.expireUnfinished(clock.instant().plusSeconds(2 * 3600));
        EkycVerification v = verifications.find(id).orElseThrow();
        assertThat(v.status()).isEqualTo(EkycStatus.EXPIRED);
        assertThat(v.reasons()).containsExactly(EkycReason.NOT_COMPLETED_IN_TIME);
        assertThat(events.stream(EkycConcluded.class).filter(e -> e.verificationId().equals(id)))
                .containsExactly(new EkycConcluded(id, v.subjectReference(), EkycOutcome.EXPIRED));
    }

    @Test
    void aResultCompletedBeforeTheExpiryButDeliveredAfterItIsJudged() throws Exception {
        String id = started();
        java.time.Instant completed = clock.instant().plusSeconds(600);
        later(java.time.Duration.ofHours(2));
        verifications.expireUnfinished(clock.instant());
        assertThat(statusOf(id)).isEqualTo(EkycStatus.EXPIRED);
        Map<String, Object> body = result("evt-" + id, id);
        body.put("completedAt", completed.toString());
        sendSigned(body).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("PASSED"));
        assertThat(verifications.find(id).orElseThrow().outcome()).isEqualTo(EkycOutcome.PASSED);
        assertThat(events.stream(EkycConcluded.class).filter(e -> e.verificationId().equals(id))
                .map(EkycConcluded::outcome)).containsExactly(EkycOutcome.EXPIRED, EkycOutcome.PASSED);
    }

    @Test
    void aResultCompletedAfterTheExpiryIsRefused() throws Exception {
        String id = started();
        later(java.time.Duration.ofHours(2));
        verifications.expireUnfinished(clock.instant());
        Map<String, Object> body = result("evt-" + id, id);
        body.put("completedAt", clock.instant().plusSeconds(1).toString());
        sendSigned(body).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/illegal-transition"));
        assertThat(statusOf(id)).isEqualTo(EkycStatus.EXPIRED);
        assertThat(eventsStored(id)).isZero();
    }

    @Test
    void aResultCompletedInTimeWinsTheRaceWithTheExpiry() throws Exception {
        String id = started();
        java.time.Instant completed = clock.instant().plusSeconds(600);
        later(java.time.Duration.ofHours(2));
        Map<String, Object> body = result("evt-" + id, id);
        body.put("completedAt", completed.toString());
        String text = json.writeValueAsString(body);
        String signature = signed(text);
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var expiry = threads.submit(() -> {
                together.await();
                verifications.expireUnfinished(clock.instant());
                return null;
            });
            var delivery = threads.submit(() -> {
                together.await();
                return send(text, signature).andReturn().getResponse().getStatus();
            });
            expiry.get();
            // Whichever locked the verification first, the result completed in time counts.
            assertThat(delivery.get()).isEqualTo(200);
        } finally {
            threads.shutdownNow();
        }
        assertThat(verifications.find(id).orElseThrow().outcome()).isEqualTo(EkycOutcome.PASSED);
    }

    @Test
    void refusedSignaturesPastTheAddressLimitAreAnswered429() throws Exception {
        String id = started();
        String body = json.writeValueAsString(result("evt-" + id, id));
        String wrong = WebhookSignature.header("not_the_vendors_secret_at_all".getBytes(StandardCharsets.UTF_8),
                clock.instant().getEpochSecond(), body.getBytes(StandardCharsets.UTF_8));
        String address = dev.anshin.RemoteAddresses.fresh();
        clock.stop();
        try {
            int refused = 0;
            org.springframework.mock.web.MockHttpServletResponse answer;
            do {
                answer = mvc.perform(post(EkycWebhookController.PATH).with(dev.anshin.RemoteAddresses.from(address))
                        .contentType(MediaType.APPLICATION_JSON).content(body).header(WebhookSignature.HEADER, wrong))
                        .andReturn().getResponse();
                refused++;
            } while (answer.getStatus() == 401 && refused < 100);
            // The API's default budget of refusals per address: a burst of 20, then 429.
            assertThat(refused).isEqualTo(21);
            assertThat(answer.getStatus()).isEqualTo(429);
            assertThat(answer.getContentAsString()).contains("https://anshin.dev/problems/rate-limited");
            assertThat(answer.getHeader("Retry-After")).isNotNull();
        } finally {
            clock.start();
        }
        assertThat(eventsStored(id)).isZero();
    }

    @Test
    void theReferenceListsTheRefusalsOfEveryEkycOperation() throws Exception {
        tools.jackson.databind.JsonNode api = json.readTree(mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        tools.jackson.databind.JsonNode paths = api.path("paths");
        assertThat(paths.path(EkycWebhookController.PATH).path("post").path("responses").propertyNames())
                .contains("200", "400", "401", "404", "409", "415", "422", "429");
        assertThat(paths.path("/api/v1/ekyc/verifications").path("post").path("responses").propertyNames())
                .contains("201", "403", "422", "503");
        assertThat(paths.path("/api/v1/ekyc/verifications/{id}").path("get").path("responses").propertyNames())
                .contains("200", "403", "404");
        assertThat(api.path("components").path("schemas").path("EkycVerification").path("properties").propertyNames())
                .contains("id", "status", "reasons").doesNotContain("version", "returnUrl");
    }

    private String inReview() throws Exception {
        String id = started();
        Map<String, Object> borderline = result("evt-" + id, id);
        borderline.put("faceMatchScore", 0.74);
        sendSigned(borderline).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("REVIEW"));
        return id;
    }

    private Map<String, Object> reviewed(String eventId, String id, String outcome) {
        Map<String, Object> body = result(eventId, id);
        body.put("faceMatchScore", 0.74);
        body.put("reviewOutcome", outcome);
        return body;
    }

    @Test
    void theVendorsReviewedFinalResultConcludesAVerificationInReview() throws Exception {
        String id = inReview();
        // The same checks again, under a new event, settle nothing: only the reviewed result is taken.
        Map<String, Object> again = result("evt-again-" + id, id);
        again.put("faceMatchScore", 0.74);
        sendSigned(again).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/illegal-transition"));
        assertThat(statusOf(id)).isEqualTo(EkycStatus.REVIEW);
        Map<String, Object> confirmed = reviewed("evt-reviewed-" + id, id, "CONFIRMED");
        sendSigned(confirmed).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("PASSED"))
                .andExpect(jsonPath("$.redelivered").value(false));
        EkycVerification v = verifications.find(id).orElseThrow();
        assertThat(v.outcome()).isEqualTo(EkycOutcome.PASSED);
        assertThat(v.reasons()).containsExactly(EkycReason.VENDOR_REVIEW_CONFIRMED);
        assertThat(events.stream(EkycConcluded.class).filter(e -> e.verificationId().equals(id)))
                .extracting(EkycConcluded::outcome).containsExactly(EkycOutcome.REVIEW, EkycOutcome.PASSED);
        // The reviewed event again is a redelivery; the first event again too; a further result is refused.
        sendSigned(confirmed).andExpect(status().isOk()).andExpect(jsonPath("$.redelivered").value(true))
                .andExpect(jsonPath("$.status").value("PASSED"));
        sendSigned(reviewed("evt-later-" + id, id, "REJECTED")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/illegal-transition"));
        assertThat(statusOf(id)).isEqualTo(EkycStatus.PASSED);
        assertThat(eventsStored(id)).isEqualTo(2);
    }

    @Test
    void theVendorsReviewerRejectingFailsTheVerification() throws Exception {
        String id = inReview();
        sendSigned(reviewed("evt-reviewed-" + id, id, "REJECTED")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("FAILED"));
        assertThat(verifications.find(id).orElseThrow().reasons()).containsExactly(EkycReason.VENDOR_REVIEW_REJECTED);
    }

    @Test
    void aConfirmedReviewDoesNotPassWhatFailsByRule() throws Exception {
        String id = inReview();
        Map<String, Object> expired = reviewed("evt-reviewed-" + id, id, "CONFIRMED");
        expired.put("documentChecks", new LinkedHashMap<>(Map.of("documentType", "MY_NUMBER_CARD",
                "documentExpired", true, "spoofRisk", 0.02)));
        sendSigned(expired).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("FAILED"));
        assertThat(verifications.find(id).orElseThrow().reasons()).containsExactly(EkycReason.DOCUMENT_EXPIRED);
    }

    @Test
    void aReviewedResultForAVerificationNeverInReviewIsRefused() throws Exception {
        String id = started();
        // A first result carrying the reviewer's word would pass a borderline face match past the issuer's threshold.
        sendSigned(reviewed("evt-first-" + id, id, "CONFIRMED")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/illegal-transition"))
                .andExpect(jsonPath("$.detail").value(containsString("not in review")));
        assertThat(statusOf(id)).isEqualTo(EkycStatus.STARTED);
        assertThat(eventsStored(id)).isZero();
        // The checks alone are still judged by the issuer's thresholds: the borderline face match goes to review.
        Map<String, Object> plain = result("evt-plain-" + id, id);
        plain.put("faceMatchScore", 0.74);
        sendSigned(plain).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("REVIEW"));
    }

    @Test
    void aReviewOutcomeOutsideTheListIsNamed() throws Exception {
        String id = inReview();
        sendSigned(reviewed("evt-reviewed-" + id, id, "MAYBE")).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("reviewOutcome"));
        assertThat(statusOf(id)).isEqualTo(EkycStatus.REVIEW);
    }

    @Test
    void startingAVerificationRefusesFieldsItDoesNotHave() throws Exception {
        String reference = newId("application");
        postAs(Role.ADMIN, "/api/v1/ekyc/verifications", Map.of("subjectReference", reference, "returnUrl",
                "/apply/done", "langauge", "en"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/validation"))
                .andExpect(jsonPath("$.errors[0].field").value("langauge"));
        postAs(Role.ADMIN, "/api/v1/ekyc/verifications", Map.of("subjectReference", reference, "returnUrl",
                "/apply/done", "extra", Map.of("a", 1)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("extra"));
        postAs(Role.ADMIN, "/api/v1/ekyc/verifications", Map.of("subjectReference", 12, "returnUrl", "/apply/done"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("subjectReference"));
        assertThat(verifications.ofSubject(reference)).isEmpty();
    }

    @Test
    void aBodyThatIsNotAnObjectIsMalformedAndSaysSo() throws Exception {
        for (String body : List.of("[]", "\"text\"", "12")) {
            mvc.perform(post("/api/v1/ekyc/verifications").header("X-Api-Key", key(Role.ADMIN))
                            .contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/malformed-request"))
                    .andExpect(jsonPath("$.detail").value("The request body is not the JSON object expected."));
        }
    }
}
