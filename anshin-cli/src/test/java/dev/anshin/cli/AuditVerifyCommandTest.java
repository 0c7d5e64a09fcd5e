package dev.anshin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.audit.AuditChain;
import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditKey;
import dev.anshin.audit.AuditOutcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code anshin audit verify} offline, on an H2 data folder laid out as the server's. */
class AuditVerifyCommandTest {

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeEach
    void captureOutput() {
        originalOut = System.out;
        System.setOut(new PrintStream(out, true));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(originalOut);
    }

    private Connection database() throws Exception {
        return DriverManager.getConnection("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("anshin"), "sa", "");
    }

    /** The server's tables (its own migration) and a few entries sealed with the server's key file. */
    private void serverWithEntries(int entries) throws Exception {
        AuditChain chain = new AuditChain(AuditKey.loadOrCreate(null, dataDir.resolve("audit-keyset.json")));
        try (Connection connection = database(); Statement statement = connection.createStatement()) {
            statement.execute("RUNSCRIPT FROM 'classpath:/db/migration/V7__audit.sql'");
            for (int i = 0; i < entries; i++) {
                chain.append(connection, new AuditEvent("alice", "customer.read", "customer/c-" + i, "service",
                        AuditOutcome.SUCCESS, "10.0.0.1", null), Instant.now());
            }
        }
    }

    private int verify(String... extra) {
        String[] args = new String[extra.length + 4];
        args[0] = "audit";
        args[1] = "verify";
        args[2] = "--data-dir";
        args[3] = dataDir.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return new CommandLine(new AnshinCommand()).execute(args);
    }

    @Test
    void anIntactChainExitsZero() throws Exception {
        serverWithEntries(5);

        assertThat(verify()).isZero();
        assertThat(out.toString()).contains("audit log intact: 5 entries checked");
    }

    @Test
    void aTamperedChainExitsOneNamingTheFirstBrokenEntry() throws Exception {
        serverWithEntries(5);
        try (Connection connection = database(); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 2");
        }

        assertThat(verify()).isEqualTo(AuditVerifyCommand.BROKEN);
        assertThat(out.toString()).contains("BROKEN at seq 2: ALTERED");
    }

    @Test
    void withoutTheKeyItCannotVerifyAndCreatesNone() throws Exception {
        serverWithEntries(1);

        assertThat(verify("--keyset-file", dataDir.resolve("elsewhere.json").toString()))
                .isEqualTo(AuditVerifyCommand.CANNOT_VERIFY);
        assertThat(dataDir.resolve("elsewhere.json")).doesNotExist();
    }

    @Test
    void withoutADatabaseItCannotVerify() {
        AuditKey.loadOrCreate(null, dataDir.resolve("audit-keyset.json"));

        assertThat(verify()).isEqualTo(AuditVerifyCommand.CANNOT_VERIFY);
    }
}
