package dev.anshin.devices;

import static dev.anshin.DeviceObservations.CHROME;
import static dev.anshin.DeviceObservations.individual;
import static dev.anshin.DeviceObservations.laptop;
import static dev.anshin.DeviceObservations.observe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.DeviceObservations;
import dev.anshin.HostileJson;
import dev.anshin.IntegrationTestSupport;
import dev.anshin.RemoteAddresses;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import dev.anshin.fraud.FraudLabels;
import dev.anshin.privacy.Purpose;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.Disclosure;
import dev.anshin.privacy.ErasureReason;
import dev.anshin.privacy.PersonalData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The collector's endpoints, matching through the database, reputation, and device data as personal data. */
class DevicesIntegrationTest extends IntegrationTestSupport {

    private static final Actor ONBOARDING = new Actor("onboarding-test", Set.of(Role.CUSTOMER_SERVICE), "test");
    private static final Actor OFFICER = new Actor("devices-test-officer", Set.of(Role.PRIVACY_OFFICER), "test");

    @Autowired
    Devices devices;

    @Autowired
    PersonalData personalData;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FraudLabels labels;

    @Autowired
    DevicesProperties properties;

    @Autowired
    DeviceStore store;

    String observed(Map<String, Object> body, String address) throws Exception {
        return DeviceObservations.observed(mvc, json, body, address);
    }

    String newDevice() throws Exception {
        String ref = observed(laptop(individual(), CHROME), RemoteAddresses.fresh());
        return devices.observation(ref).orElseThrow().deviceId();
    }

    long observations() {
        return jdbc.sql("SELECT COUNT(*) FROM device_observations").query(Long.class).single();
    }

