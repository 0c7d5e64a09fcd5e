package dev.anshin.privacy;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.Prf;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import dev.anshin.keys.KeysetFiles;
import dev.anshin.keys.OwnerOnlyFiles;
import dev.anshin.problems.Ids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every erasure, kept apart from the database (ADR 0009): a database backup taken before an erasure
 * still holds the customer's wrapped key, so restoring it would bring the person back. The journal
 * is an append-only text file next to the keys, one line per erasure — the customer id, when, the
 * reason code, and an HMAC-SHA256 seal with a key of its own, so nobody without the key can add a
 * line (a forged line would destroy a customer's data at the next start). No personal data is in it.
 *
 * <p>A line is written and forced to the disk inside the erasure's transaction, before it commits:
 * an erasure that committed is always in the journal. At every start (and at a restore, see
 * {@link #shredKeys}) every journalled customer the database still holds a key or values for is
 * erased again.
 *
 * <p>Several server instances (or contexts in one JVM) may share one journal: appends take a lock
 * (within the JVM, and on the file for other processes) and always start on a fresh line.
 */
public final class ErasureJournal {

    private static final Logger log = LoggerFactory.getLogger(ErasureJournal.class);
    private static final String FORMAT = "v1";
    private static final int SEAL_BYTES = 32;
    private static final int SEAL_CHARACTERS = 43; // 32 bytes in unpadded base64url
    /** Locks per journal file within this JVM: two channels of one JVM may not both lock a file. */
    private static final ConcurrentHashMap<Path, ReentrantLock> FILE_LOCKS = new ConcurrentHashMap<>();

    /**
     * One journalled erasure; {@code seal} is its HMAC, which also names it (in a backup's manifest),
     * null for an erasure about to be appended.
     */
    public record Entry(String customerId, Instant erasedAt, ErasureReason reason, String seal) {
    }

    private final Path file;
    /** Every key of the journal's keyset by id (each verifies), and the one that seals new entries. */
    private final Map<Integer, Prf> keys;
    private final int primaryKeyId;

    ErasureJournal(Path file, KeysetHandle keyset) {
        this.file = file.toAbsolutePath().normalize();
        try {
            PrfConfig.register();
            PrfSet prfs = keyset.getPrimitive(RegistryConfiguration.get(), PrfSet.class);
            this.keys = Map.copyOf(prfs.getPrfs());
            this.primaryKeyId = prfs.getPrimaryId();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the erasure journal's key is not an HMAC PRF keyset", e);
        }
    }

    /**
     * The server's journal: its key from {@code inlineKeyset} or {@code keysetFile}, created there on
     * first run, unless the journal already holds entries (then a missing key is a lost key).
     */
    static ErasureJournal openOrCreate(Path file, String inlineKeyset, Path keysetFile) {
        KeysetFiles.refuseFreshKeyOverData(inlineKeyset, keysetFile, () -> lineCount(file), "erasure journal entries");
        try {
            PrfConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        ErasureJournal journal = new ErasureJournal(file, KeysetFiles.load(inlineKeyset, keysetFile,
                PredefinedPrfParameters.HMAC_SHA256_PRF, "erasure journal key"));
        // There from the first start, empty until the first erasure: a keys backup carries it, and a
        // restore that finds none knows it is missing rather than never written.
        try {
            OwnerOnlyFiles.createFile(journal.file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the erasure journal " + journal.file, e);
        }
        return journal;
    }

    /**
     * The journal for a tool that must not invent a key (backup, restore): empty when neither the
     * journal nor its key exists (no erasure yet); refused when entries exist without their key.
     */
    public static Optional<ErasureJournal> openExisting(Path file, String inlineKeyset, Path keysetFile) {
        Optional<KeysetHandle> keyset = KeysetFiles.loadExisting(inlineKeyset, keysetFile);
        if (keyset.isEmpty()) {
            if (lineCount(file) > 0) {
                throw new IllegalStateException("the erasure journal " + file + " has entries but its key "
                        + keysetFile + " is missing: restore the key from the keys backup");
            }
            return Optional.empty();
        }
        return Optional.of(new ErasureJournal(file, keyset.get()));
    }

    public Path file() {
        return file;
    }

    /**
     * Every entry, oldest first. A line cut off by a crash during its append is skipped (that erasure
     * never committed); a whole line whose seal does not verify stops here: it was written by someone
     * without the key, or the key is not the journal's, and either way erasures cannot be trusted.
     */
    public List<Entry> entries() {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = withLock(channel -> {
            ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(channel.size()));
            while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) > 0) {
                // until the end of the file
            }
            return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
        }, false);
        List<Entry> entries = new ArrayList<>();
        int start = 0;
        int lineNumber = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            lineNumber++;
            if (end < 0) {
                log.warn("The erasure journal {} ends in a line cut off by a crash (line {}); it is ignored: "
                        + "that erasure never committed", file, lineNumber);
                break;
            }
            String line = text.substring(start, end);
            start = end + 1;
            Optional<Entry> entry = parse(line);
            if (entry.isEmpty()) {
                log.warn("Line {} of the erasure journal {} is not a whole entry (cut off by a crash while another "
                        + "writer went on); it is ignored", lineNumber, file);
                continue;
            }
            if (!verifies(line, entry.get())) {
                throw new IllegalStateException("Line " + lineNumber + " of the erasure journal " + file + " does not "
                        + "verify with the journal's key: the line was not written by Anshin, or the key is not the one "
                        + "the journal was written with. Restore the journal and its key (erasure-journal-keyset.json) "
                        + "from the keys backup; see docs/operations.md.");
            }
            entries.add(entry.get());
        }
        return entries;
    }

    /** The newest entry, if any. */
    public Optional<Entry> last() {
        List<Entry> entries = entries();
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
    }

    /** Appends one erasure and forces it to the disk; called in the erasure's transaction, before it commits. */
    void append(String customerId, Instant erasedAt, ErasureReason reason) {
        appendAll(List.of(new Entry(customerId, erasedAt, reason, null)));
    }

    /** Appends erasures with one write and one flush to the disk. */
    void appendAll(Collection<Entry> erasures) {
        if (erasures.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (Entry erasure : erasures) {
            if (!Ids.isUuid(erasure.customerId())) {
                throw new IllegalArgumentException("customer ids are UUIDs");
            }
            lines.append(line(erasure.customerId(), erasure.erasedAt(), erasure.reason())).append('\n');
        }
        byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
        boolean created = !Files.exists(file);
        withLock(channel -> {
            long size = channel.size();
            if (size > 0) {
                ByteBuffer last = ByteBuffer.allocate(1);
                channel.read(last, size - 1);
                if (last.get(0) != '\n') {
                    // A line cut off by a crash: end it, so this entry starts on a line of its own.
                    channel.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
                    size++;
                }
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                size += channel.write(buffer, size);
            }
            channel.force(true);
            return null;
        }, true);
        if (created) {
            forceDirectory();
        }
    }

    /**
     * The restore's part of the replay: deletes the wrapped key of every journalled customer the
     * database still holds one for (the backup was taken before their erasure), so their values are
     * unreadable from the moment of the restore. The first start of the server then completes each
     * erasure through the ordinary path (values, card numbers, portal account, tombstone, audit
     * entry) before it takes any request.
     *
     * @return the ids whose keys were shredded
     */
    public List<String> shredKeys(Connection connection) throws SQLException {
        List<String> ids = entries().stream().map(Entry::customerId).distinct().toList();
        List<String> shredded = new ArrayList<>();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (int from = 0; from < ids.size(); from += 500) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
                List<String> held = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT customer_id FROM customer_keys WHERE customer_id IN (" + marks + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            held.add(rows.getString(1));
                        }
                    }
                }
                for (String id : held) {
                    try (PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM customer_keys WHERE customer_id = ?")) {
                        delete.setString(1, id);
                        delete.executeUpdate();
                    }
                }
                shredded.addAll(held);
            }
            connection.commit();
            return shredded;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private String line(String customerId, Instant erasedAt, ErasureReason reason) {
        return String.join("\t", FORMAT, Integer.toUnsignedString(primaryKeyId), customerId, erasedAt.toString(),
                reason.name(), seal(keys.get(primaryKeyId), customerId, erasedAt, reason));
    }

    private static Optional<Entry> parse(String line) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 6 || !FORMAT.equals(fields[0]) || !Ids.isUuid(fields[2])
                || fields[5].length() != SEAL_CHARACTERS) {
            return Optional.empty();
        }
        try {
            Integer.parseUnsignedInt(fields[1]);
            return Optional.of(new Entry(fields[2], Instant.parse(fields[3]), ErasureReason.valueOf(fields[4]),
                    fields[5]));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private boolean verifies(String line, Entry entry) {
        Prf prf = keys.get(Integer.parseUnsignedInt(line.split("\t", 3)[1]));
        if (prf == null) {
            return false;
        }
        String expected = seal(prf, entry.customerId(), entry.erasedAt(), entry.reason());
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                entry.seal().getBytes(StandardCharsets.US_ASCII));
    }

    private static String seal(Prf prf, String customerId, Instant erasedAt, ErasureReason reason) {
        // Fields of fixed alphabets (a UUID, an ISO instant, an enum name): newlines cannot be in them.
        String sealed = "anshin-erasure-journal-" + FORMAT + "\n" + customerId + "\n" + erasedAt + "\n" + reason.name();
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(prf.compute(sealed.getBytes(StandardCharsets.UTF_8), SEAL_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal an erasure journal entry", e);
        }
    }

    @FunctionalInterface
    private interface LockedWork<T> {
        T run(FileChannel channel) throws IOException;
    }

    /**
     * Runs {@code work} on the journal file under this JVM's lock for it and a lock on the file
     * (shared for reading, so a read-only copy can be read too).
     */
    private <T> T withLock(LockedWork<T> work, boolean write) {
        ReentrantLock jvmLock = FILE_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
        jvmLock.lock();
        try {
            if (write && !Files.exists(file)) {
                create();
            }
            try (FileChannel channel = write
                    ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : FileChannel.open(file, StandardOpenOption.READ);
                    FileLock fileLock = channel.lock(0, Long.MAX_VALUE, !write)) {
                return work.run(channel);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot " + (write ? "append to" : "read") + " the erasure journal " + file, e);
        } finally {
            jvmLock.unlock();
        }
    }

    private void create() throws IOException {
        OwnerOnlyFiles.createFile(file);
    }

    private void forceDirectory() {
        OwnerOnlyFiles.forceDirectory(file.getParent());
    }

    private static long lineCount(Path file) {
        if (!Files.exists(file)) {
            return 0;
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the erasure journal " + file, e);
        }
    }
}
