package dev.anshin.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anshin.AnshinApplication;
import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.audit.AuditKey;
import dev.anshin.audit.AuditVerification;
import dev.anshin.audit.AuditVerifier;
import dev.anshin.privacy.PersonalData;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The restore drill: a real instance is filled through its API (customers, cards, authorizations, a
 * dispute, the audit entries all of that leaves), backed up while it runs, then restored into a fresh
 * data folder or database with its keys restored from their own backup, and a fresh instance started
 * on it must show the same records, an intact audit chain, and nobody erased after the backup.
 *
 * <p>On H2 in {@code ./mvnw verify}; on PostgreSQL with {@code -Dspring.profiles.active=postgres} (CI),
 * in two databases it makes and drops itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupRestoreDrillIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final boolean POSTGRES = String.valueOf(System.getProperty("spring.profiles.active")).contains("postgres");

    private final Path root = Path.of("target", "backup-drill-" + UUID.randomUUID()).toAbsolutePath();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newHttpClient();

    private ConfigurableApplicationContext source;
    private ConfigurableApplicationContext restored;
    private final Map<Role, String> keys = new LinkedHashMap<>();
    private URI sourceUrl;
    private URI restoredUrl;

    private Path archive;
    private Path earlyKeysArchive;
    private Restore.Outcome outcome;
    private String kept;
    private String erasedBefore;
    private String erasedAfter;
    private String erasedAfterCard;
    private final Map<String, JsonNode> authorizationsAtBackup = new LinkedHashMap<>();
    private final List<String> onlyInTheLogAtBackup = new ArrayList<>();
    private JsonNode disputeAtBackup;
    private String disputeReport;
    private long auditSeqBeforeBackup;

    @BeforeAll
    void drill() throws Exception {
        Files.createDirectories(root);
        if (POSTGRES) {
            createDatabase("source");
            createDatabase("restored");
        }
        source = start("source", root.resolve("source"), root.resolve("source-keys"),
                // Decisions reach the database 5 s after they are answered: the last ones are only in the log at the backup.
                "--anshin.fraud.decision-log.index-delay=5s");
        sourceUrl = url(source);
        ApiClients clients = source.getBean(ApiClients.class);
        for (Role role : EnumSet.of(Role.SCORER, Role.ADMIN, Role.ANALYST, Role.CUSTOMER_SERVICE, Role.PRIVACY_OFFICER,
                Role.CARD_DATA, Role.BACKUP_OPERATOR)) {
            keys.put(role, clients.register("drill-" + role.name().toLowerCase(), EnumSet.of(role)));
        }
        earlyKeysArchive = KeysBackup.write(root.resolve("source-keys"), root.resolve("early-keys"), Map.of(),
                Instant.now()).archive();

        kept = customer("保存花子", "kept@example.jp");
        erasedBefore = customer("消去前子", "before@example.jp");
        erasedAfter = customer("消去後郎", "after@example.jp");
        String keptCard = card(kept);
        card(erasedBefore);
        erasedAfterCard = card(erasedAfter);
        List<String> keptAuthorizations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            keptAuthorizations.add(authorize(keptCard, i));
            authorize(erasedAfterCard, i);
        }
        disputeReport = dispute(kept, keptAuthorizations.get(0));
        erase(erasedBefore);
        disputeAtBackup = settled(disputeReport);
        for (int i = 5; i < 10; i++) {
            onlyInTheLogAtBackup.add(authorize(keptCard, i));
        }
        for (String id : concat(keptAuthorizations, onlyInTheLogAtBackup)) {
            authorizationsAtBackup.put(id, get(sourceUrl, "/api/v1/authorizations/" + id, Role.ANALYST));
        }
        auditSeqBeforeBackup = get(sourceUrl, "/api/v1/audit/verification", Role.PRIVACY_OFFICER).path("lastSeq").asLong();

        archive = backUp();
        JdbcClient sourceDatabase = source.getBean(JdbcClient.class);
        onlyInTheLogAtBackup.removeIf(id -> sourceDatabase.sql("SELECT COUNT(*) FROM authorizations WHERE authorization_id = ?")
                .param(id).query(Long.class).single() > 0);

        erase(erasedAfter);
        Path keysArchive = KeysBackup.write(root.resolve("source-keys"), root.resolve("key-backups"), Map.of(),
                Instant.now()).archive();
        source.close();

        KeysBackup.restore(keysArchive, root.resolve("restored-keys"), false);
        outcome = Restore.run(archive, target(root.resolve("restored"), "restored", root.resolve("restored-keys")),
                Restore.Options.safe(), line -> { });
        restored = start("restored", root.resolve("restored"), root.resolve("restored-keys"));
        restoredUrl = url(restored);
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (source != null) {
            source.close();
        }
        if (restored != null) {
            restored.close();
        }
        if (POSTGRES) {
            dropDatabase("source");
            dropDatabase("restored");
        }
        FileSystemUtils.deleteRecursively(root);
    }

    @Test
    void theRestoredAuditChainIsIntactAndReachesTheBackup() throws Exception {
        AuditVerification verification;
        try (Connection connection = restored.getBean(DataSource.class).getConnection()) {
            verification = new AuditVerifier(AuditKey.load(null, root.resolve("restored-keys/audit-keyset.json")))
                    .verify(connection, checked -> { });
        }

        assertThat(verification.intact()).as(verification.explanation()).isTrue();
        assertThat(verification.lastSeq()).isGreaterThanOrEqualTo(auditSeqBeforeBackup);
        assertThat(outcome.audit()).isNotNull().matches(AuditVerification::intact, "verified by the restore");
    }

    @Test
    void everyDecisionAnsweredBeforeTheBackupIsThereTheSameIncludingThoseOnlyInTheLog() throws Exception {
        assertThat(onlyInTheLogAtBackup).as("decisions the database snapshot did not have yet").isNotEmpty();
        for (Map.Entry<String, JsonNode> authorization : authorizationsAtBackup.entrySet()) {
            assertThat(get(restoredUrl, "/api/v1/authorizations/" + authorization.getKey(), Role.ANALYST))
                    .isEqualTo(authorization.getValue());
        }
    }

    @Test
    void customersAreReadThroughTheAccessPathWithTheRestoredKeys() throws Exception {
        JsonNode data = get(restoredUrl, "/api/v1/customers/" + kept + "/personal-data?purpose=SERVICE_OPERATION"
                + "&fields=NAME_KANJI,EMAIL", Role.CUSTOMER_SERVICE);

        assertThat(data.path("values").path("NAME_KANJI").asString()).isEqualTo("保存花子");
        assertThat(data.path("values").path("EMAIL").asString()).isEqualTo("kept@example.jp");
    }

    @Test
    void theDisputeIsThereAsItWasDecided() throws Exception {
        assertThat(get(restoredUrl, "/api/v1/dispute-reports/" + disputeReport, Role.ANALYST)).isEqualTo(disputeAtBackup);
    }

    @Test
    void aCustomerErasedAfterTheBackupStaysErased() throws Exception {
        assertThat(outcome.keysShredded()).as("the backup held their key; the restore deleted it").containsExactly(erasedAfter);
        assertThat(status(restoredUrl, "/api/v1/customers/" + erasedAfter + "/personal-data?purpose=SERVICE_OPERATION"
                + "&fields=NAME_KANJI", Role.CUSTOMER_SERVICE)).isEqualTo(410);
        JdbcClient database = restored.getBean(JdbcClient.class);
        assertThat(database.sql("SELECT COUNT(*) FROM customer_keys WHERE customer_id = ?").param(erasedAfter)
                .query(Long.class).single()).isZero();
        assertThat(database.sql("SELECT COUNT(*) FROM personal_values WHERE customer_id = ?").param(erasedAfter)
                .query(Long.class).single()).isZero();
        assertThat(database.sql("SELECT COUNT(*) FROM pan_vault WHERE token = ?").param(erasedAfterCard)
                .query(Long.class).single()).as("no card number in the vault").isZero();
        assertThat(restored.getBean(PersonalData.class).tombstone(erasedAfter)).isPresent();
        assertThat(restored.getBean(PersonalData.class).tombstone(erasedBefore)).isPresent();
    }

    @Test
    void aRestoreRefusesATargetThatIsNotEmpty() {
        assertThatThrownBy(() -> Restore.run(archive, target(root.resolve("restored"), "restored",
                        root.resolve("restored-keys")), Restore.Options.safe(), line -> { }))
                .isInstanceOf(BackupRefused.class).hasMessageContaining("--force");
    }

    @Test
    void aRestoreRefusesAnErasureJournalOlderThanTheBackup() {
        KeysBackup.restore(earlyKeysArchive, root.resolve("early-keys-restored"), false);

        assertThatThrownBy(() -> Restore.run(archive, target(root.resolve("never"), "restored",
                        root.resolve("early-keys-restored")), Restore.Options.safe(), line -> { }))
                .isInstanceOf(BackupRefused.class).hasMessageContaining("older than this backup");
        assertThat(root.resolve("never/anshin.mv.db")).doesNotExist();
    }

    @Test
    void aRestoreRefusesAnArchiveWhoseContentDoesNotMatchItsManifest() throws Exception {
        Path damaged = root.resolve("damaged.zip");
        try (ZipFile zip = new ZipFile(archive.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(damaged))) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream in = zip.getInputStream(entry)) {
                    byte[] bytes = in.readAllBytes();
                    if (entry.getName().startsWith("database/") && bytes.length > 100) {
                        bytes[bytes.length / 2] ^= 1; // one bit
                    }
                    out.write(bytes);
                }
                out.closeEntry();
            }
        }

        assertThatThrownBy(() -> Restore.run(damaged, target(root.resolve("never"), "restored",
                        root.resolve("restored-keys")), new Restore.Options(true, false, false), line -> { }))
                .isInstanceOf(BackupRefused.class).hasMessageContaining("does not match its checksum");
    }

    @Test
    void keysAreNeverWrittenBesideADatabaseBackupNorTheOtherWayRound() {
        assertThatThrownBy(() -> KeysBackup.write(root.resolve("restored-keys"), archive.getParent(), Map.of(),
                Instant.now())).isInstanceOf(BackupRefused.class).hasMessageContaining("refusing to write keys");
        assertThatThrownBy(() -> BackupFiles.save(root.resolve("key-backups"), BackupManifest.DATABASE, Instant.now(),
                out -> { })).isInstanceOf(BackupRefused.class).hasMessageContaining("it holds keys");
    }

    @Test
    void backupsAreReadableByTheirOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)))
                .isEqualTo("rw-------");
    }

    // ---- the instance and its API --------------------------------------------------------------

    private ConfigurableApplicationContext start(String name, Path dataDir, Path keysDir, String... extra)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--anshin.data-dir=" + dataDir,
                "--anshin.keys-dir=" + keysDir, "--spring.main.banner-mode=off", "--anshin.fraud.training-rounds=20",
                // Few connections: on PostgreSQL the suite's cached contexts hold theirs meanwhile.
                "--spring.datasource.hikari.maximum-pool-size=4"));
        if (POSTGRES) {
            args.add("--spring.datasource.url=" + postgresUrl(name));
        }
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(AnshinApplication.class).run(args.toArray(String[]::new));
    }

    private static URI url(ConfigurableApplicationContext context) {
        return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private Restore.Target target(Path dataDir, String database, Path keysDir) {
        return new Restore.Target(dataDir, dataDir.resolve("decision-log"),
                POSTGRES ? postgresUrl(database) : null, "postgres", "", keysDir, null, null, null);
    }

    private String customer(String name, String email) throws Exception {
        return post(sourceUrl, "/api/v1/customers", Role.CUSTOMER_SERVICE, Map.of(
                "customerNumber", "D-" + UUID.randomUUID().toString().substring(0, 8),
                "values", Map.of("NAME_KANJI", name, "EMAIL", email))).path("customerId").asString();
    }

    private String card(String customer) throws Exception {
        return post(sourceUrl, "/api/v1/cards", Role.CUSTOMER_SERVICE, Map.of("pan", IntegrationTestSupport.newPan(),
                "customerId", customer)).path("token").asString();
    }

    private String authorize(String cardToken, int i) throws Exception {
        String id = "drill-" + UUID.randomUUID();
        Map<String, Object> body = IntegrationTestSupport.authorization(id, cardToken);
        body.put("amount", Map.of("minor", 1000 + i * 100, "currency", "JPY"));
        post(sourceUrl, "/api/v1/authorizations", Role.SCORER, body);
        return id;
    }

    private String dispute(String customer, String authorizationId) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customer);
        body.put("authorizationIds", List.of(authorizationId));
        body.put("cardInHand", "YES");
        body.put("familyCouldExplain", "NO");
        body.put("subscriptionCouldExplain", "NO");
        body.put("recognizesMerchant", "NO");
        body.put("certified", true);
        return post(sourceUrl, "/api/v1/disputes", Role.CUSTOMER_SERVICE, body).path("report").path("id").asString();
    }

    private void erase(String customer) throws Exception {
        post(sourceUrl, "/api/v1/customers/" + customer + "/erasure", Role.PRIVACY_OFFICER,
                Map.of("reason", "PERSON_REQUESTED"));
    }

    /** The report's cases once the investigation has decided them and their effects are done. */
    private JsonNode settled(String report) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode cases = get(sourceUrl, "/api/v1/dispute-reports/" + report, Role.ANALYST);
            boolean done = true;
            for (JsonNode c : cases) {
                String status = c.path("status").asString();
                done &= !status.equals("INTAKE") && !status.equals("INVESTIGATING") && !c.path("effectsPending").asBoolean();
            }
            if (done) {
                return cases;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the dispute was not decided in time");
    }

    private Path backUp() throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(sourceUrl.resolve("/api/v1/backups"))
                .header("X-Api-Key", keys.get(Role.BACKUP_OPERATOR)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        return BackupFiles.save(root.resolve("backups"), BackupManifest.DATABASE, Instant.now(), out -> {
            try (InputStream body = response.body()) {
                body.transferTo(out);
            }
        });
    }

    private JsonNode post(URI base, String path, Role role, Object body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                .header("X-Api-Key", keys.get(role)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }

    private JsonNode get(URI base, String path, Role role) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                .header("X-Api-Key", keys.get(role)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private int status(URI base, String path, Role role) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("X-Api-Key", keys.get(role)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    // ---- PostgreSQL databases of the drill -----------------------------------------------------

    private String database(String name) {
        return "anshin_drill_" + name + "_" + suffix;
    }

    private String postgresUrl(String name) {
        return "jdbc:postgresql://127.0.0.1:5432/" + database(name);
    }

    private void createDatabase(String name) throws Exception {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database(name));
        }
    }

    private void dropDatabase(String name) throws Exception {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database(name) + " WITH (FORCE)");
        }
    }
}
