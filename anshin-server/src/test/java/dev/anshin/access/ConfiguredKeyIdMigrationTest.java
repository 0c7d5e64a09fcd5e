package dev.anshin.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V20 on a database that holds a configured key under its old id (its first 12 characters) and a
 * generated one: the configured key gets the id ApiClients computes from the key, the generated
 * one keeps its own.
 */
class ConfiguredKeyIdMigrationTest {

    @Test
    void aConfiguredKeyStoredUnderItsFirstCharactersGetsTheIdFromItsHashAndAGeneratedOneKeepsItsOwn() throws Exception {
        String url = "jdbc:h2:mem:v20-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").target("19").load().migrate();
        String configured = "operator-chosen-" + UUID.randomUUID();
        String generated = ApiClients.newKey();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            for (String key : new String[] {configured, generated}) {
                statement.execute("INSERT INTO api_clients (key_id, name, key_hash, roles, enabled, created_at) VALUES ('"
                        + key.substring(0, 12) + "', 'n-" + key.substring(0, 12) + "', '" + sha256(key)
                        + "', 'SCORER', TRUE, CURRENT_TIMESTAMP)");
            }
        }

        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();

        Map<String, String> ids = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name, key_id FROM api_clients ORDER BY name")) {
            while (rows.next()) {
                ids.put(rows.getString(1), rows.getString(2));
            }
        }
        assertThat(ids).containsEntry("n-" + configured.substring(0, 12),
                ApiClients.configuredKeyId(HexFormat.of().parseHex(sha256(configured))));
        assertThat(ids).containsEntry("n-" + generated.substring(0, 12), generated.substring(0, 12));
        assertThat(ids.values()).noneMatch(id -> id.equals(configured.substring(0, 12)));
    }

    private static String sha256(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
