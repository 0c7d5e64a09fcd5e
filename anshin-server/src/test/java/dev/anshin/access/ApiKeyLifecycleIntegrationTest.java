package dev.anshin.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * API keys through their life: issued with an expiry, listed without secrets, rotated with an
 * overlap, revoked — on every instance within seconds — and every step in the audit log.
 */
class ApiKeyLifecycleIntegrationTest extends IntegrationTestSupport {

    private static final String PROBLEMS = "https://anshin.dev/problems/";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AuditLog audit;

    @Autowired
    AccessProperties properties;

    private static String newName() {
        return "client-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private JsonNode issue(String name, String body) throws Exception {
        return json.readTree(postAs(Role.ADMIN, "/api/v1/api-clients", body == null
                        ? "{\"name\":\"" + name + "\",\"roles\":[\"ANALYST\"]}" : body)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
    }

    private ResultActions ping(String key) throws Exception {
        return mvc.perform(get("/api/v1/ping").header("X-Api-Key", key));
    }

    private long audited(String name, String action, String outcome) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE resource = ? AND action = ? AND outcome = ?")
                .params("api-client/" + name, action, outcome).query(Long.class).single();
    }

    @Test
    void anIssuedKeyExpiresAfterTheDefaultLifetimeAndIsListedWithoutItsSecret() throws Exception {
        String name = newName();
        JsonNode issued = issue(name, null);
        String key = issued.get("apiKey").asString();
        assertThat(issued.get("keyId").asString()).isEqualTo(key.substring(0, 12));
        assertThat(Duration.between(clock.instant(), Instant.parse(issued.get("expiresAt").asString())))
                .isBetween(properties.apiKeyLifetime().minusMinutes(1), properties.apiKeyLifetime());
        ping(key).andExpect(status().isOk());

        String listed = mvc.perform(get("/api/v1/api-clients").param("name", name)
                        .header("X-Api-Key", key(Role.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].keyId").value(key.substring(0, 12)))
                .andExpect(jsonPath("$[0].status").value("ACTIVE"))
                .andExpect(jsonPath("$[0].roles[0]").value("ANALYST"))
                .andReturn().getResponse().getContentAsString();
        String hash = jdbc.sql("SELECT key_hash FROM api_clients WHERE key_id = ?").param(key.substring(0, 12))
                .query(String.class).single();
        assertThat(listed).doesNotContain(key).doesNotContain(hash).doesNotContain(key.substring(12));
        assertThat(audited(name, "api-key.issue", "SUCCESS")).isEqualTo(1);
    }

    /** An operator's key is their secret from its first character: its id comes from its hash, in listings and audit alike. */
    @Test
    void aConfiguredKeyIsKnownByAnIdFromItsHashNeverByItsFirstCharacters() throws Exception {
        String name = "configured-" + UUID.randomUUID().toString().substring(0, 8);
        String key = "operator-chosen-" + UUID.randomUUID();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));

        ApiClient client = clients.register(name, key, EnumSet.of(Role.SCORER));

        assertThat(client.keyId()).isEqualTo("cfg_" + hash.substring(0, 8));
        ping(key).andExpect(status().isOk());
        String listed = mvc.perform(get("/api/v1/api-clients").param("name", name).header("X-Api-Key", key(Role.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].keyId").value(client.keyId()))
                .andReturn().getResponse().getContentAsString();
        String details = jdbc.sql("SELECT detail FROM audit_log WHERE resource = ? AND action = 'api-key.register'")
                .param("api-client/" + name).query(String.class).single();
        for (String shown : List.of(listed, details)) {
            assertThat(shown).contains(client.keyId()).doesNotContain(key.substring(0, 12));
        }
    }

    /** Before V20 a configured key's id was its first 12 characters: registering it again replaces that row. */
    @Test
    void aConfiguredKeyStoredUnderItsOldIdIsReplacedWhenRegisteredAgain() {
        String name = "configured-" + UUID.randomUUID().toString().substring(0, 8);
        String key = "operator-chosen-" + UUID.randomUUID();
        ApiClient first = clients.register(name, key, EnumSet.of(Role.SCORER));
        jdbc.sql("UPDATE api_clients SET key_id = ? WHERE key_id = ?").params(key.substring(0, 12), first.keyId()).update();

        ApiClient again = clients.register(name, key, EnumSet.of(Role.SCORER));

        assertThat(jdbc.sql("SELECT key_id FROM api_clients WHERE name = ?").param(name).query(String.class).list())
                .containsExactly(again.keyId());
        assertThat(again.keyId()).isEqualTo(first.keyId()).startsWith("cfg_");
    }

    @Test
    void onlyAnAdministratorSeesTheKeys() throws Exception {
        mvc.perform(get("/api/v1/api-clients").header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isForbidden());
    }

    @Test
    void issuingAgainUnderANameWithAValidKeyIsRefusedAndPointsAtRotation() throws Exception {
        String name = newName();
        String first = issue(name, null).get("apiKey").asString();
        postAs(Role.ADMIN, "/api/v1/api-clients", Map.of("name", name, "roles", List.of("ADMIN")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "conflict"))
                .andExpect(jsonPath("$.detail").value(containsString(
                        "/api/v1/api-clients/" + name + "/rotation")));
        ping(first).andExpect(status().isOk());
        assertThat(audited(name, "api-key.issue", "DENIED")).isEqualTo(1);
        // Once revoked, the name can be issued again.
        postAs(Role.ADMIN, "/api/v1/api-clients/" + name + "/revocation", "").andExpect(status().isOk());
        issue(name, null);
    }

    @Test
    void rotationKeepsTheOldKeyUntilTheOverlapEndsThenOnlyTheNewOneWorks() throws Exception {
        String name = newName();
        String old = issue(name, null).get("apiKey").asString();
        // Time stands still through the overlap and is then moved past its end: no sleeping, no race.
        clock.stop();
        try {
            JsonNode rotated = json.readTree(postAs(Role.ADMIN, "/api/v1/api-clients/" + name + "/rotation",
                            "{\"overlap\":\"PT2S\"}")
                    .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
            String fresh = rotated.at("/key/apiKey").asString();
            assertThat(fresh).isNotEqualTo(old);
            assertThat(rotated.at("/key/roles/0").asString()).isEqualTo("ANALYST");
            assertThat(rotated.at("/previous/0/keyId").asString()).isEqualTo(old.substring(0, 12));
            assertThat(rotated.at("/previous/0/status").asString()).isEqualTo("ROTATING");
            ping(old).andExpect(status().isOk());
            ping(fresh).andExpect(status().isOk());

            clock.advance(Duration.ofSeconds(1));
            ping(old).andExpect(status().isOk()); // still within the overlap
            clock.advance(Duration.ofSeconds(1));
            ping(old).andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.type").value(PROBLEMS + "api-key-expired"))
                    .andExpect(jsonPath("$.detail").value(not(
                            containsString(name))));
            ping(fresh).andExpect(status().isOk());
        } finally {
            clock.start();
        }
        assertThat(audited(name, "api-key.rotate", "SUCCESS")).isEqualTo(1);
    }

    @Test
    void anExpiredKeyIsToldSoButOnlyToWhoeverHoldsTheWholeKey() throws Exception {
        String name = newName();
        clock.stop();
        try {
            String key = issue(name, "{\"name\":\"" + name + "\",\"roles\":[\"SCORER\"],\"lifetime\":\"PT1S\"}")
                    .get("apiKey").asString();
            ping(key).andExpect(status().isOk());
            clock.advance(Duration.ofSeconds(1));
            ping(key).andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.type").value(PROBLEMS + "api-key-expired"));
            String guessed = key.substring(0, 12) + "x".repeat(key.length() - 12);
            ping(guessed).andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.type").value(PROBLEMS + "unauthenticated"));
        } finally {
            clock.start();
        }
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceAndTheRevocationIsAudited() throws Exception {
        String name = newName();
        String key = issue(name, null).get("apiKey").asString();
        mvc.perform(post("/api/v1/api-clients/" + name + "/revocation").header("X-Api-Key", key(Role.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.revoked[0].keyId").value(key.substring(0, 12)))
                .andExpect(jsonPath("$.revoked[0].status").value("REVOKED"));
        ping(key).andExpect(status().isUnauthorized()).andExpect(jsonPath("$.type").value(PROBLEMS + "api-key-revoked"));
        assertThat(audited(name, "api-key.revoke", "SUCCESS")).isEqualTo(1);

        postAs(Role.ADMIN, "/api/v1/api-clients/" + name + "/revocation", "").andExpect(status().isNotFound());
        postAs(Role.ADMIN, "/api/v1/api-clients/" + name + "/rotation", "").andExpect(status().isNotFound());
        assertThat(audited(name, "api-key.revoke", "DENIED")).isEqualTo(1);
        assertThat(audited(name, "api-key.rotate", "DENIED")).isEqualTo(1);
    }

    @Test
    void revokingOneKeyOfAClientLeavesItsOtherKeyWorking() throws Exception {
        String name = newName();
        String old = issue(name, null).get("apiKey").asString();
        String fresh = json.readTree(postAs(Role.ADMIN, "/api/v1/api-clients/" + name + "/rotation", "{}")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).at("/key/apiKey").asString();
        postAs(Role.ADMIN, "/api/v1/api-clients/" + name + "/revocation", Map.of("keyId", old.substring(0, 12)))
                .andExpect(status().isOk());
        ping(old).andExpect(status().isUnauthorized());
        ping(fresh).andExpect(status().isOk());
    }

    @Test
    void keysTheServerMakesAtStartOrThatHoldPersonalDataRolesCannotBeRotatedByAnAdministrator() throws Exception {
        String configured = "configured-" + UUID.randomUUID().toString().substring(0, 8);
        String key = ApiClients.newKey();
        clients.register(configured, key, EnumSet.of(Role.SCORER));
        ping(key).andExpect(status().isOk());
        postAs(Role.ADMIN, "/api/v1/api-clients/" + configured + "/rotation", "").andExpect(status().isConflict());
        postAs(Role.ADMIN, "/api/v1/api-clients", Map.of("name", "startup", "roles", List.of("ADMIN")))
                .andExpect(status().isConflict());

        String officer = "officer-" + UUID.randomUUID().toString().substring(0, 8);
        clients.register(officer, EnumSet.of(Role.PRIVACY_OFFICER));
        postAs(Role.ADMIN, "/api/v1/api-clients/" + officer + "/rotation", "").andExpect(status().isForbidden());
        assertThat(audited(officer, "api-key.rotate", "DENIED")).isEqualTo(1);
    }

    @Test
    void aLifetimeOrOverlapOutOfBoundsIsAFieldProblem() throws Exception {
        String name = newName();
        postAs(Role.ADMIN, "/api/v1/api-clients", "{\"name\":\"" + name + "\",\"roles\":[\"ANALYST\"],\"lifetime\":\"P400D\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("lifetime"));
        issue(name, null);
        postAs(Role.ADMIN, "/api/v1/api-clients/" + name + "/rotation", "{\"overlap\":\"-PT1H\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("overlap"));
    }

    @Test
    void whenAKeyWasLastUsedIsWrittenForTheListing() throws Exception {
        String name = newName();
        String key = issue(name, null).get("apiKey").asString();
        mvc.perform(get("/api/v1/api-clients").param("name", name).header("X-Api-Key", key(Role.ADMIN)))
                .andExpect(jsonPath("$[0].lastUsedAt").isEmpty());
        ping(key).andExpect(status().isOk());
        clients.writeLastUse();
        assertThat(jdbc.sql("SELECT last_used_at FROM api_clients WHERE key_id = ?").param(key.substring(0, 12))
                .query(Timestamp.class).single()).isNotNull();
        mvc.perform(get("/api/v1/api-clients").param("name", name).header("X-Api-Key", key(Role.ADMIN)))
                .andExpect(jsonPath("$[0].lastUsedAt").isNotEmpty());
    }

    /**
     * Two instances on one database: the second is another ApiClients over the same database, with
     * its own copy in memory and its own poll, as another server would have.
     */
    @Test
    void aRevocationOnOneInstanceIsSeenByAnotherWithinSeconds() throws Exception {
        ApiClients other = new ApiClients(jdbc, clock, transactions, audit, properties);
        other.afterPropertiesSet();
        try {
            String name = newName();
            String key = issue(name, null).get("apiKey").asString();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (other.authenticate(key).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(other.authenticate(key)).as("issued on the first instance, known on the second").isPresent();

            postAs(Role.ADMIN, "/api/v1/api-clients/" + name + "/revocation", "").andExpect(status().isOk());
            long revoked = System.nanoTime();
            while (other.check(key).verdict() == ApiClients.Verdict.VALID && System.nanoTime() < revoked
                    + Duration.ofSeconds(10).toNanos()) {
                Thread.sleep(20);
            }
            Duration seen = Duration.ofNanos(System.nanoTime() - revoked);
            assertThat(other.check(key).verdict()).as("refused on the second instance after " + seen)
                    .isEqualTo(ApiClients.Verdict.REVOKED);
        } finally {
            other.destroy();
        }
    }
}
