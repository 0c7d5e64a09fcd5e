package dev.anshin.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code POST /api/v1/backups}: for BACKUP_OPERATOR only, one at a time, a checked archive without keys, audited. */
class BackupApiIntegrationTest extends IntegrationTestSupport {

    @Autowired
    LiveBackup backups;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path folder;

    @Test
    void onlyABackupOperatorTakesBackupsNotEvenAnAdministrator() throws Exception {
        for (Role role : new Role[] {Role.ADMIN, Role.PRIVACY_OFFICER, Role.ANALYST, Role.SCORER}) {
            mvc.perform(post("/api/v1/backups").header("X-Api-Key", key(role)))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(post("/api/v1/backups")).andExpect(status().isUnauthorized());
    }

    @Test
    void aBackupIsAnArchiveThatChecksOutAndHoldsNoKey() throws Exception {
        byte[] body = mvc.perform(post("/api/v1/backups").header("X-Api-Key", key(Role.BACKUP_OPERATOR)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/zip"))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andReturn().getResponse().getContentAsByteArray();
        Path archive = folder.resolve("backup.zip");
        Files.write(archive, body);

        BackupManifest manifest = BackupArchive.verify(archive, BackupManifest.DATABASE);

        assertThat(manifest.database().schemaVersion()).isNotBlank();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            assertThat(zip.stream().map(entry -> entry.getName()))
                    .allMatch(name -> name.startsWith("database/") || name.startsWith("decision-log/")
                            || name.equals(BackupArchive.MANIFEST));
        }
        assertThat(jdbc.sql("SELECT outcome FROM audit_log WHERE action = 'POST /api/v1/backups' ORDER BY seq DESC")
                .query(String.class).list()).first().isEqualTo("SUCCESS");
    }

    @Test
    void aSecondBackupWhileOneRunsIsRefused() throws Exception {
        try (LiveBackup.Running running = backups.begin()) {
            mvc.perform(post("/api/v1/backups").header("X-Api-Key", key(Role.BACKUP_OPERATOR)))
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/conflict"));
        }
    }
}
