package dev.anshin.backup;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Backup settings.
 *
 * @param scratchDirectory where the server puts H2's backup file while it streams it out (removed
 *                         right after); on the database's file system, with room for one copy of it
 */
@ConfigurationProperties("anshin.backup")
record BackupProperties(Path scratchDirectory) {

    BackupProperties {
        if (scratchDirectory == null) {
            scratchDirectory = Path.of("data");
        }
    }
}
