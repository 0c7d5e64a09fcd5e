package dev.anshin.fraud;

import dev.anshin.keys.OwnerOnlyFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only file of acknowledged decisions that the database has not indexed yet (ADR 0005).
 * A group of decisions is one {@code write()} at the end of the current segment; once that returns,
 * the decisions survive a kill of the process (the operating system holds the bytes), and with
 * {@code fsync} a power loss too. Each record is {@code [payload length][CRC32C][payload]}, so a
 * write torn by a crash is recognised and dropped: it was never acknowledged. Segments roll over at
 * a size and are deleted once every decision in them is in the database.
 *
 * <p>Not thread-safe for appends: the {@link DecisionIndexer} serializes them; {@link #indexedBefore}
 * may be called from another thread.
 */
final class DecisionLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DecisionLog.class);
    private static final Pattern SEGMENT = Pattern.compile("decisions-(\\d{20})\\.log");
    private static final int HEADER = 8;

    /** A byte array stream whose buffer can be written out and patched without copying. */
    private static final class Bytes extends ByteArrayOutputStream {
        Bytes(int size) {
            super(size);
        }

        ByteBuffer view() {
            return ByteBuffer.wrap(buf, 0, count);
        }

        void checksum(CRC32C crc, int from, int length) {
            crc.reset();
            crc.update(buf, from, length);
        }

        void putInt(int at, int value) {
            buf[at] = (byte) (value >>> 24);
            buf[at + 1] = (byte) (value >>> 16);
            buf[at + 2] = (byte) (value >>> 8);
            buf[at + 3] = (byte) value;
        }
    }

    /** How segments are opened: owner-only ({@link OwnerOnlyFiles#open}), or a disk that fills up in tests. */
    interface SegmentFiles {
        FileChannel open(Path path, OpenOption... options) throws IOException;
    }

    private final Path directory;
    private final SegmentFiles files;
    private final boolean fsync;
    private final long segmentBytes;
    private final Bytes batch = new Bytes(64 * 1024);
    private final DataOutputStream out = new DataOutputStream(batch);
    private final CRC32C crc = new CRC32C();
    /** Segments no longer appended to and not yet deleted, oldest first (guarded by this). */
    private final Deque<Long> closed = new ArrayDeque<>();
    /** Segments before this number are wholly indexed (guarded by this). */
    private long indexedBefore;
    /** Backups in progress: while any is, no segment is deleted (guarded by this). */
    private int holds;
    private FileChannel channel;
    private long segment;
    /** Bytes of whole groups in the current segment: where the next group starts. */
    private long size;
    /** A write failed and what it left behind is not cut off yet. */
    private boolean damaged;
    /**
     * When the oldest decision in the segment being written occurred; null while it holds none. Read by the
     * retention rule ({@link DecisionLogRetention}): a quiet server may write one segment for months.
     */
    private volatile java.time.Instant oldestWritten;

    DecisionLog(Path directory, boolean fsync, long segmentBytes) {
        this(directory, fsync, segmentBytes, OwnerOnlyFiles::open);
    }

    DecisionLog(Path directory, boolean fsync, long segmentBytes, SegmentFiles files) {
        this.directory = directory;
        this.files = files;
        this.fsync = fsync;
        this.segmentBytes = segmentBytes;
    }

    /**
     * Hands every decision of the existing segments to {@code sink}, oldest first and in groups,
     * then deletes those segments and opens a fresh one. A torn record at the end of the newest
     * segment is the write a crash interrupted and is dropped; damage anywhere else stops the
     * start, since acknowledged decisions would be lost.
     */
    void recover(Consumer<List<StoredDecision>> sink, int groupSize) {
        try {
            OwnerOnlyFiles.createDirectories(directory);
            OwnerOnlyFiles.restrict(directory);
            List<Long> segments = segments();
            long recovered = 0;
            for (int i = 0; i < segments.size(); i++) {
                recovered += replay(segments.get(i), i == segments.size() - 1, sink, groupSize);
            }
            if (recovered > 0) {
                log.info("Recovered {} decisions from the decision log into the database", recovered);
            }
            for (long number : segments) {
                Files.delete(path(number));
            }
            open(segments.isEmpty() ? 1 : segments.get(segments.size() - 1) + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("decision log " + directory + " could not be recovered", e);
        }
    }

    private long replay(long number, boolean newest, Consumer<List<StoredDecision>> sink, int groupSize)
            throws IOException {
        byte[] bytes = Files.readAllBytes(path(number));
        ByteBuffer records = ByteBuffer.wrap(bytes);
        List<StoredDecision> group = new ArrayList<>(groupSize);
        long count = 0;
        while (records.remaining() > 0) {
            int start = records.position();
            StoredDecision decision = next(records);
            if (decision == null) {
                if (!newest) {
                    throw new IOException("segment " + path(number) + " is damaged at byte " + start);
                }
                log.warn("Dropping a torn write of {} bytes at the end of {} (never acknowledged)",
                        bytes.length - start, path(number).getFileName());
                break;
            }
            group.add(decision);
            count++;
            if (group.size() == groupSize) {
                sink.accept(List.copyOf(group));
                group.clear();
            }
        }
        if (!group.isEmpty()) {
            sink.accept(List.copyOf(group));
        }
        return count;
    }

    /** The next record, or null when what is left is not a whole, intact record. */
    private StoredDecision next(ByteBuffer records) {
        if (records.remaining() < HEADER) {
            return null;
        }
        int length = records.getInt();
        int checksum = records.getInt();
        if (length <= 0 || length > records.remaining()) {
            return null;
        }
        crc.reset();
        crc.update(records.array(), records.position(), length);
        if ((int) crc.getValue() != checksum) {
            return null;
        }
        try {
            StoredDecision decision = DecisionLogCodec.read(new DataInputStream(
                    new ByteArrayInputStream(records.array(), records.position(), length)));
            records.position(records.position() + length);
            return decision;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * Appends a group of decisions with one write (and one fsync when configured).
     *
     * @return the number of the segment that holds them, for {@link #indexedBefore}
     */
    long append(List<StoredDecision> decisions) throws IOException {
        batch.reset();
        for (StoredDecision decision : decisions) {
            int start = batch.size();
            out.writeLong(0); // header, patched below
            DecisionLogCodec.write(decision, out);
            int length = batch.size() - start - HEADER;
            batch.checksum(crc, start + HEADER, length);
            batch.putInt(start, length);
            batch.putInt(start + 4, (int) crc.getValue());
        }
        if (damaged) {
            repair();
        }
        if (size > 0 && size + batch.size() > segmentBytes) {
            roll();
        }
        ByteBuffer bytes = batch.view();
        // A file channel closes itself when the thread using it is interrupted; requests append from
        // their own threads, so an interrupt pending on one must not close the log for all.
        boolean interrupted = Thread.interrupted();
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            if (fsync) {
                channel.force(false);
            }
        } catch (IOException e) {
            // A full disk, a failing one, or an interrupt: part of the group may be in the file. It was
            // not acknowledged, and the next group must start where this one did, or the records after
            // it could not be read back.
            damaged = true;
            try {
                repair();
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        size += batch.size();
        for (StoredDecision decision : decisions) {
            java.time.Instant occurred = decision.authorization().timestamp();
            if (oldestWritten == null || occurred.isBefore(oldestWritten)) {
                oldestWritten = occurred;
            }
        }
        return segment;
    }

    /**
     * Cuts off what a failed write left after the last whole group (cutting frees space, so it
     * works on a full disk too). An interrupt arriving during the write closed the channel; the
     * segment is opened again. Until this succeeds nothing more is appended.
     */
    private void repair() throws IOException {
        if (!channel.isOpen()) {
            channel = files.open(path(segment), StandardOpenOption.WRITE);
        }
        channel.truncate(size);
        channel.position(size);
        damaged = false;
    }

    /**
     * Every decision in segments before {@code number} is in the database: delete those segments,
     * or, while a backup {@linkplain #hold holds} them, once it is done.
     */
    synchronized void indexedBefore(long number) {
        indexedBefore = Math.max(indexedBefore, number);
        if (holds == 0) {
            deleteIndexed();
        }
    }

    private void deleteIndexed() {
        while (!closed.isEmpty() && closed.peekFirst() < indexedBefore) {
            long done = closed.removeFirst();
            try {
                Files.deleteIfExists(path(done));
            } catch (IOException e) {
                log.warn("Could not delete indexed decision log segment {}: {}", path(done).getFileName(),
                        e.getMessage());
            }
        }
    }

    /**
     * A backup starts: no segment is deleted until {@link #release}, so every decision not yet in a
     * database snapshot taken from now on is still in a segment when the backup copies them.
     */
    synchronized void hold() {
        holds++;
    }

    /** A backup is done: what was indexed meanwhile is deleted now. */
    synchronized void release() {
        holds--;
        if (holds == 0) {
            deleteIndexed();
        }
    }

    /** A segment file and how many of its bytes are whole records. */
    record Segment(Path file, long bytes) {
    }

    /**
     * The segments as they are now, oldest first: the closed ones whole, the one being written up to
     * its last complete append. The caller makes sure no append runs meanwhile.
     */
    synchronized List<Segment> segmentsNow() throws IOException {
        List<Segment> segments = new ArrayList<>();
        for (long number : closed) {
            segments.add(new Segment(path(number), Files.size(path(number))));
        }
        if (channel != null && channel.isOpen()) {
            segments.add(new Segment(path(segment), size));
        }
        return segments;
    }

    /** Every decision is in the database: start over with an empty segment. */
    synchronized void clear() throws IOException {
        indexedBefore = Long.MAX_VALUE;
        deleteIndexed();
        indexedBefore = segment;
        channel.truncate(0);
        channel.position(0);
        size = 0;
        oldestWritten = null;
    }

    /** When the oldest decision in the segment being written occurred; null while it holds none. */
    java.time.Instant oldestWritten() {
        return oldestWritten;
    }

    /**
     * Every logged decision is in the database: starts over as {@link #clear} does, unless a backup holds the
     * segments (then false, and the next retention run tries again).
     */
    synchronized boolean clearUnlessHeld() throws IOException {
        if (holds > 0 || channel == null || !channel.isOpen()) {
            return false;
        }
        clear();
        return true;
    }

    /**
     * Moves on to a new segment. The new one is opened before the current one is given up, so a
     * disk that cannot take a new file leaves the log as it was (the group is refused).
     */
    private void roll() throws IOException {
        FileChannel current = channel;
        long number = segment;
        open(number + 1);
        synchronized (this) {
            current.close();
            closed.addLast(number);
        }
    }

    private void open(long number) throws IOException {
        FileChannel opened = files.open(path(number), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        segment = number;
        channel = opened;
        size = 0;
        oldestWritten = null;
        if (fsync) {
            // The new file's directory entry must survive too.
            OwnerOnlyFiles.forceDirectory(directory);
        }
    }

    private List<Long> segments() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> SEGMENT.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Long.parseLong(m.group(1)))
                    .sorted()
                    .toList();
        }
    }

    private Path path(long number) {
        return directory.resolve(String.format("decisions-%020d.log", number));
    }

    Path directory() {
        return directory;
    }

    /** Bytes left for new segments on the log's file system. */
    long usableSpace() throws IOException {
        return Files.getFileStore(directory).getUsableSpace();
    }

    /** Whether the log is recovered and open for appends (a closed log is recovered again to reopen). */
    synchronized boolean isOpen() {
        return channel != null && channel.isOpen();
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
        closed.clear();
    }
}
