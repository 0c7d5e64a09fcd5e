package dev.anshin.privacy;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.google.crypto.tink.hybrid.HybridConfig;
import dev.anshin.HostileJson;
import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * Fuzzing the privacy module's parsers of outside input (QuickTheories, {@link HostileJson}): customer
 * registration and corrections, consent records, provision recipients and provisions, the intake of
 * the person's requests and their rejection ({@code /start} and {@code /completion} take no body),
 * erasures, and the portal enrollments customer service asks for. Whatever the body, no 5xx, and a
 * refused one stores nothing.
 */
class PrivacyInputFuzzIntegrationTest extends IntegrationTestSupport {

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void tink() throws GeneralSecurityException {
        HybridConfig.register();
    }

    @Test
    void customerRegistrations() {
        HostileJson.assertAnsweredCleanly(mvc, 60, () -> {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            return new LinkedHashMap<>(Map.of("customerNumber", "F-" + tag, "values", person(tag)));
        }, send(HttpMethod.POST, "/api/v1/customers", Role.CUSTOMER_SERVICE),
                body -> count("SELECT COUNT(*) FROM customers"));
    }

    @Test
    void corrections() throws Exception {
        String customer = newCustomer();
        HostileJson.assertAnsweredCleanly(mvc, 60, () -> new LinkedHashMap<>(Map.of("purpose", "SERVICE_OPERATION",
                        "values", new LinkedHashMap<>(Map.of("ADDRESS", "東京都港区芝公園4-2-8", "PHONE", "03-1234-5678",
                                "EMPLOYER", "株式会社さくら")))),
                send(HttpMethod.PATCH, "/api/v1/customers/" + customer + "/personal-data", Role.CUSTOMER_SERVICE),
                body -> (long) jdbc.sql("SELECT field, ciphertext FROM personal_values WHERE customer_id = ? ORDER BY field")
                        .param(customer).query().listOfRows().hashCode());
    }

    @Test
    void consentRecords() throws Exception {
        String customer = newCustomer();
        HostileJson.assertAnsweredCleanly(mvc, 60, () -> new LinkedHashMap<>(Map.of("requestId",
                        "consent-" + UUID.randomUUID(), "purpose", "MARKETING", "granted", false, "channel", "PORTAL",
                        "noticeVersion", "2026-04")),
                send(HttpMethod.POST, "/api/v1/customers/" + customer + "/consents", Role.CUSTOMER_SERVICE),
                body -> count("SELECT COUNT(*) FROM consent_ledger WHERE customer_id = ?", customer));
    }

    @Test
    void recipients() throws Exception {
        String keyset = ProvisionIntegrationTest.publicJson(ProvisionIntegrationTest.recipientPrivateKeyset());
        HostileJson.assertAnsweredCleanly(mvc, 60,
                () -> ProvisionIntegrationTest.recipientBody("fuzz-" + UUID.randomUUID().toString().substring(0, 8),
                        keyset, List.of("NAME_KANJI", "EMAIL")),
                send(HttpMethod.POST, "/api/v1/privacy/recipients", Role.PRIVACY_OFFICER),
                body -> count("SELECT COUNT(*) FROM provision_recipients"));
    }

