package dev.anshin.backup;

import dev.anshin.keys.OwnerOnlyFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where backup archives go and how they get there: named by kind and time, written through a
 * temporary owner-only file that takes its name only once complete and checked, and never a keys
 * backup beside a database backup (whoever holds both holds the data, and the audit trail's key).
 */
public final class BackupFiles {

    public static final String DATABASE_PREFIX = "anshin-backup-";
    public static final String KEYS_PREFIX = "anshin-keys-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private BackupFiles() {
    }

    /** Writes an archive. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws Exception;
    }

    /** The archive's file name for a backup of this kind taken at this moment. */
    public static String name(String kind, Instant at) {
        return (BackupManifest.KEYS.equals(kind) ? KEYS_PREFIX : DATABASE_PREFIX) + STAMP.format(at) + ".zip";
    }

    /**
     * Writes a backup archive into {@code directory} under its name, through an owner-only temporary
     * file, checks it against its own manifest and only then gives it its name.
     *
     * @return the archive
     */
    public static Path save(Path directory, String kind, Instant at, Body body) {
        if (BackupManifest.KEYS.equals(kind)) {
            refuseKeysBesideDatabaseBackups(directory);
        } else {
            refuseDatabaseBackupBesideKeys(directory);
        }
        Path archive = directory.resolve(name(kind, at));
        Path partial = directory.resolve(archive.getFileName() + ".partial");
        try {
            OwnerOnlyFiles.createDirectories(directory);
            if (Files.exists(archive)) {
                throw new BackupRefused(archive + " exists already");
            }
            Files.deleteIfExists(partial);
            try (OutputStream out = OwnerOnlyFiles.create(partial)) {
                body.writeTo(out);
            }
            BackupArchive.verify(partial, kind);
            OwnerOnlyFiles.move(partial, archive);
            return archive;
        } catch (BackupRefused e) {
            deleteQuietly(partial);
            throw e;
        } catch (Exception e) {
            deleteQuietly(partial);
            throw new IllegalStateException("the backup failed: "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
        }
    }

    /**
     * A keys backup never goes where a database backup is, nor into a server's data folder: whoever
     * finds both holds the data and the means to read it (and to re-seal the audit trail).
     */
    public static void refuseKeysBesideDatabaseBackups(Path directory) {
        for (Path file : files(directory)) {
            String name = file.getFileName().toString();
            if (name.startsWith(DATABASE_PREFIX) || name.endsWith(".mv.db") || "decision-log".equals(name)
                    || isArchiveOfKind(file, BackupManifest.DATABASE)) {
                throw new BackupRefused("refusing to write keys into " + directory + ": it holds a database backup or "
                        + "database (" + name + "). Keys must be stored apart from the database and its backups, on "
                        + "other media, with other people holding them (see docs/operations.md).");
            }
        }
    }

    /** Nor a database backup where keys or their backups are. */
    public static void refuseDatabaseBackupBesideKeys(Path directory) {
        for (Path file : files(directory)) {
            String name = file.getFileName().toString();
            if (name.startsWith(KEYS_PREFIX) || name.endsWith("keyset.json") || isArchiveOfKind(file, BackupManifest.KEYS)) {
                throw new BackupRefused("refusing to write a database backup into " + directory + ": it holds keys ("
                        + name + "). Keep database backups and keys apart (see docs/operations.md).");
            }
        }
    }

    private static List<Path> files(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> listed = Files.list(directory)) {
            return listed.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the file is a zip whose manifest says it is a backup of this kind (renamed archives too). */
    private static boolean isArchiveOfKind(Path file, String kind) {
        if (!Files.isRegularFile(file) || !file.getFileName().toString().endsWith(".zip")) {
            return false;
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry manifest = zip.getEntry(BackupArchive.MANIFEST);
            if (manifest == null) {
                return false;
            }
            try (InputStream in = zip.getInputStream(manifest)) {
                return kind.equals(BackupArchive.JSON.readTree(in).path("kind").asString());
            }
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the partial file stays; its name says what it is
        }
    }
}
