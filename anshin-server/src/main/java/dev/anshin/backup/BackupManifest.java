package dev.anshin.backup;

import java.time.Instant;
import java.util.List;

/**
 * What a backup archive holds, written last into it: what was backed up, when, at which schema
 * version, and the size and SHA-256 of every other file in it. Holds no key, no personal data.
 *
 * @param kind           {@link #DATABASE} or {@link #KEYS}
 * @param format         this layout's version
 * @param createdAt      when the backup was taken (the database snapshot's moment, within seconds)
 * @param database       the database part (null in a keys backup)
 * @param decisionLog    the decision log's segments in the archive (null in a keys backup)
 * @param erasureJournal how far the erasure journal went when the backup was taken (null in a keys backup)
 * @param files          every other file in the archive
 */
public record BackupManifest(String kind, int format, Instant createdAt, Database database, DecisionLog decisionLog,
        ErasureJournalMark erasureJournal, List<FileEntry> files) {

    public static final String DATABASE = "anshin-database-backup";
    public static final String KEYS = "anshin-keys-backup";
    public static final int FORMAT = 1;

    public BackupManifest {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /**
     * The database part.
     *
     * @param product        {@code H2} or {@code PostgreSQL}
     * @param productVersion the database's own version, for the record
     * @param schemaVersion  the last Flyway migration applied
     * @param h2Archive      H2: the archive file holding the output of {@code BACKUP TO}
     * @param tables         PostgreSQL: every table, in an order that satisfies the foreign keys
     * @param sequences      PostgreSQL: every sequence's position
     */
    public record Database(String product, String productVersion, String schemaVersion, String h2Archive,
            List<Table> tables, List<Sequence> sequences) {

        public static final String H2 = "H2";
        public static final String POSTGRESQL = "PostgreSQL";

        public Database {
            tables = tables == null ? List.of() : List.copyOf(tables);
            sequences = sequences == null ? List.of() : List.copyOf(sequences);
        }
    }

    /** A PostgreSQL table: its columns in the order of its file (COPY text format), how many rows. */
    public record Table(String name, List<String> columns, long rows, String file) {
    }

    /** A PostgreSQL sequence and its position. */
    public record Sequence(String name, long lastValue, boolean called) {
    }

    /** The decision log's segments in the archive, oldest first (none with the log off). */
    public record DecisionLog(List<String> segments) {

        public DecisionLog {
            segments = segments == null ? List.of() : List.copyOf(segments);
        }
    }

    /**
     * How far the erasure journal went at backup time: a restore refuses a journal that lacks this
     * entry (older than the backup, so it lacks every erasure made after it as well).
     *
     * @param entries  how many entries it held
     * @param lastSeal the seal of its last entry (null when empty); names the entry, reveals nothing
     */
    public record ErasureJournalMark(long entries, String lastSeal) {
    }

    /** A file in the archive, its size and SHA-256 (hex). */
    public record FileEntry(String path, long bytes, String sha256) {
    }
}