    @Test
    void provisions() throws Exception {
        String recipient = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/recipients", ProvisionIntegrationTest.recipientBody(recipient,
                ProvisionIntegrationTest.publicJson(ProvisionIntegrationTest.recipientPrivateKeyset()),
                List.of("NAME_KANJI", "EMAIL"))).andReturn();
        String customer = newCustomer();
        HostileJson.assertAnsweredCleanly(mvc, 60, () -> new LinkedHashMap<>(Map.of("requestId",
                        "prov-" + UUID.randomUUID(), "recipient", recipient, "customerIds", List.of(customer),
                        "items", List.of("NAME_KANJI"))),
                send(HttpMethod.POST, "/api/v1/privacy/provisions", Role.PRIVACY_OFFICER),
                body -> count("SELECT COUNT(*) FROM provision_requests WHERE recipient_id = ?", recipient));
    }

    @Test
    void requestsOfThePerson() throws Exception {
        String customer = newCustomer();
        HostileJson.assertAnsweredCleanly(mvc, 60, () -> new LinkedHashMap<>(Map.of("requestId",
                        "dsr-" + UUID.randomUUID(), "customerId", customer, "kind", "CORRECTION",
                        "corrections", new LinkedHashMap<>(Map.of("ADDRESS", "大阪府大阪市北区梅田1-1")), "channel", "CALL_CENTER")),
                send(HttpMethod.POST, "/api/v1/privacy/requests", Role.PRIVACY_OFFICER),
                body -> count("SELECT COUNT(*) FROM data_subject_requests WHERE customer_id = ?", customer));
    }

    @Test
    void rejectionsOfRequests() {
        // A request of its own for each body: a valid rejection closes it, and a closed one is refused.
        AtomicReference<String> id = new AtomicReference<>();
        String key = key(Role.PRIVACY_OFFICER);
        HostileJson.assertAnsweredCleanly(mvc, 60, () -> {
            id.set(newRequest());
            return new LinkedHashMap<>(Map.of("reason", "IDENTITY_NOT_VERIFIED"));
        }, body -> request(HttpMethod.POST, "/api/v1/privacy/requests/" + id.get() + "/rejection")
                        .header("X-Api-Key", key).contentType(MediaType.APPLICATION_JSON).content(body),
                body -> count("SELECT COUNT(*) FROM data_subject_requests WHERE id = ? AND status <> 'RECEIVED'", id.get()));
    }

    @Test
    void erasures() {
        // A customer of its own for each body: a valid erasure erases them, and they cannot be erased twice.
        AtomicReference<String> customer = new AtomicReference<>();
        String key = key(Role.PRIVACY_OFFICER);
        HostileJson.assertAnsweredCleanly(mvc, 40, () -> {
            try {
                customer.set(newCustomer());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return new LinkedHashMap<>(Map.of("reason", "PERSON_REQUESTED", "reference", "DSR-2026-0042"));
        }, body -> request(HttpMethod.POST, "/api/v1/customers/" + customer.get() + "/erasure")
                        .header("X-Api-Key", key).contentType(MediaType.APPLICATION_JSON).content(body),
                body -> count("SELECT COUNT(*) FROM erasure_tombstones")
                        + count("SELECT COUNT(*) FROM personal_values WHERE customer_id = ?", customer.get()));
    }

    @Test
    void portalEnrollments() throws Exception {
        String customer = newCustomer();
        HostileJson.assertAnsweredCleanly(mvc, 60, () -> new LinkedHashMap<>(Map.of("requestId",
                        "enroll-" + UUID.randomUUID().toString().substring(0, 8))),
                send(HttpMethod.POST, "/api/v1/customers/" + customer + "/portal-enrollment", Role.CUSTOMER_SERVICE),
                body -> (long) jdbc.sql("SELECT id, revoked_at FROM portal_enrollments WHERE customer_id = ? ORDER BY id")
                        .param(customer).query().listOfRows().hashCode());
    }

    /** A correction request of a new customer, received and not yet started. */
    private String newRequest() {
        try {
            String body = mvc.perform(request(HttpMethod.POST, "/api/v1/privacy/requests")
                            .header("X-Api-Key", key(Role.PRIVACY_OFFICER)).contentType(MediaType.APPLICATION_JSON)
                            .content(json.writeValueAsString(Map.of("requestId", "dsr-" + UUID.randomUUID(),
                                    "customerId", newCustomer(), "kind", "CORRECTION",
                                    "corrections", Map.of("ADDRESS", "大阪府大阪市北区梅田1-1"), "channel", "CALL_CENTER"))))
                    .andReturn().getResponse().getContentAsString();
            return json.readTree(body).get("id").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Map<String, Object> person(String tag) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("NAME_KANJI", "試験 太郎" + tag);
        values.put("NAME_KANA", "シケン タロウ");
        values.put("DATE_OF_BIRTH", "1980-02-29");
        values.put("ADDRESS", "東京都千代田区丸の内1-1-1");
        values.put("PHONE", "+81 90-1234-5678");
        values.put("EMAIL", "taro." + tag + "@example.jp");
        values.put("EMPLOYER", "株式会社テスト");
        values.put("ANNUAL_INCOME", "6000000");
        values.put("HOUSEHOLD_SIZE", "3");
        values.put("HOUSING", "RENTED");
        return values;
    }

    private long count(String sql, Object... parameters) {
        return jdbc.sql(sql).params(parameters).query(Long.class).single();
    }

    private Function<String, RequestBuilder> send(HttpMethod method, String path, Role role) {
        String key = key(role);
        return body -> request(method, path).header("X-Api-Key", key).contentType(MediaType.APPLICATION_JSON)
                .content(body);
    }
}
