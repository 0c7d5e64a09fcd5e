package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The decision log's write path on a disk that fills up (fault injection at the file channel, the
 * outside boundary): a write that runs out of space is never acknowledged, leaves nothing behind
 * that would make the log unreadable, and appends succeed again once space returns. The same on a
 * real full file system: {@code DiskFullIntegrationTest}.
 */
class DecisionLogDiskFullTest {

    @TempDir
    Path directory;

    private final FillingDisk disk = new FillingDisk();
    private final List<DecisionJournal> journals = new ArrayList<>();

    @AfterEach
    void stop() {
        journals.forEach(DecisionJournal::stop);
    }

    @Test
    void aWriteThatRunsOutOfSpaceIsCutOffAndTheLogReadsBackWhole() throws IOException {
        DecisionLog log = open(64 * 1024 * 1024);
        log.append(List.of(DecisionLogJournalTest.decision("a-1"), DecisionLogJournalTest.decision("a-2")));
        long whole = segmentBytes();

        disk.free.set(100); // less than the next group: part of it reaches the file
        assertThatThrownBy(() -> log.append(List.of(DecisionLogJournalTest.decision("b-1"))))
                .isInstanceOf(IOException.class).hasMessageContaining("No space left");
        assertThat(segmentBytes()).as("the partial write is cut off").isEqualTo(whole);

        disk.free.set(Long.MAX_VALUE); // space returns
        log.append(List.of(DecisionLogJournalTest.decision("c-1")));
        log.close();

        assertThat(recovered()).containsExactly("a-1", "a-2", "c-1");
    }

    @Test
    void aSegmentThatCannotBeCreatedLeavesTheLogAsItWas() throws IOException {
        DecisionLog log = open(1); // every group rolls over to a new segment
        log.append(List.of(DecisionLogJournalTest.decision("a-1")));

        disk.free.set(0);
        disk.refuseNewFiles = true;
        assertThatThrownBy(() -> log.append(List.of(DecisionLogJournalTest.decision("b-1"))))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> log.append(List.of(DecisionLogJournalTest.decision("b-2"))))
                .isInstanceOf(IOException.class);

        disk.free.set(Long.MAX_VALUE);
        disk.refuseNewFiles = false;
        log.append(List.of(DecisionLogJournalTest.decision("c-1")));
        log.append(List.of(DecisionLogJournalTest.decision("c-2")));
        log.close();

