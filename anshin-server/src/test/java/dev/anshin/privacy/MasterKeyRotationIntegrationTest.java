package dev.anshin.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rotating the master keyset loses nothing, even when the re-wrap stops half-way. */
class MasterKeyRotationIntegrationTest extends IntegrationTestSupport {

    @Autowired
    MasterKey keys;

    @Autowired
    MasterKeyRotation rotation;

    @Autowired
    PrivacyProperties properties;

    @Autowired
    JdbcClient jdbc;

    private Map<String, String> customers(int count) throws Exception {
        Map<String, String> emails = new java.util.LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String email = "rotate." + UUID.randomUUID().toString().substring(0, 8) + "@example.jp";
            String body = postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers", Map.of(
                    "customerNumber", "R-" + UUID.randomUUID().toString().substring(0, 12),
                    "values", Map.of("EMAIL", email, "NAME_KANJI", "回転 太郎")))
                    .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
            emails.put(json.readTree(body).get("customerId").asText(), email);
        }
        return emails;
    }

    @Test
    void aCrashHalfWayThroughTheRewrapLeavesEveryCustomerReadable() throws Exception {
        while (rotation.rewrapBatch(500) > 0) {
            // a database kept from earlier runs: everything under the current primary first
        }
        Map<String, String> emails = customers(12);
        long before = keys.primaryKeyId();

        long primary = keys.rotate(); // the rotation, without the background re-wrap
        assertThat(primary).isNotEqualTo(before);
        assertThat(keys.keyIds()).contains(before, primary);
        assertThat(rotation.rewrapBatch(5)).isEqualTo(5); // ... then the server dies after five rows

        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_keys WHERE master_key_id = ?").param(primary)
                .query(Long.class).single()).isEqualTo(5);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_keys WHERE master_key_id = ?").param(before)
                .query(Long.class).single()).isGreaterThanOrEqualTo(7);

        // A restart: the keyset from its file, a vault over the same database. Every customer key,
        // under the old master key or the new one, still opens, and this test's values read back.
        MasterKey reloaded = new MasterKey(properties, jdbc);
        jdbc.sql("SELECT customer_id, wrapped_key FROM customer_keys").query((rs, n) ->
                reloaded.unwrapKeyset(rs.getString("wrapped_key"), rs.getString("customer_id"))).list();
        CustomerVault restarted = new CustomerVault(jdbc, reloaded, clock);
        emails.forEach((id, email) -> assertThat(restarted.read(id, EnumSet.of(PersonalField.EMAIL)))
                .containsEntry(PersonalField.EMAIL, email));

        while (rotation.rewrapBatch(100) > 0) {
            // the resumed re-wrap
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_keys WHERE master_key_id <> ?").param(primary)
                .query(Long.class).single()).isZero();
        emails.forEach((id, email) -> assertThat(restarted.read(id, EnumSet.of(PersonalField.EMAIL)))
                .containsEntry(PersonalField.EMAIL, email));
    }

    @Test
    void onlyThePrivacyOfficerSeesTheMasterKeysetsState() throws Exception {
        for (Role other : EnumSet.of(Role.ANALYST, Role.ADMIN, Role.CUSTOMER_SERVICE, Role.SCORER)) {
            mvc.perform(get("/api/v1/privacy/master-key").header("X-Api-Key", key(other)))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(get("/api/v1/privacy/master-key").header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.primaryKeyId").isNumber());
    }

    @Test
    void aPrivacyOfficerRotatesThroughTheApiAndTheRewrapFinishesInTheBackground() throws Exception {
        Map<String, String> emails = customers(3);
        mvc.perform(post("/api/v1/privacy/master-key/rotation").header("X-Api-Key", key(Role.ADMIN)))
                .andExpect(status().isForbidden());
        String body = mvc.perform(post("/api/v1/privacy/master-key/rotation").header("X-Api-Key",
                        key(Role.PRIVACY_OFFICER)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        long primary = json.readTree(body).get("primaryKeyId").asLong();

        long remaining = Long.MAX_VALUE;
        for (int poll = 0; poll < 600 && remaining > 0; poll++) {
            Thread.sleep(50);
            String status = mvc.perform(get("/api/v1/privacy/master-key").header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.primaryKeyId").value(primary))
                    .andReturn().getResponse().getContentAsString();
            remaining = json.readTree(status).get("remaining").asLong();
        }
        assertThat(remaining).isZero();
        emails.forEach((id, email) -> {
            try {
                mvc.perform(get("/api/v1/customers/" + id + "/personal-data").header("X-Api-Key", key(Role.CUSTOMER_SERVICE))
                                .param("purpose", "SERVICE_OPERATION").param("fields", "EMAIL"))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.values.EMAIL").value(email));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'master-key.rotate' AND detail = ?")
                .param("new primary key " + primary).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void oldMasterKeysAreRetiredOnlyOnceNoCustomerKeyUsesThem() throws Exception {
        Map<String, String> emails = customers(2);
        while (rotation.rewrapBatch(500) > 0) {
            // earlier runs' re-wraps first
        }
        long old = keys.primaryKeyId();
        long primary = keys.rotate(); // rotated, re-wrap not yet run: the old key still wraps these customers
        mvc.perform(post("/api/v1/privacy/master-key/retirement").header("X-Api-Key", key(Role.ADMIN)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/privacy/master-key/retirement").header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                .andExpect(status().isConflict());
        assertThat(keys.keyIds()).contains(old, primary);

        while (rotation.rewrapBatch(500) > 0) {
            // the re-wrap, run here instead of in the background
        }
        String body = mvc.perform(post("/api/v1/privacy/master-key/retirement")
                        .header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(body).get("keyIds").toString()).isEqualTo("[" + primary + "]");
        assertThat(keys.keyIds()).containsExactly(primary);
        var onDisk = dev.anshin.keys.KeysetFiles.loadExisting(null, properties.masterKeysetFile()).orElseThrow();
        assertThat(onDisk.size()).as("the keyset file keeps only the primary").isEqualTo(1);
        assertThat(Integer.toUnsignedLong(onDisk.getPrimary().getId())).isEqualTo(primary);
        for (Map.Entry<String, String> customer : emails.entrySet()) {
            mvc.perform(get("/api/v1/customers/" + customer.getKey() + "/personal-data")
                            .header("X-Api-Key", key(Role.CUSTOMER_SERVICE))
                            .param("purpose", "SERVICE_OPERATION").param("fields", "EMAIL"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.values.EMAIL").value(customer.getValue()));
        }
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE action = 'master-key.retire' ORDER BY seq DESC "
                + "FETCH FIRST 1 ROWS ONLY").query(String.class).single()).contains(Long.toString(old));
    }
}
