package dev.anshin.backup;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/backups} (BACKUP_OPERATOR): takes a backup of the running server and sends it
 * as one zip archive ({@code anshin backup --url} writes it to an owner-only file and checks it).
 * Holds no key; the key files are backed up apart ({@code anshin backup keys}).
 */
@Tag(name = "Backups", description = "Backups of the running server's database, as one zip archive (the key files "
        + "are backed up apart)")
@RestController
class BackupController {

    private final LiveBackup backups;

    BackupController(LiveBackup backups) {
        this.backups = backups;
    }

    @Operation(summary = "Take a backup", description = "Takes a consistent backup of the running server and streams "
            + "it as one zip archive with its manifest (`anshin backup --url` writes it to an owner-only file and checks "
            + "it). One backup at a time: another while one is taken is refused (409). Holds no key. "
            + "Role: BACKUP_OPERATOR.")
    @ApiResponse(responseCode = "200", description = "The archive", content = @Content(mediaType = "application/zip",
            schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "409", description = "A backup is being taken (type conflict)")
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
