package dev.anshin.devicerecognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.DeviceObservations;
import dev.anshin.IntegrationTestSupport;
import dev.anshin.RemoteAddresses;
import dev.anshin.access.Role;
import dev.anshin.devices.Devices;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.DeviceData;
import dev.anshin.scoring.PosEntryMode;
import dev.anshin.scoring.ScoringEngine;
import dev.anshin.scoring.features.FeatureVector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import tools.jackson.databind.JsonNode;

/**
 * An authorization that names an observation of Anshin's collector is scored with Anshin's device:
 * its stable id, its reputation's facts as features, its reasons in the decision, stored and shown.
 * End to end: POST /device/observations, then POST /api/v1/authorizations.
 */
class DeviceRecognitionIntegrationTest extends IntegrationTestSupport {

    @Autowired
    Devices devices;

    @Autowired
    ScoringEngine engine;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    dev.anshin.fraud.PaymentPseudonyms pseudonyms;

    /** The collector's reference for a browser of its own; {@code driven}: under WebDriver. */
    private String observed(boolean driven) throws Exception {
        Map<String, Object> laptop = DeviceObservations.laptop(DeviceObservations.individual(),
                DeviceObservations.CHROME);
        return DeviceObservations.observed(mvc, json, driven ? DeviceObservations.underWebDriver(laptop) : laptop,
                RemoteAddresses.fresh());
    }

    /** An online authorization from the issuer's device id {@code issuerDevice}, naming {@code observation}. */
    private Map<String, Object> online(String id, String card, String issuerDevice, String observation) {
        Map<String, Object> body = authorization(id, card);
        body.put("cardPresent", false);
        body.put("posEntryMode", "81");
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("deviceId", issuerDevice);
        device.put("channel", "02");
        device.put("language", "ja-JP");
        device.put("timezoneOffset", -540);
        if (observation != null) {
            device.put("observation", observation);
        }
        body.put("device", device);
        return body;
    }

