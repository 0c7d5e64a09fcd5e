package dev.anshin.access;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.HostileJson;
import dev.anshin.IntegrationTestSupport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * Fuzzing the API-key lifecycle's bodies (QuickTheories, {@link HostileJson}): issuing a client's
 * first key, rotating it and revoking it. Whatever the body, no 5xx, and a refused one issues,
 * rotates or revokes nothing.
 */
class AccessInputFuzzIntegrationTest extends IntegrationTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void issuing() {
        HostileJson.assertAnsweredCleanly(mvc, 60, () -> new LinkedHashMap<>(Map.of("name", fresh(),
                        "roles", List.of("SCORER", "LABELER"), "lifetime", "P30D")),
                as("/api/v1/api-clients"), body -> keys());
    }

    @Test
    void rotating() throws Exception {
        String name = issued();
        HostileJson.assertAnsweredCleanly(mvc, 60, () -> new LinkedHashMap<>(Map.of("overlap", "PT1H",
                        "lifetime", "P30D")),
                as("/api/v1/api-clients/" + name + "/rotation"),
                body -> (long) jdbc.sql("SELECT key_id, expires_at, replaced_by, revoked_at FROM api_clients WHERE name = ? "
                        + "ORDER BY key_id").param(name).query().listOfRows().hashCode());
    }

    @Test
    void revoking() {
        // A client of its own for each body: a valid one revokes its key, which a later one could not.
        AtomicReference<String> name = new AtomicReference<>();
        HostileJson.assertAnsweredCleanly(mvc, 60, () -> {
            try {
                name.set(issued());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return new LinkedHashMap<>(Map.of("keyId", keyIdOf(name.get())));
        }, body -> post("/api/v1/api-clients/" + name.get() + "/revocation").header("X-Api-Key", key(Role.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).content(body),
                body -> jdbc.sql("SELECT COUNT(*) FROM api_clients WHERE revoked_at IS NOT NULL").query(Long.class).single());
    }

    private String issued() throws Exception {
        String name = fresh();
        postAs(Role.ADMIN, "/api/v1/api-clients", Map.of("name", name, "roles", List.of("SCORER")))
                .andExpect(status().isCreated());
        return name;
    }

    private String keyIdOf(String name) {
        return jdbc.sql("SELECT key_id FROM api_clients WHERE name = ?").param(name).query(String.class).single();
    }

    private long keys() {
        return jdbc.sql("SELECT COUNT(*) FROM api_clients").query(Long.class).single();
    }

    private static String fresh() {
        return "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Function<String, RequestBuilder> as(String path) {
        String key = key(Role.ADMIN);
        return body -> post(path).header("X-Api-Key", key).contentType(MediaType.APPLICATION_JSON).content(body);
    }
}
