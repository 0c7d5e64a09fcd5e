package dev.anshin.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HybridConfig;
import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Third-party provision: recipients, consent per recipient, the encrypted export, provision records. */
class ProvisionIntegrationTest extends IntegrationTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProvisionRetention retention;

    @BeforeAll
    static void tink() throws GeneralSecurityException {
        HybridConfig.register();
    }

    /** A recipient's own key pair, as the recipient would make it (private part never sent). */
    static KeysetHandle recipientPrivateKeyset() throws GeneralSecurityException {
        return KeysetHandle.generateNew(HpkeParameters.builder()
                .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
                .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
                .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
                .setVariant(HpkeParameters.Variant.TINK)
                .build());
    }

    static String publicJson(KeysetHandle privateKeyset) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(privateKeyset.getPublicKeysetHandle());
    }

    /** Registers a points programme that may receive name, e-mail and customer number. */
    String registerRecipient(KeysetHandle privateKeyset) throws Exception {
        String id = "points-" + UUID.randomUUID().toString().substring(0, 8);
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/recipients", recipientBody(id, publicJson(privateKeyset),
                List.of("NAME_KANJI", "EMAIL", "CUSTOMER_NUMBER")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(id));
        return id;
    }

    static Map<String, Object> recipientBody(String id, String keyset, List<String> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("kind", "POINTS_PROGRAMME");
        body.put("nameJa", "さくらポイント株式会社");
        body.put("nameEn", "Sakura Points Co., Ltd.");
        body.put("country", "JP");
        body.put("useJa", "ポイントの付与と交換");
        body.put("useEn", "Awarding and exchanging points");
        body.put("fields", fields);
        body.put("publicKeyset", keyset);
        return body;
    }

    String registerCustomer(String tag) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("NAME_KANJI", "提供太郎" + tag);
        values.put("EMAIL", "prov." + tag + "@example.jp");
        values.put("PHONE", "03-5555-" + (1000 + Math.abs(tag.hashCode() % 9000)));
        values.put("ADDRESS", "東京都港区" + tag);
        String body = postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers",
                Map.of("customerNumber", "P-" + tag, "values", values))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("customerId").asText();
    }

    void consent(String customerId, String recipient, boolean granted) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("purpose", "THIRD_PARTY_PROVISION");
        body.put("recipient", recipient);
        body.put("granted", granted);
        body.put("channel", "PORTAL");
        body.put("noticeVersion", "2026-04");
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers/" + customerId + "/consents", body)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.recipient").value(recipient));
    }

    JsonNode provide(String requestId, String recipient, List<String> customers, List<String> items, int status)
            throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", requestId);
        body.put("recipient", recipient);
        body.put("customerIds", customers);
        body.put("items", items);
        // A provision is made when a second officer approves what the first asked for (four-eyes).
        String answer = (status == 201 ? provideApproved(body).andExpect(status().isOk())
                : postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/provisions", body).andExpect(status().is(status)))
                .andReturn().getResponse().getContentAsString();
        return json.readTree(answer);
    }

    byte[] download(String provisionId) throws Exception {
        return mvc.perform(get("/api/v1/privacy/provisions/" + provisionId + "/export")
                        .header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theExportOpensWithTheRecipientsKeyOnlyAndHoldsOnlyTheItemsProvided() throws Exception {
        KeysetHandle recipientKey = recipientPrivateKeyset();
        String recipient = registerRecipient(recipientKey);
        String tag = tag();
        String first = registerCustomer(tag + "a");
        String second = registerCustomer(tag + "b");
        consent(first, recipient, true);
        consent(second, recipient, true);

        JsonNode provision = provide("prov-" + tag, recipient, List.of(first, second), List.of("NAME_KANJI", "EMAIL"),
                201);
        assertThat(provision.get("subjects").findValuesAsString("decision")).containsOnly("PROVIDED");
        String provisionId = provision.get("provisionId").asText();
        byte[] context = provision.get("contextInfo").asText().getBytes(StandardCharsets.UTF_8);
        assertThat(provision.get("contextInfo").asText()).contains(recipient).contains(provisionId);
        byte[] ciphertext = download(provisionId);

        String plaintext = new String(recipientKey.getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class)
                .decrypt(ciphertext, context), StandardCharsets.UTF_8);
        List<String> lines = plaintext.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(json.readTree(lines.get(0)).get("provisionId").asText()).isEqualTo(provisionId);
        JsonNode firstLine = json.readTree(lines.get(1));
        assertThat(firstLine.get("customerId").asText()).isEqualTo(first);
        assertThat(firstLine.get("values").get("NAME_KANJI").asText()).isEqualTo("提供太郎" + tag + "a");
        assertThat(firstLine.get("values").get("EMAIL").asText()).isEqualTo("prov." + tag + "a@example.jp");
        assertThat(firstLine.get("values").propertyNames()).containsExactlyInAnyOrder("NAME_KANJI", "EMAIL");
        assertThat(plaintext).doesNotContain("東京都港区").doesNotContain("03-5555");

        // Another key, or the export passed off as another provision, does not open it.
        HybridDecrypt stranger = recipientPrivateKeyset().getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class);
        assertThatThrownBy(() -> stranger.decrypt(ciphertext, context)).isInstanceOf(GeneralSecurityException.class);
        HybridDecrypt right = recipientKey.getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class);
        byte[] otherContext = Provisions.contextInfo(recipient, UUID.randomUUID().toString())
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> right.decrypt(ciphertext, otherContext)).isInstanceOf(GeneralSecurityException.class);

        // One provision record per data subject: recipient, subject, items, consent basis, date.
        List<Map<String, Object>> records = jdbc.sql("SELECT customer_id, recipient_id, items, consent_seq "
                        + "FROM provision_records WHERE provision_id = ? ORDER BY customer_id")
                .param(provisionId).query().listOfRows();
        assertThat(records).hasSize(2);
        assertThat(records).allSatisfy(row -> {
            assertThat(row.get("RECIPIENT_ID") != null ? row.get("RECIPIENT_ID") : row.get("recipient_id"))
                    .isEqualTo(recipient);
        });
        long consentSeq = jdbc.sql("SELECT MAX(seq) FROM consent_ledger WHERE customer_id = ? AND recipient = ?")
                .params(first, recipient).query(Long.class).single();
        assertThat(jdbc.sql("SELECT consent_seq FROM provision_records WHERE provision_id = ? AND customer_id = ?")
                .params(provisionId, first).query(Long.class).single()).isEqualTo(consentSeq);
        assertThat(jdbc.sql("SELECT items FROM provision_records WHERE provision_id = ? AND customer_id = ?")
                .params(provisionId, first).query(String.class).single()).isEqualTo("EMAIL,NAME_KANJI");
    }

    @Test
    void anItemTheRecipientMayNotReceiveIsRefusedNamingItAndNothingIsProvided() throws Exception {
        String recipient = registerRecipient(recipientPrivateKeyset());
        String customer = registerCustomer(tag());
        consent(customer, recipient, true);
        JsonNode problem = provide("prov-" + tag(), recipient, List.of(customer), List.of("EMAIL", "PHONE"), 403);
        assertThat(problem.get("type").asText()).isEqualTo("https://anshin.dev/problems/purpose-not-allowed");
        assertThat(problem.get("errors").toString()).contains("PHONE").doesNotContain("EMAIL is");
        assertThat(provisionRecords(customer)).isZero();
        assertThat(audit("recipient/" + recipient, "DENIED")).isEqualTo(1);

        JsonNode unknown = provide("prov-" + tag(), recipient, List.of(customer), List.of("SHOE_SIZE"), 422);
        assertThat(unknown.get("errors").get(0).get("field").asText()).isEqualTo("items");
    }

    @Test
    void withoutConsentOrAfterItsWithdrawalNothingIsProvidedAndTheRefusalIsAudited() throws Exception {
        String recipient = registerRecipient(recipientPrivateKeyset());
        String never = registerCustomer(tag());
        JsonNode problem = provide("prov-" + tag(), recipient, List.of(never), List.of("EMAIL"), 403);
        assertThat(problem.get("type").asText()).isEqualTo("https://anshin.dev/problems/consent-required");
        assertThat(provisionRecords(never)).isZero();
        assertThat(audit("customer/" + never, "DENIED")).isEqualTo(1);

        String withdrawn = registerCustomer(tag());
        consent(withdrawn, recipient, true);
        consent(withdrawn, recipient, false);
        provide("prov-" + tag(), recipient, List.of(withdrawn), List.of("EMAIL"), 403);
        assertThat(provisionRecords(withdrawn)).isZero();

        // Consent to one recipient is no consent to another.
        String other = registerRecipient(recipientPrivateKeyset());
        String agreed = registerCustomer(tag());
        consent(agreed, other, true);
        provide("prov-" + tag(), recipient, List.of(agreed), List.of("EMAIL"), 403);
    }

    @Test
    void customersWithoutConsentAreSkippedAndTheRestProvidedWithEachDecisionInTheAnswer() throws Exception {
        String recipient = registerRecipient(recipientPrivateKeyset());
        String agreed = registerCustomer(tag());
        String notAsked = registerCustomer(tag());
        consent(agreed, recipient, true);
        String unknown = UUID.randomUUID().toString();
        JsonNode provision = provide("prov-" + tag(), recipient, List.of(agreed, notAsked, unknown), List.of("EMAIL"),
                201);
        Map<String, String> decisions = new LinkedHashMap<>();
        provision.get("subjects").forEach(s -> decisions.put(s.get("customerId").asText(), s.get("decision").asText()));
        assertThat(decisions).containsEntry(agreed, "PROVIDED").containsEntry(notAsked, "NO_CONSENT")
                .containsEntry(unknown, "UNKNOWN_CUSTOMER").hasSize(3);
        assertThat(provisionRecords(agreed)).isEqualTo(1);
        assertThat(provisionRecords(notAsked)).isZero();
    }

    @Test
    void aReplayedRequestAnswersWithTheSameProvisionAndChangesNothing() throws Exception {
        String recipient = registerRecipient(recipientPrivateKeyset());
        String customer = registerCustomer(tag());
        consent(customer, recipient, true);
        String requestId = "prov-" + tag();
        JsonNode first = provide(requestId, recipient, List.of(customer), List.of("EMAIL"), 201);
        long records = jdbc.sql("SELECT COUNT(*) FROM provision_records").query(Long.class).single();
        long provisions = jdbc.sql("SELECT COUNT(*) FROM provisions").query(Long.class).single();

        // Asked again once approved: the request as it stands, naming the provision made (200), nothing new.
        JsonNode again = provide(requestId, recipient, List.of(customer), List.of("EMAIL"), 200);
        assertThat(again.get("status").asText()).isEqualTo("APPROVED");
        assertThat(again.get("provisionId").asText()).isEqualTo(first.get("provisionId").asText());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM provision_records").query(Long.class).single()).isEqualTo(records);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM provisions").query(Long.class).single()).isEqualTo(provisions);

        provide(requestId, recipient, List.of(customer), List.of("EMAIL", "NAME_KANJI"), 409);
    }

    @Test
    void anExportHeldHereIsNotHandedOverOnceSomeoneInItWithdrewConsentOrWasErased() throws Exception {
        String recipient = registerRecipient(recipientPrivateKeyset());
        String a = registerCustomer(tag());
        String b = registerCustomer(tag());
        String c = registerCustomer(tag());
        for (String customer : List.of(a, b, c)) {
            consent(customer, recipient, true);
        }
        String withA = provide("prov-" + tag(), recipient, List.of(a), List.of("EMAIL"), 201).get("provisionId").asText();
        String withB = provide("prov-" + tag(), recipient, List.of(b), List.of("EMAIL"), 201).get("provisionId").asText();
        String withC = provide("prov-" + tag(), recipient, List.of(c), List.of("EMAIL"), 201).get("provisionId").asText();
        download(withA);

        consent(a, recipient, false);
        postAs(Role.PRIVACY_OFFICER, "/api/v1/customers/" + b + "/erasure",
                Map.of("reason", "PERSON_REQUESTED", "reference", "DSR-PROV")).andExpect(status().isOk());

        for (String gone : List.of(withA, withB)) {
            mvc.perform(get("/api/v1/privacy/provisions/" + gone + "/export").header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                    .andExpect(status().isGone())
                    .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/export-expired"));
        }
        download(withC);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM provision_records WHERE provision_id IN (?, ?)")
                .params(withA, withB).query(Long.class).single()).as("the records stay").isEqualTo(2);
    }

    @Test
    void provisionRecordsArePurgedAfterThreeYearsButNotBeforeAndExportsExpireFirst() throws Exception {
        String recipient = registerRecipient(recipientPrivateKeyset());
        String customer = registerCustomer(tag());
        consent(customer, recipient, true);
        JsonNode provision = provide("prov-" + tag(), recipient, List.of(customer), List.of("EMAIL"), 201);
        String provisionId = provision.get("provisionId").asText();
        // Moved five years back, so the purges below, which run over the whole shared database,
        // reach only this provision: everything else in it is younger.
        Instant providedAt = Instant.parse(provision.get("providedAt").asText()).atOffset(ZoneOffset.UTC)
                .minus(Period.ofYears(5)).toInstant();
        jdbc.sql("UPDATE provisions SET provided_at = ?, export_expires_at = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(providedAt), java.sql.Timestamp.from(providedAt.plus(Duration.ofDays(7))),
                        provisionId).update();
        jdbc.sql("UPDATE provision_records SET provided_at = ? WHERE provision_id = ?")
                .params(java.sql.Timestamp.from(providedAt), provisionId).update();

        String exportOf = "SELECT COUNT(*) FROM provisions WHERE id = ? AND export_ciphertext IS NOT NULL";
        retention.purge(providedAt.plus(Duration.ofDays(7)).minusSeconds(1));
        assertThat(jdbc.sql(exportOf).param(provisionId).query(Long.class).single()).as("export kept a week").isOne();
        retention.purge(providedAt.plus(Duration.ofDays(7)));
        assertThat(jdbc.sql(exportOf).param(provisionId).query(Long.class).single()).as("then deleted").isZero();
        mvc.perform(get("/api/v1/privacy/provisions/" + provisionId + "/export")
                        .header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                .andExpect(status().isGone())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/export-expired"));
        assertThat(provisionRecords(customer)).isEqualTo(1);

        Instant threeYears = providedAt.atOffset(ZoneOffset.UTC).plus(Period.ofYears(3)).toInstant();
        retention.purge(threeYears);
        assertThat(provisionRecords(customer)).as("kept for three full years").isEqualTo(1);
        retention.purge(threeYears.plusMillis(1));
        assertThat(provisionRecords(customer)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM provisions WHERE id = ?").param(provisionId).query(Long.class)
                .single()).isZero();
    }

    @Test
    void aMalformedOrPrivateKeyIsRefusedAtRegistrationNeverA500() throws Exception {
        KeysetHandle key = recipientPrivateKeyset();
        String privateJson = TinkJsonProtoKeysetFormat.serializeKeyset(key, InsecureSecretKeyAccess.get());
        for (String keyset : List.of("{not json", "{\"primaryKeyId\": 1, \"key\": []}", privateJson, "")) {
            postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/recipients",
                    recipientBody("bad-" + tag(), keyset, List.of("EMAIL")))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.errors[0].field").value("publicKeyset"));
        }
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/recipients",
                recipientBody("bank-" + tag(), publicJson(key), List.of("EMAIL", "ANNUAL_INCOME")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("fields"));
    }

    @Test
    void onlyAPrivacyOfficerProvidesOrRegistersRecipients() throws Exception {
        KeysetHandle key = recipientPrivateKeyset();
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/privacy/recipients", recipientBody("cs-" + tag(), publicJson(key),
                List.of("EMAIL"))).andExpect(status().isForbidden());
        String recipient = registerRecipient(key);
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/privacy/provisions", Map.of("requestId", "x-" + tag(),
                "recipient", recipient, "customerIds", List.of(UUID.randomUUID().toString()), "items", List.of("EMAIL")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/privacy/provision-records").header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isForbidden());
        // Something other than a customer id (here a card number) is refused, neither stored nor echoed.
        String pan = newPan();
        String problem = postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/provisions", Map.of("requestId", "bad-" + tag(),
                        "recipient", recipient, "customerIds", List.of(UUID.randomUUID().toString(), pan),
                        "items", List.of("EMAIL")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("customerIds"))
                .andReturn().getResponse().getContentAsString();
        assertThat(problem).doesNotContain(pan);
        mvc.perform(get("/api/v1/privacy/recipients").header("X-Api-Key", key(Role.CUSTOMER_SERVICE)))
                .andExpect(status().isOk());
    }

    @Test
    void consentToProvisionNamesOneRegisteredRecipientAndOnlyThatPurposeNamesOne() throws Exception {
        String recipient = registerRecipient(recipientPrivateKeyset());
        String customer = registerCustomer(tag());
        Map<String, Object> body = new LinkedHashMap<>(Map.of("purpose", "THIRD_PARTY_PROVISION", "granted", true,
                "channel", "PORTAL", "noticeVersion", "2026-04"));
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers/" + customer + "/consents", body)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("recipient"));
        body.put("recipient", "no-such-partner");
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers/" + customer + "/consents", body)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("recipient"));
        body.put("purpose", "MARKETING");
        body.put("recipient", recipient);
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers/" + customer + "/consents", body)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("recipient"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM consent_ledger WHERE customer_id = ?").param(customer)
                .query(Long.class).single()).isZero();
        // A consent to a recipient changes nothing for the published purposes.
        consent(customer, recipient, true);
        mvc.perform(get("/api/v1/customers/" + customer + "/holdings").header("X-Api-Key", key(Role.CUSTOMER_SERVICE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.purposesInForce.MARKETING").value(true))
                .andExpect(jsonPath("$.purposesInForce.THIRD_PARTY_PROVISION").value(false));
    }

    private long provisionRecords(String customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM provision_records WHERE customer_id = ?").param(customerId)
                .query(Long.class).single();
    }

    private long audit(String resource, String outcome) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE resource = ? AND outcome = ? AND action = ?")
                .params(resource, outcome, "personal-data.provide").query(Long.class).single();
    }
}