    private JsonNode decided(Map<String, Object> body) throws Exception {
        return json.readTree(postAuthorization(body).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }

    private static List<String> reasons(JsonNode decision, String kind) {
        List<String> codes = new ArrayList<>();
        decision.get("reasons").forEach(r -> {
            if (r.get("kind").asText().equals(kind)) {
                codes.add(r.get("code").asText());
            }
        });
        return codes;
    }

    private String storedDeviceId(String authorizationId) throws Exception {
        // the decision log's indexer writes the row within milliseconds
        for (int tries = 0; tries < 500; tries++) {
            List<String> ids = jdbc.sql("SELECT device_key FROM authorizations WHERE authorization_id = ?")
                    .param(authorizationId).query(String.class).list();
            if (!ids.isEmpty()) {
                return ids.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not indexed: " + authorizationId);
    }

    @Test
    void aRecognisedObservationScoresWithAnshinsDeviceAndItsReasons() throws Exception {
        String observation = observed(true);
        String anshinDevice = devices.observation(observation).orElseThrow().deviceId();
        String id = newId("dev-rec");

        JsonNode decision = decided(online(id, newCard().token(), "issuer-device-1", observation));

        assertThat(reasons(decision, "DEVICE")).contains("AUTOMATION");
        assertThat(storedDeviceId(id)).isEqualTo(anshinDevice);
        String facts = jdbc.sql("SELECT device_facts FROM authorizations WHERE authorization_id = ?").param(id)
                .query(String.class).single();
        assertThat(json.readTree(facts).get("automation").asBoolean()).isTrue();
        // read back: the same reasons
        mvc.perform(get("/api/v1/authorizations/" + id).header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reasons[?(@.kind == 'DEVICE')].code").value(
                        org.hamcrest.Matchers.hasItem("AUTOMATION")));
    }

    @Test
    void theDecisionsDrillDownShowsTheDeviceReasonInWords() throws Exception {
        String id = newId("dev-page");
        decided(online(id, newCard().token(), "issuer-device-2", observed(true)));
        storedDeviceId(id);

        String ja = page(get("/console/decisions/" + id), SecurityMockMvcRequestPostProcessors.user("analyst")
                .roles(Role.ANALYST.name()));
        String en = page(get("/console/decisions/" + id).param("lang", "en"),
                SecurityMockMvcRequestPostProcessors.user("analyst").roles(Role.ANALYST.name()));

        assertThat(ja).contains("機器の評判：自動操作の兆候");
        assertThat(en).contains("Device reputation: Signs of automation");
    }

    @Test
    void aConfirmedFraudReachesAnshinsDeviceForTheNextCardItIsUsedWith() throws Exception {
        String observation = observed(false);
        String anshinDevice = devices.observation(observation).orElseThrow().deviceId();
        String stolen = newId("dev-stolen");
        decided(online(stolen, newCard().token(), "issuer-a", observation));
        float before = knownFrauds(anshinDevice);

        postAs(Role.LABELER, "/api/v1/fraud-labels", Map.of("authorizationId", stolen, "fraud", true,
                "source", "ISSUER")).andExpect(status().isCreated());

        assertThat(before).isZero();
        assertThat(knownFrauds(anshinDevice)).isEqualTo(1f);
        // the issuer's own id for the same browser knows nothing: the label reached Anshin's device
        assertThat(knownFrauds("issuer-a")).isNaN();
    }

    private float knownFrauds(String deviceId) {
        Authorization probe = new Authorization(newId("probe"), "tok_probe-" + deviceId, 1000, "JPY", "m-probe",
                "5411", "t-probe", "JP", PosEntryMode.ECOMMERCE, false, clock.instant(), // labels are known on this clock
                new DeviceData(deviceId, "02", null, null, null, null, null), null);
        FeatureVector features = engine.features().observe(probe);
        return features.value("device_known_frauds_60d");
    }

    @Test
    void withoutAnObservationOrWithOneAnshinDoesNotHoldNothingChanges() throws Exception {
        String plain = newId("dev-plain");
        String unknown = newId("dev-unknown");

        JsonNode withoutObservation = decided(online(plain, newCard().token(), "issuer-device-3", null));
        JsonNode withUnknown = decided(online(unknown, newCard().token(), "issuer-device-4",
                UUID.randomUUID().toString()));

        assertThat(reasons(withoutObservation, "DEVICE")).isEmpty();
        assertThat(reasons(withUnknown, "DEVICE")).isEmpty();
        // The issuer's device ids as their keyed pseudonyms (Anshin's own id, when recognised, as it is).
        assertThat(storedDeviceId(plain)).isEqualTo(pseudonyms.device("issuer-device-3"));
        assertThat(storedDeviceId(unknown)).isEqualTo(pseudonyms.device("issuer-device-4"));
        assertThat(jdbc.sql("SELECT device_facts FROM authorizations WHERE authorization_id IN (?, ?)")
                .params(plain, unknown).query(String.class).list()).containsOnlyNulls();
    }

    @Test
    void aMalformedObservationIsAProblemNamingItAndNothingIsStored() throws Exception {
        String id = newId("dev-bad");
        Map<String, Object> body = online(id, newCard().token(), "issuer-device-5", "not-a-reference");

        postAuthorization(body).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("device.observation"));
        Map<String, Object> numeric = online(id, newCard().token(), "issuer-device-5", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> device = (Map<String, Object>) numeric.get("device");
        device.put("observation", 12345);
        postAuthorization(numeric).andExpect(status().is4xxClientError());

        mvc.perform(get("/api/v1/authorizations/" + id).header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isNotFound());
    }

    @Test
    void aRetryOfARecognisedAuthorizationGetsTheStoredDecision() throws Exception {
        String observation = observed(true);
        Map<String, Object> body = online(newId("dev-retry"), newCard().token(), "issuer-device-6", observation);

        JsonNode first = decided(body);
        JsonNode again = decided(body);

        assertThat(again).isEqualTo(first);
    }
}