    @Test
    void theCollectorScriptIsServedAsCacheableJavascript() throws Exception {
        String etag = mvc.perform(get("/device/collector.js"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("text/javascript")))
                .andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("max-age=86400")))
                .andReturn().getResponse().getHeader("ETag");
        mvc.perform(get("/device/collector.js").header("If-None-Match", etag)).andExpect(status().isNotModified());
    }

    @Test
    void anObservationAnswersItsReferenceAndNeverTheDevice() throws Exception {
        String answer = mvc.perform(observe(json.writeValueAsString(laptop("answer", CHROME)), RemoteAddresses.fresh()))
                .andExpect(status().isCreated())
                .andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")))
                .andReturn().getResponse().getContentAsString();
        var tree = json.readTree(answer);
        assertThat(tree.propertyNames()).containsExactly("observation");
        ObservedDevice observed = devices.observation(tree.get("observation").asText()).orElseThrow();
        assertThat(answer).doesNotContain(observed.deviceId());
    }

    @Test
    void theSameBrowserAgainIsTheSameDevice() throws Exception {
        String address = RemoteAddresses.fresh();
        Map<String, Object> body = laptop(individual(), CHROME);
        ObservedDevice first = devices.observation(observed(body, address)).orElseThrow();
        ObservedDevice second = devices.observation(observed(body, address)).orElseThrow();
        assertThat(first.newDevice()).isTrue();
        assertThat(second.newDevice()).isFalse();
        assertThat(second.deviceId()).isEqualTo(first.deviceId());
    }

    @Test
    void anUpdatedBrowserIsRecognised() throws Exception {
        String address = RemoteAddresses.fresh();
        String individual = individual();
        ObservedDevice before = devices.observation(observed(laptop(individual, CHROME), address)).orElseThrow();
        Map<String, Object> updated = laptop(individual, CHROME.replace("130.0", "131.0"));
        @SuppressWarnings("unchecked")
        Map<String, Object> signals = (Map<String, Object>) updated.get("signals");
        signals.put("canvas", "dd" + Integer.toHexString(individual.hashCode()));
        ObservedDevice after = devices.observation(observed(updated, address)).orElseThrow();
        assertThat(after.deviceId()).isEqualTo(before.deviceId());
    }

    @Test
    void anotherDeviceIsNotTakenForThisOne() throws Exception {
        String first = newDevice();
        assertThat(newDevice()).isNotEqualTo(first);
    }

    @Test
    void brokenJsonIsAProblemAndStoresNothing() throws Exception {
        long before = observations();
        mvc.perform(observe("{\"browser\": ", RemoteAddresses.fresh())).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/malformed-request"));
        assertThat(observations()).isEqualTo(before);
    }

    @Test
    void aWrongTypeIsAProblemNamingTheField() throws Exception {
        Map<String, Object> body = laptop("types", CHROME);
        @SuppressWarnings("unchecked")
        Map<String, Object> browser = (Map<String, Object>) body.get("browser");
        browser.put("browserScreenWidth", "1920");
        mvc.perform(observe(json.writeValueAsString(body), RemoteAddresses.fresh()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/validation"))
                .andExpect(jsonPath("$.errors[0].field").value("browser.browserScreenWidth"));
    }

    @Test
    void anUnknownFieldIsAProblemNamingIt() throws Exception {
        Map<String, Object> body = laptop("unknown", CHROME);
        @SuppressWarnings("unchecked")
        Map<String, Object> signals = (Map<String, Object>) body.get("signals");
        signals.put("battery", 0.5);
        mvc.perform(observe(json.writeValueAsString(body), RemoteAddresses.fresh()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("signals.battery"));
    }

    @Test
    void anOutOfRangeValueIsAProblemNamingIt() throws Exception {
        Map<String, Object> body = laptop("range", CHROME);
        @SuppressWarnings("unchecked")
        Map<String, Object> browser = (Map<String, Object>) body.get("browser");
        browser.put("browserTZ", 5000);
        mvc.perform(observe(json.writeValueAsString(body), RemoteAddresses.fresh()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("browser.browserTZ"));
    }

    @Test
    void anOversizeBodyIsRefusedUnread() throws Exception {
        long before = observations();
        Map<String, Object> body = laptop("big", CHROME);
        @SuppressWarnings("unchecked")
        Map<String, Object> browser = (Map<String, Object>) body.get("browser");
        browser.put("browserUserAgent", "Mozilla/5.0 ".repeat(2000));
        String text = json.writeValueAsString(body);
        assertThat(text.length()).isGreaterThan(16_384);
        mvc.perform(observe(text, RemoteAddresses.fresh())).andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/payload-too-large"));
        assertThat(observations()).isEqualTo(before);
    }

    @Test
    void aFormBodyIsRefused() throws Exception {
        mvc.perform(post("/device/observations").contentType(MediaType.APPLICATION_FORM_URLENCODED).content("a=b")
                        .with(RemoteAddresses.from(RemoteAddresses.fresh())))
                .andExpect(status().isUnsupportedMediaType());
    }

    @Test
    void anotherSitesPageIsRefused() throws Exception {
        String body = json.writeValueAsString(laptop("cross-site", CHROME));
        mvc.perform(observe(body, RemoteAddresses.fresh()).header("Origin", "https://phish.example"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/forbidden"));
        mvc.perform(observe(body, RemoteAddresses.fresh()).header("Sec-Fetch-Site", "cross-site"))
                .andExpect(status().isForbidden());
        mvc.perform(observe(body, RemoteAddresses.fresh()).header("Sec-Fetch-Site", "same-origin")
                .header("Origin", "http://localhost")).andExpect(status().isCreated());
    }

    @Test
    void tooManyObservationsFromOneAddressAreRefused() throws Exception {
        String address = RemoteAddresses.fresh();
        String body = json.writeValueAsString(laptop("flood", CHROME));
        int refused = 0;
        for (int i = 0; i < 15; i++) {
            int status = mvc.perform(observe(body, address)).andReturn().getResponse().getStatus();
            refused += status == 429 ? 1 : 0;
        }
        assertThat(refused).isGreaterThan(0);
        mvc.perform(observe(body, address)).andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/rate-limited"));
    }

    @Test
    void hostileBodiesAreAnsweredCleanly() {
        HostileJson.assertAnsweredCleanly(mvc, 20, () -> laptop(individual(), CHROME),
                body -> observe(body, RemoteAddresses.fresh()), body -> observations());
    }

    @Test
    void theOtherDevicePathsAreClosed() throws Exception {
        mvc.perform(get("/device/observations")).andExpect(status().is4xxClientError());
        mvc.perform(get("/device/anything")).andExpect(status().isForbidden());
    }

    @Test
    void applicationsAreCountedOncePerReference() throws Exception {
        String device = newDevice();
        Instant now = clock.instant();
        devices.recordApplication(device, "APP-1", now);
        devices.recordApplication(device, "APP-1", now);
        devices.recordApplication(device, "APP-2", now);
        assertThat(devices.reputationOf(device).applications30d()).isEqualTo(2);
        devices.recordApplication(device, "APP-3", now);
        assertThat(devices.reputationOf(device).reasons()).contains(DeviceReason.MANY_APPLICATIONS);
    }

    @Test
    void aReputationIsPointInTime() throws Exception {
        String device = newDevice();
        Instant now = clock.instant();
        devices.recordApplication(device, "APP-later", now.plusSeconds(60));
        assertThat(devices.reputationOf(device, now).applications()).isZero();
        assertThat(devices.reputationOf(device, now.plusSeconds(120)).applications()).isEqualTo(1);
    }

    @Test
    void anUnknownDeviceIsNeitherGoodNorBad() {
        DeviceReputation unknown = devices.reputationOf(UUID.randomUUID().toString());
        assertThat(unknown.known()).isFalse();
        assertThat(unknown.reasons()).isEmpty();
        assertThatThrownBy(() -> devices.recordApplication(UUID.randomUUID().toString(), "APP-x", Instant.now()))
                .isInstanceOf(UnknownDevice.class);
    }

    @Test
    void aLinkedCustomerAndTheirCardsCount() throws Exception {
        String device = newDevice();
        String customer = newCustomer();
        cards.register(newPan(), customer);
        cards.register(newPan(), customer);
        devices.recordApplication(device, "APP-link", clock.instant());
        devices.linkCustomer(ONBOARDING, device, customer, "APP-link", clock.instant());
        DeviceReputation reputation = devices.reputationOf(device);
        assertThat(reputation.customers()).isEqualTo(1);
        assertThat(reputation.cards()).isEqualTo(2);
        assertThat(devices.devicesOf(customer)).containsExactly(device);
    }

    @Test
    void erasureRemovesThePersonsLinksAndTheirOwnDevice() throws Exception {
        String own = newDevice();
        String shared = newDevice();
        String customer = newCustomer();
        String other = newCustomer();
        devices.recordApplication(shared, "APP-erased", clock.instant());
        devices.linkCustomer(ONBOARDING, own, customer, null, clock.instant());
        devices.linkCustomer(ONBOARDING, shared, customer, "APP-erased", clock.instant());
        devices.linkCustomer(ONBOARDING, shared, other, null, clock.instant());
        personalData.erase(OFFICER, customer, ErasureReason.PERSON_REQUESTED, "devices-test");
        assertThat(devices.devicesOf(customer)).isEmpty();
        assertThat(devices.reputationOf(own).known()).isFalse();
        DeviceReputation kept = devices.reputationOf(shared);
        assertThat(kept.customers()).isEqualTo(1);
        assertThat(kept.applications()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM device_applications WHERE application_ref = 'APP-erased' "
                + "OR customer_id = ?").param(customer).query(Long.class).single()).isZero();
    }

    @Test
    void whetherAnshinKnowsADeviceIdIsAnsweredAgainOnceTheDeviceIsDeleted() throws Exception {
        String erasedWith = newDevice();
        String aged = newDevice();
        String customer = newCustomer();
        devices.linkCustomer(ONBOARDING, erasedWith, customer, null, clock.instant());
        String issuers = UUID.randomUUID().toString();
        // Asked twice each (the second answer from memory): Anshin's ids yes, an issuer's no.
        for (int i = 0; i < 2; i++) {
            assertThat(devices.knows(erasedWith)).isTrue();
            assertThat(devices.knows(aged)).isTrue();
            assertThat(devices.knows(issuers)).isFalse();
        }

        personalData.erase(OFFICER, customer, ErasureReason.PERSON_REQUESTED, "devices-known-test");
        assertThat(devices.knows(erasedWith)).as("deleted with its only customer").isFalse();
        assertThat(devices.knows(aged)).isTrue();

        jdbc.sql("UPDATE devices SET last_seen_at = ? WHERE device_id = ?")
                .params(java.sql.Timestamp.from(clock.instant().minus(properties.deviceRetention()).minusSeconds(86_400)),
                        aged).update();
        store.purge(java.time.Instant.EPOCH, clock.instant().minus(properties.deviceRetention()));
        assertThat(devices.knows(aged)).as("deleted by retention").isFalse();
    }

    @Test
    void aDisclosureIncludesThePersonsDevices() throws Exception {
        String device = newDevice();
        String customer = newCustomer();
        devices.linkCustomer(ONBOARDING, device, customer, null, clock.instant());
        Disclosure disclosure = personalData.disclose(OFFICER, customer);
        assertThat(disclosure.elsewhere()).singleElement().satisfies(item -> {
            assertThat(item.entry()).isEqualTo(DevicePersonalData.LINKS);
            assertThat(item.textJa()).contains("機器 " + device);
            assertThat(item.textEn()).contains("Device " + device);
        });
    }

    @Test
    void theDataMapAndTheCatalogListDeviceData() throws Exception {
        String page = mvc.perform(get("/privacy/data-map").with(user("privacy").roles("PRIVACY_OFFICER")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("data-field=\"" + DevicePersonalData.LINKS + "\"",
                "data-field=\"" + DevicePersonalData.SIGNALS + "\"", "data-field=\"" + DevicePersonalData.NETWORK + "\"");
        mvc.perform(get("/api/v1/privacy/catalog").header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.name == 'DEVICE_LINKS')].category").value("PRODUCT_USAGE"));
    }

    /**
     * Device data serves card security and the person's own requests: the catalog and the data map show
     * those purposes, not marketing, research, statistics or provision to third parties, which its
     * category ("product and service usage") would allow.
     */
    @Test
    void theCatalogAndTheDataMapShowTheDeviceDatasOwnPurposes() throws Exception {
        List<String> declared = List.of(Purpose.SERVICE_OPERATION.name(), Purpose.DATA_SUBJECT_REQUEST.name());
        String catalog = mvc.perform(get("/api/v1/privacy/catalog").header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String page = mvc.perform(get("/privacy/data-map").with(user("privacy").roles("PRIVACY_OFFICER")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<String> columns = new ArrayList<>();
        java.util.regex.Matcher column = java.util.regex.Pattern.compile("<th class=\"purpose\" data-purpose=\"([A-Z_]+)\"")
                .matcher(page);
        while (column.find()) {
            columns.add(column.group(1));
        }
        assertThat(columns).contains(Purpose.MARKETING.name(), Purpose.THIRD_PARTY_PROVISION.name());
        for (String entry : List.of(DevicePersonalData.LINKS, DevicePersonalData.SIGNALS, DevicePersonalData.NETWORK)) {
            List<String> purposes = new ArrayList<>();
            for (var field : json.readTree(catalog)) {
                if (field.get("name").asText().equals(entry)) {
                    field.get("purposes").forEach(purpose -> purposes.add(purpose.asText()));
                }
            }
            assertThat(purposes).as(entry).containsExactlyInAnyOrderElementsOf(declared);
            int row = page.indexOf("data-field=\"" + entry + "\"");
            String cells = page.substring(row, page.indexOf("</tr>", row));
            List<String> allowed = new ArrayList<>();
            java.util.regex.Matcher cell = java.util.regex.Pattern.compile("<td class=\"(allowed|not-allowed)\"").matcher(cells);
            for (int i = 0; cell.find(); i++) {
                if (cell.group(1).equals("allowed")) {
                    allowed.add(columns.get(i));
                }
            }
            assertThat(allowed).as(entry).containsExactlyInAnyOrderElementsOf(declared);
        }
    }

    /** The catalog's retention is worded from what the code deletes by, not written beside it. */
    @Test
    void theCatalogsRetentionIsWhatTheCodeKeeps() throws Exception {
        String catalog = mvc.perform(get("/api/v1/privacy/catalog").header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Map<String, String> retention = new LinkedHashMap<>();
        for (var field : json.readTree(catalog)) {
            retention.put(field.get("name").asText(), field.get("retention").asText());
        }
        String devices = properties.deviceRetention().toDays() + " days after it was last seen";
        assertThat(retention.get(DevicePersonalData.NETWORK)).contains(
                properties.observationRetention().toDays() + " days after it",
                "the latest " + DeviceProfile.NETWORKS_KEPT, devices, "/64");
        assertThat(retention.get(DevicePersonalData.SIGNALS)).contains(devices);
    }

    @Test
    void aConfirmedFraudReachesTheDeviceItCameFromAndTheCustomersOtherDevices() throws Exception {
        String used = newDevice();
        String other = newDevice();
        String customer = newCustomer();
        Card card = cards.register(newPan(), customer);
        devices.linkCustomer(ONBOARDING, other, customer, null, clock.instant());
        String authorizationId = newId("device-fraud");
        Map<String, Object> authorization = authorization(authorizationId, card.token());
        authorization.put("cardPresent", false);
        authorization.put("posEntryMode", "81");
        authorization.put("device", new LinkedHashMap<>(Map.of("deviceId", used, "channel", "02")));
        postAuthorization(authorization).andExpect(status().isOk());
        postAs(Role.LABELER, "/api/v1/fraud-labels", Map.of("authorizationId", authorizationId, "fraud", true,
                "source", "ISSUER")).andExpect(status().isCreated());
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(devices.reputationOf(used).confirmedFrauds()).isEqualTo(1);
            assertThat(devices.reputationOf(other).fraudsOnLinkedCards()).isEqualTo(1);
        });
        assertThat(devices.reputationOf(used).reasons()).startsWith(DeviceReason.CONFIRMED_FRAUD);
        assertThat(devices.reputationOf(other).reasons()).contains(DeviceReason.FRAUD_ON_LINKED_CARDS);
    }

    @Test
    void anObservationFromAnotherCountryIsNoted() throws Exception {
        Map<String, Object> body = laptop(individual(), CHROME);
        @SuppressWarnings("unchecked")
        Map<String, Object> signals = (Map<String, Object>) body.get("signals");
        signals.put("timezone", "America/Los_Angeles");
        signals.put("languages", List.of("en-US"));
        String device = devices.observation(observed(body, RemoteAddresses.fresh())).orElseThrow().deviceId();
        assertThat(devices.reputationOf(device).reasons())
                .contains(DeviceReason.TIMEZONE_OUTSIDE_JAPAN, DeviceReason.LANGUAGE_NOT_JAPANESE);
    }

    @Test
    void aBotsMarkersReachTheReputation() throws Exception {
        Map<String, Object> body = laptop(individual(), CHROME);
        @SuppressWarnings("unchecked")
        Map<String, Object> signals = (Map<String, Object>) body.get("signals");
        signals.put("webdriver", true);
        String device = devices.observation(observed(body, RemoteAddresses.fresh())).orElseThrow().deviceId();
        assertThat(devices.reputationOf(device).automation()).contains(AutomationMarker.WEBDRIVER);
        assertThat(devices.reputationOf(device).reasons()).contains(DeviceReason.AUTOMATION);
    }

    // --- observation references: short-lived, bound to one application ---

    @Test
    void theFirstApplicationToClaimAReferenceHasItAndTheSameOneAgainGetsTheSameAnswer() throws Exception {
        String ref = observed(laptop(individual(), CHROME), RemoteAddresses.fresh());
        ObservedDevice first = devices.claim(ref, "APP-claim-1").orElseThrow();
        assertThat(devices.claim(ref, "APP-claim-1")).contains(first);
        assertThat(devices.observation(ref)).contains(first);
        assertThat(devices.reputationOf(first.deviceId()).reasons()).doesNotContain(DeviceReason.REUSED_OBSERVATION);
    }

    @Test
    void aReferencePresentedForAnotherApplicationIsRefusedAndCountsAgainstTheDevice() throws Exception {
        String ref = observed(laptop(individual(), CHROME), RemoteAddresses.fresh());
        String device = devices.claim(ref, "APP-owner").orElseThrow().deviceId();
        assertThat(devices.claim(ref, "APP-replay-1")).isEmpty();
        assertThat(devices.claim(ref, "APP-replay-1")).isEmpty();
        assertThat(devices.claim(ref, "APP-replay-2")).isEmpty();
        DeviceReputation reputation = devices.reputationOf(device);
        assertThat(reputation.reusedObservations()).isEqualTo(2);
        assertThat(reputation.reasons()).contains(DeviceReason.REUSED_OBSERVATION);
        assertThat(devices.claim(ref, "APP-owner")).isPresent();
    }

    @Test
    void aReferenceExpiresForReadingAndClaimingButNotForItsOwnApplication() throws Exception {
        String stale = observed(laptop(individual(), CHROME), RemoteAddresses.fresh());
        String claimed = observed(laptop(individual(), CHROME), RemoteAddresses.fresh());
        assertThat(devices.claim(claimed, "APP-in-time")).isPresent();
        Duration moved = properties.observationLifetime().plusMinutes(1);
        clock.advance(moved);
        try {
            assertThat(devices.observation(stale)).isEmpty();
            assertThat(devices.claim(stale, "APP-late")).isEmpty();
            assertThat(devices.claim(claimed, "APP-in-time")).isPresent();
            assertThat(devices.claim(claimed, "APP-other")).isEmpty();
        } finally {
            clock.advance(moved.negated()); // the context's clock is shared: give the other tests their time back
        }
        // An expired, unclaimed reference is a slow applicant, not a replay.
        assertThat(devices.reputationOf(devices.observation(stale).orElseThrow().deviceId()).reusedObservations())
                .isZero();
    }

    @Test
    void concurrentClaimsForTwoApplicationsGiveTheReferenceToOne() throws Exception {
        String ref = observed(laptop(individual(), CHROME), RemoteAddresses.fresh());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<java.util.Optional<ObservedDevice>>> claims = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String application = "APP-concurrent-" + i;
                claims.add(pool.submit(() -> devices.claim(ref, application)));
            }
            int won = 0;
            for (var claim : claims) {
                won += claim.get(30, java.util.concurrent.TimeUnit.SECONDS).isPresent() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    // --- point in time ---

    @Test
    void aReputationAtAnInstantKnowsNothingLater() throws Exception {
        String device = newDevice();
        Instant seen = devices.reputationOf(device).firstSeenAt();
        assertThat(devices.reputationOf(device, seen.minusSeconds(60)).known()).isFalse();

        String customer = newCustomer();
        cards.register(newPan(), customer);
        devices.linkCustomer(ONBOARDING, device, customer, null, seen);
        Duration moved = Duration.ofHours(2);
        clock.advance(moved);
        try {
            cards.register(newPan(), customer);
        } finally {
            clock.advance(moved.negated());
        }
        assertThat(devices.reputationOf(device, seen.plus(Duration.ofHours(1))).cards()).isEqualTo(1);
        assertThat(devices.reputationOf(device, seen.plus(Duration.ofHours(3))).cards()).isEqualTo(2);
    }

    @Test
    void aFraudReportedAsKnownBeforeTheLinkCountsOnlyFromTheLink() throws Exception {
        String device = newDevice();
        Instant seen = devices.reputationOf(device).firstSeenAt();
        String customer = newCustomer();
        Card card = cards.register(newPan(), customer);
        Instant linked = seen.plus(Duration.ofHours(1));
        devices.linkCustomer(ONBOARDING, device, customer, null, linked);
        String authorizationId = newId("backdated");
        Map<String, Object> authorization = authorization(authorizationId, card.token());
        authorization.put("timestamp", seen.minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                .toString());
        postAuthorization(authorization).andExpect(status().isOk());
        labels.record(authorizationId, FraudLabels.Source.ISSUER, true, seen.minus(Duration.ofHours(2)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(devices.reputationOf(device, linked).fraudsOnLinkedCards()).isEqualTo(1));
        assertThat(devices.reputationOf(device, seen).fraudsOnLinkedCards()).isZero();
        assertThat(devices.reputationOf(device, linked.minusSeconds(1)).fraudsOnLinkedCards()).isZero();
    }

    // --- frauds: every confirming label, and erasure ---

    @Test
    void aFraudConfirmedAfterAGenuineFirstLabelReachesTheDevice() throws Exception {
        String used = newDevice();
        Card card = newCard();
        String authorizationId = newId("overturned");
        Map<String, Object> authorization = authorization(authorizationId, card.token());
        authorization.put("cardPresent", false);
        authorization.put("posEntryMode", "81");
        authorization.put("device", new LinkedHashMap<>(Map.of("deviceId", used, "channel", "02")));
        postAuthorization(authorization).andExpect(status().isOk());
        labels.record(authorizationId, FraudLabels.Source.ISSUER, false, null);
        labels.record(authorizationId, FraudLabels.Source.CHARGEBACK, true, null);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(devices.reputationOf(used).confirmedFrauds()).isEqualTo(1));
        labels.record(authorizationId, FraudLabels.Source.ANALYST, true, null);
        assertThat(devices.reputationOf(used).confirmedFrauds()).isEqualTo(1);
    }

    @Test
    void erasureTakesThePersonsFraudsOffTheDevicesTheyShared() throws Exception {
        String shared = newDevice();
        String customer = newCustomer();
        String other = newCustomer();
        Card card = cards.register(newPan(), customer);
        devices.linkCustomer(ONBOARDING, shared, customer, null, clock.instant());
        devices.linkCustomer(ONBOARDING, shared, other, null, clock.instant());
        String onLinkedCard = newId("erased-linked");
        postAuthorization(authorization(onLinkedCard, card.token())).andExpect(status().isOk());
        String fromDevice = newId("erased-device");
        Map<String, Object> authorization = authorization(fromDevice, card.token());
        authorization.put("cardPresent", false);
        authorization.put("posEntryMode", "81");
        authorization.put("device", new LinkedHashMap<>(Map.of("deviceId", shared, "channel", "02")));
        postAuthorization(authorization).andExpect(status().isOk());
        labels.record(onLinkedCard, FraudLabels.Source.ISSUER, true, null);
        labels.record(fromDevice, FraudLabels.Source.ISSUER, true, null);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(devices.reputationOf(shared).fraudsOnLinkedCards()).isEqualTo(1);
            assertThat(devices.reputationOf(shared).confirmedFrauds()).isEqualTo(1);
        });

        personalData.erase(OFFICER, customer, ErasureReason.PERSON_REQUESTED, "devices-test");

        DeviceReputation kept = devices.reputationOf(shared);
        assertThat(kept.fraudsOnLinkedCards()).isZero();
        // A fraud made from the device stays evidence against the device, no longer pointing to the person.
        assertThat(kept.confirmedFrauds()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM device_frauds WHERE authorization_id IN (?, ?) OR customer_id = ?")
                .params(onLinkedCard, fromDevice, customer).query(Long.class).single()).isZero();
    }

    // --- the rate limit by network ---

    @Test
    void addressesOfOneIpv6SubnetShareOneLimit() throws Exception {
        String subnet = String.format("2001:db8:%x:%x:", java.util.concurrent.ThreadLocalRandom.current().nextInt(0x10000),
                java.util.concurrent.ThreadLocalRandom.current().nextInt(0x10000));
        String body = json.writeValueAsString(laptop("subnet", CHROME));
        int refused = 0;
        for (int i = 0; i < 15; i++) {
            String address = subnet + Integer.toHexString(i + 1) + ":0:0:" + Integer.toHexString(i * 7 + 3);
            refused += mvc.perform(observe(body, address)).andReturn().getResponse().getStatus() == 429 ? 1 : 0;
        }
        assertThat(refused).isGreaterThan(0);
        // The next /64 is someone else.
        String neighbour = "2001:db8:ffff:" + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current()
                .nextInt(0x10000)) + "::1";
        mvc.perform(observe(body, neighbour)).andExpect(status().isCreated());
    }

    @SuppressWarnings("unused")
    private MockMvc mvc() {
        return mvc;
    }
}
