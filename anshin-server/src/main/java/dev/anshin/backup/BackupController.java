package dev.anshin.backup;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/backups} (BACKUP_OPERATOR): takes a backup of the running server and sends it
 * as one zip archive ({@code anshin backup --url} writes it to an owner-only file and checks it).
 * Holds no key; the key files are backed up apart ({@code anshin backup keys}).
 */
@RestController
class BackupController {

    private final LiveBackup backups;

    BackupController(LiveBackup backups) {
        this.backups = backups;
    }

    @PostMapping("/api/v1/backups")
    void backup(HttpServletResponse response) throws Exception {
        try (LiveBackup.Running backup = backups.begin()) {
            response.setContentType("application/zip");
            response.setHeader("Content-Disposition",
                    "attachment; filename=\"" + BackupFiles.name(BackupManifest.DATABASE, backup.startedAt()) + "\"");
            response.setHeader("Cache-Control", "no-store");
            // Streamed: a failure half-way leaves an archive without its manifest, which every reader refuses.
            backup.writeTo(response.getOutputStream());
        }
    }
}
