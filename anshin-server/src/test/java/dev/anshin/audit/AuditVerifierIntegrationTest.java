package dev.anshin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.audit.AuditVerification.Reason;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;

/**
 * Tampers with a chain and checks the verifier names the first broken entry and why. Each test
 * works on its own copy of the audit tables in a schema of its own (built by the real migration),
 * so the server's chain is never broken.
 */
class AuditVerifierIntegrationTest extends IntegrationTestSupport {

    private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

    @Autowired
    DataSource dataSource;

    @Autowired
    AuditKey key;

    private Connection connection;
    private String defaultSchema;
    private String schema;
    private AuditChain chain;
    private AuditVerifier verifier;

    @BeforeEach
    void ownChain() throws Exception {
        connection = dataSource.getConnection();
        defaultSchema = connection.getSchema();
        schema = "audit_test_" + Long.toHexString(System.nanoTime());
        execute("CREATE SCHEMA " + schema);
        connection.setSchema(connection.getMetaData().storesUpperCaseIdentifiers()
                ? schema.toUpperCase(Locale.ROOT) : schema);
        String migration = new ClassPathResource("db/migration/V7__audit.sql").getContentAsString(StandardCharsets.UTF_8);
        String withoutComments = migration.lines().filter(line -> !line.trim().startsWith("--"))
                .reduce("", (a, b) -> a + b + "\n");
        for (String statement : withoutComments.split(";")) {
            if (!statement.isBlank()) {
                execute(statement);
            }
        }
        chain = new AuditChain(key);
        verifier = new AuditVerifier(key);
    }

    @AfterEach
    void dropChain() throws Exception {
        connection.setSchema(defaultSchema);
        execute("DROP SCHEMA " + schema + " CASCADE");
        connection.close();
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void append(int entries, Instant at) throws SQLException {
        for (int i = 0; i < entries; i++) {
            chain.append(connection, new AuditEvent("alice", "customer.read", "customer/c-" + i, "service",
                    AuditOutcome.SUCCESS, "10.0.0.1", null), at.plusSeconds(i));
        }
    }

    private AuditVerification verify() throws SQLException {
        return verifier.verify(connection, checked -> { });
    }

    @Test
    void anEmptyChainIsIntact() throws Exception {
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void anUntouchedChainIsIntact() throws Exception {
        append(5, NOW);

        AuditVerification result = verify();

        assertThat(result.intact()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(5);
        assertThat(result.lastSeq()).isEqualTo(5);
        assertThat(result.brokenSeq()).isNull();
    }

    @Test
    void detectsAnAlteredField() throws Exception {
        append(5, NOW);
        execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3");

        AuditVerification result = verify();

        assertThat(result.intact()).isFalse();
        assertThat(result.brokenSeq()).isEqualTo(3);
        assertThat(result.reason()).isEqualTo(Reason.ALTERED);
        assertThat(result.entriesChecked()).isEqualTo(2);
    }

    @Test
    void detectsAnAlteredTimestamp() throws Exception {
        append(5, NOW);
        try (var update = connection.prepareStatement("UPDATE audit_log SET at = ? WHERE seq = 4")) {
            update.setObject(1, OffsetDateTime.ofInstant(NOW.minus(Duration.ofDays(1)), ZoneOffset.UTC));
            update.executeUpdate();
        }

        assertThat(verify().reason()).isEqualTo(Reason.ALTERED);
        assertThat(verify().brokenSeq()).isEqualTo(4);
    }

    @Test
    void detectsADeletedEntry() throws Exception {
        append(5, NOW);
        execute("DELETE FROM audit_log WHERE seq = 3");

        AuditVerification result = verify();

        assertThat(result.brokenSeq()).isEqualTo(3);
        assertThat(result.reason()).isEqualTo(Reason.REMOVED);
    }

    @Test
    void detectsSwappedEntries() throws Exception {
        append(5, NOW);
        execute("UPDATE audit_log SET seq = -3 WHERE seq = 3");
        execute("UPDATE audit_log SET seq = 3 WHERE seq = 4");
        execute("UPDATE audit_log SET seq = 4 WHERE seq = -3");

        AuditVerification result = verify();

        assertThat(result.brokenSeq()).isEqualTo(3);
        assertThat(result.reason()).isEqualTo(Reason.REORDERED);
        assertThat(result.explanation()).contains("sealed as seq 4");
    }

    @Test
    void detectsADeletedTail() throws Exception {
        append(5, NOW);
        execute("DELETE FROM audit_log WHERE seq >= 4");

        AuditVerification result = verify();

        assertThat(result.brokenSeq()).isEqualTo(4);
        assertThat(result.reason()).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void detectsAHeadMovedBackOverADeletedTail() throws Exception {
        append(5, NOW);
        String hash3;
        try (var rs = connection.createStatement().executeQuery("SELECT hash FROM audit_log WHERE seq = 3")) {
            rs.next();
            hash3 = rs.getString(1);
        }
        execute("DELETE FROM audit_log WHERE seq >= 4");
        execute("UPDATE audit_chain_head SET last_seq = 3, last_hash = '" + hash3 + "'");

        AuditVerification result = verify();

        assertThat(result.reason()).isEqualTo(Reason.HEAD_ALTERED);
    }

    @Test
    void purgeLeavesACheckpointFromWhichTheRestVerifies() throws Exception {
        append(3, NOW.minus(Duration.ofDays(400)));
        append(2, NOW.minus(Duration.ofDays(10)));

        AuditChain.Purge purge = chain.purgeBefore(connection, NOW.minus(Duration.ofDays(365)));

        assertThat(purge.deleted()).isEqualTo(3);
        assertThat(purge.toSeq()).isEqualTo(3);
        AuditVerification result = verify();
        assertThat(result.intact()).isTrue();
        assertThat(result.firstSeq()).isEqualTo(4);
        assertThat(result.entriesChecked()).isEqualTo(2);

        append(1, NOW);
        assertThat(verify().intact()).isTrue();
        assertThat(chain.purgeBefore(connection, NOW.minus(Duration.ofDays(365))).deleted()).isZero();
    }

    @Test
    void anEntryDeletedRightAfterTheCheckpointIsDetected() throws Exception {
        append(3, NOW.minus(Duration.ofDays(400)));
        append(2, NOW);
        chain.purgeBefore(connection, NOW.minus(Duration.ofDays(365)));
        execute("DELETE FROM audit_log WHERE seq = 4");

        AuditVerification result = verify();

        assertThat(result.brokenSeq()).isEqualTo(4);
        assertThat(result.reason()).isEqualTo(Reason.REMOVED);
    }
}
