package dev.anshin.backup;

import dev.anshin.fraud.DecisionLogBackup;
import dev.anshin.privacy.ErasureJournal;
import dev.anshin.problems.RequestProblem;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * A backup of the running server: the database snapshot and the decision log as a consistent pair
 * (see {@link DecisionLogBackup}), how far the erasure journal went, and the manifest, written as one
 * archive to a stream. One at a time.
 */
@Service
class LiveBackup {

    private static final Logger log = LoggerFactory.getLogger(LiveBackup.class);

    private final DataSource dataSource;
    private final DecisionLogBackup decisionLog;
    private final ErasureJournal erasureJournal;
    private final BackupProperties properties;
    private final Clock clock;
    /** Whether a backup is being written (not a lock: the one a thread holds must refuse that thread too). */
    private final AtomicBoolean running = new AtomicBoolean();

    LiveBackup(DataSource dataSource, DecisionLogBackup decisionLog, ErasureJournal erasureJournal,
            BackupProperties properties, Clock clock) {
        this.dataSource = dataSource;
        this.decisionLog = decisionLog;
        this.erasureJournal = erasureJournal;
        this.properties = properties;
        this.clock = clock;
    }

    /** A backup about to be written; refused (409) while another one runs. */
    Running begin() {
        if (!running.compareAndSet(false, true)) {
            throw RequestProblem.conflict("A backup is being taken; ask again when it is done.");
        }
        return new Running(clock.instant());
    }

    /** A backup being written; close it to let the next one start. */
    final class Running implements AutoCloseable {

        private final Instant startedAt;

        private Running(Instant startedAt) {
            this.startedAt = startedAt;
        }

        Instant startedAt() {
            return startedAt;
        }

        void writeTo(OutputStream out) throws Exception {
            long started = System.nanoTime();
            BackupManifest manifest = DatabaseBackup.write(out, dataSource::getConnection, decisionLog, erasureJournal,
                    properties.scratchDirectory(), startedAt);
            log.info("Backup taken: {} database at schema version {}, {} decision log segments, in {} ms",
                    manifest.database().product(), manifest.database().schemaVersion(),
                    manifest.decisionLog().segments().size(), (System.nanoTime() - started) / 1_000_000);
        }

        @Override
        public void close() {
            running.set(false);
        }
    }
}
