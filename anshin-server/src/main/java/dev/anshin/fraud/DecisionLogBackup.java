package dev.anshin.fraud;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;

/**
 * The decision log's part of a backup (ADR 0005, ADR 0009). Decisions are answered once they are in
 * the log and reach the database a moment later, so a database snapshot alone misses the newest
 * answered decisions. Taken through here, the snapshot and a copy of the log are a consistent pair:
 * every decision answered before the snapshot is in the snapshot or in the copy (some in both; the
 * start after a restore inserts from the log only what the database lacks).
 */
public interface DecisionLogBackup {

    /** Receives the decision log's segments, oldest first. */
    @FunctionalInterface
    interface Segments {
        /**
         * One segment: its file name and exactly {@code length} bytes of whole records.
         */
        void copy(String name, long length, InputStream bytes) throws IOException;
    }

    /**
     * Runs {@code databaseSnapshot} while no logged segment may be deleted, then hands every segment
     * as it is at that moment to {@code segments}. With the log off, only runs the snapshot.
     *
     * @return what the snapshot returned
     */
    <T> T backUp(Callable<T> databaseSnapshot, Segments segments) throws Exception;
}