        assertThat(recovered()).containsExactly("a-1", "c-1", "c-2");
    }

    @Test
    void theJournalRefusesWhatItCouldNotWriteAndTakesDecisionsAgainOnceSpaceReturns() throws Exception {
        DecisionLogJournalTest.TableDecisions table = new DecisionLogJournalTest.TableDecisions();
        table.down = true; // nothing leaves the log meanwhile
        DecisionJournal journal = journal(table);
        journal.start();
        StoredDecision first = journal.append(DecisionLogJournalTest.decision("ok-1")).get(5, TimeUnit.SECONDS);

        disk.free.set(0);
        CompletableFuture<StoredDecision> refused = journal.append(DecisionLogJournalTest.decision("full-1"));

        assertThatThrownBy(() -> refused.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(DecisionJournal.JournalUnavailable.class);
        assertThat(journal.find("full-1")).as("never acknowledged, never pending").isEmpty();
        assertThat(journal.intake()).isEqualTo(DecisionJournal.Intake.LOG_FAILING);
        assertThat(journal.appendFailure()).hasValueSatisfying(error -> assertThat(error).contains("No space left"));

        disk.free.set(Long.MAX_VALUE);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (journal.intake() != DecisionJournal.Intake.OPEN && System.nanoTime() < until) {
            Thread.sleep(50); // tried again a second after the failure
        }
        assertThat(journal.intake()).isEqualTo(DecisionJournal.Intake.OPEN);
        journal.append(DecisionLogJournalTest.decision("ok-2")).get(5, TimeUnit.SECONDS);
        assertThat(journal.appendFailure()).isEmpty();

        table.down = false;
        assertThat(journal.awaitIndexed("ok-2", Duration.ofSeconds(10))).isTrue();
        assertThat(table.rows).containsOnlyKeys("ok-1", "ok-2");
        assertThat(table.rows.get("ok-1")).isEqualTo(first);
    }

    private DecisionLog open(long segmentBytes) {
        DecisionLog log = new DecisionLog(directory, false, segmentBytes, disk);
        log.recover(group -> { }, 100);
        return log;
    }

    private DecisionJournal journal(DecisionLogJournalTest.TableDecisions table) {
        FraudProperties properties = new FraudProperties(0.5, 0.9, Duration.ofDays(7), Duration.ofDays(35), 50, 1_000,
                Duration.ofSeconds(5), 10, 0, Duration.ofDays(60), Duration.ofMinutes(10),
                new FraudProperties.DecisionLogSettings(true, directory, false, DataSize.ofMegabytes(64), 50_000,
                        1_000, Duration.ofMillis(20), DataSize.ofMegabytes(64)), DecisionJournalTest.ADMISSION);
        DecisionJournal journal = new DecisionJournal(table,
                new TransactionTemplate(new DecisionJournalTest.NoTransactions()),
                new DecisionStatistics(Clock.systemUTC()), properties, List.of(), disk);
        journal.afterPropertiesSet();
        journals.add(journal);
        return journal;
    }

    private long segmentBytes() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        }
    }

    /** The ids a fresh log recovers from the directory, in log order (fails on a damaged segment). */
    private List<String> recovered() {
        List<String> ids = new ArrayList<>();
        new DecisionLog(directory, false, 64 * 1024 * 1024)
                .recover(group -> group.forEach(decision -> ids.add(decision.authorizationId())), 100);
        return ids;
    }

    /**
     * Files whose writes stop when {@code free} bytes are used up: a write is partial, then fails
     * as the operating system's would ("No space left on device"); cutting a file gives space back.
     */
    static final class FillingDisk implements DecisionLog.SegmentFiles {
        final AtomicLong free = new AtomicLong(Long.MAX_VALUE);
        volatile boolean refuseNewFiles;

        @Override
        public FileChannel open(Path path, OpenOption... options) throws IOException {
            if (refuseNewFiles && Arrays.asList(options).contains(StandardOpenOption.CREATE) && !Files.exists(path)) {
                throw new IOException("No space left on device");
            }
            return new Filling(FileChannel.open(path, options));
        }

        private final class Filling extends FileChannel {
            private final FileChannel file;

            Filling(FileChannel file) {
                this.file = file;
            }

            @Override
            public int write(ByteBuffer source) throws IOException {
                long room = free.get();
                if (room <= 0) {
                    throw new IOException("No space left on device");
                }
                if (source.remaining() <= room) {
                    int written = file.write(source);
                    free.addAndGet(-written);
                    return written;
                }
                ByteBuffer part = source.duplicate();
                part.limit(part.position() + (int) room);
                int written = file.write(part);
                source.position(source.position() + written);
                free.addAndGet(-written);
                return written; // the caller writes the rest, which fails
            }

            @Override
            public FileChannel truncate(long size) throws IOException {
                long before = file.size();
                file.truncate(size);
                if (before > size && free.get() != Long.MAX_VALUE) {
                    free.addAndGet(before - size);
                }
                return this;
            }

            @Override
            public int read(ByteBuffer dst) throws IOException {
                return file.read(dst);
            }

            @Override
            public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
                return file.read(dsts, offset, length);
            }

            @Override
            public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
                throw new UnsupportedOperationException("not used by the decision log");
            }

            @Override
            public long position() throws IOException {
                return file.position();
            }

            @Override
            public FileChannel position(long newPosition) throws IOException {
                file.position(newPosition);
                return this;
            }

            @Override
            public long size() throws IOException {
                return file.size();
            }

            @Override
            public void force(boolean metaData) throws IOException {
                file.force(metaData);
            }

            @Override
            public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
                return file.transferTo(position, count, target);
            }

            @Override
            public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
                throw new UnsupportedOperationException("not used by the decision log");
            }

            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                return file.read(dst, position);
            }

            @Override
            public int write(ByteBuffer src, long position) throws IOException {
                throw new UnsupportedOperationException("not used by the decision log");
            }

            @Override
            public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
                throw new UnsupportedOperationException("not used by the decision log");
            }

            @Override
            public FileLock lock(long position, long size, boolean shared) throws IOException {
                return file.lock(position, size, shared);
            }

            @Override
            public FileLock tryLock(long position, long size, boolean shared) throws IOException {
                return file.tryLock(position, size, shared);
            }

            @Override
            protected void implCloseChannel() throws IOException {
                file.close();
            }
        }
    }
}
