package dev.anshin.voice.imports;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.Purpose;
import dev.anshin.voice.Source;
import dev.anshin.voice.Submission;
import dev.anshin.voice.VoiceIntake;
import dev.anshin.voice.VoiceItem;
import dev.anshin.voice.VoiceRefused;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports call-center exports: an upload is written to a file under the data directory (hashed as it streams, so
 * the same file again is recognised without reading it twice into memory), its encoding and header checked, then
 * its rows go through the {@link VoiceIntake} on one background thread, {@value #BATCH} rows at a time in one
 * transaction (the intake's own transaction joins it), never more than one batch in memory. A row the intake or the
 * parser refuses before writing anything goes to the import's error report and the batch goes on; a row that fails
 * once it has written (the transaction is then bound to roll back) costs its batch, which is redone one row per
 * transaction as before, so the good rows are kept and the bad one is reported alike. Each
 * row has a key ({@code call:} + the call id, else a hash of its content) under one submitter,
 * {@value #SUBMITTED_BY}, so a row stored before (an overlapping export, a resumed import) adds nothing.
 *
 * <p>The intake audits each voice except imported ones: this audits once per file, when it ends. An import the
 * server stopped in the middle is marked interrupted at the next start; uploading the same file again resumes it.
 */
@Service
public class VoiceImports {

    /** The submitter of every imported voice: scopes the rows' keys across imports. */
    static final String SUBMITTED_BY = "call-center-import";
    /** Imports waiting behind the running one before an upload is refused as busy. */
    static final int QUEUE = 4;
    /** Customer numbers looked up once per import (each lookup is audited by the privacy module). */
    private static final int CUSTOMER_CACHE = 10_000;
    private static final int PROGRESS_ROWS = 500;
    /** Rows stored in one transaction: one commit (and one database sync) per batch instead of per row. */
    static final int BATCH = 200;
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(VoiceImports.class);

    /** An upload's outcome: the import it started, resumed, or found already done ({@code created} false). */
    record Started(VoiceImport voiceImport, boolean created, boolean resumed) {
    }

    private final VoiceImportStore store;
    private final VoiceIntake intake;
    private final PersonalData personalData;
    private final AuditLog audit;
    private final Clock clock;
    private final Path directory;
    private final ThreadPoolExecutor worker;
    private final TransactionTemplate batches;

    VoiceImports(VoiceImportStore store, VoiceIntake intake, PersonalData personalData, AuditLog audit, Clock clock,
            PlatformTransactionManager transactionManager, @Value("${anshin.data-dir}") Path dataDir) {
        this.batches = new TransactionTemplate(transactionManager);
        this.store = store;
        this.intake = intake;
        this.personalData = personalData;
        this.audit = audit;
        this.clock = clock;
        this.directory = dataDir.resolve("voice-imports");
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "voice-import");
            t.setDaemon(true);
            return t;
        });
    }

    /** Nothing runs before start-up: an import still marked running was cut short by a stop. */
    @EventListener(ApplicationReadyEvent.class)
    void markInterrupted() throws IOException {
        int interrupted = store.interruptRunning(clock.instant());
        if (interrupted > 0) {
            log.warn("{} voice import(s) were interrupted by a stop; uploading the same file resumes each", interrupted);
        }
        if (Files.isDirectory(directory)) {
            try (var files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    Optional<VoiceImport> find(String id) {
        return store.find(id);
    }

    List<VoiceImport> latest(int limit) {
        return store.latest(limit);
    }

    List<VoiceImport.RowError> errors(String id, int limit) {
        return store.errors(id, limit);
    }

    void eachError(String id, java.util.function.Consumer<VoiceImport.RowError> each) {
        store.eachError(id, each);
    }

    /**
     * Imports a UTF-8 export as its upload would (the demo's simulated call center): the rows are read in the
     * background, each bad row goes to the import's error report. Answers the import's id (an earlier import's when
     * the same file was imported before).
     *
     * @throws IllegalArgumentException when the file is refused as a whole (its reason, never its content)
     */
    public String importExport(Actor actor, String fileName, byte[] csv) throws IOException {
        try {
            return start(actor, fileName, new java.io.ByteArrayInputStream(csv), ImportEncoding.UTF_8).voiceImport().id();
        } catch (ImportRefused refused) {
            throw new IllegalArgumentException("the export was refused: " + refused.reason());
        }
    }

    /**
     * Starts importing an upload, or finds the import of the same file (nothing added), or resumes it when it was
     * interrupted. Returns once the file is stored and checked; the rows are read in the background.
     *
     * @throws ImportRefused when the file is empty, not text in the encoding, has no usable header, or the queue is
     *     full; nothing is stored
     */
    Started start(Actor actor, String fileName, InputStream content, ImportEncoding chosen)
            throws IOException, ImportRefused {
        Files.createDirectories(directory);
        Path file = directory.resolve(UUID.randomUUID() + ".csv");
        boolean handedOver = false;
        try {
            String sha256 = copy(content, file);
            if (Files.size(file) == 0) {
                throw new ImportRefused(ImportRefused.Reason.EMPTY_FILE, null, null);
            }
            Optional<VoiceImport> before = store.bySha256(sha256);
            if (before.isPresent() && !resumable(before.get())) {
                return new Started(before.get(), false, false);
            }
            ImportEncoding encoding = resolve(chosen, file);
            checkHeader(file, encoding);
            Instant now = clock.instant();
            VoiceImport started;
            boolean resumed = false;
            if (before.isPresent()) {
                if (!store.resume(before.get().id(), encoding, actor.name(), now)) {
                    return new Started(store.find(before.get().id()).orElseThrow(), false, false);
                }
                started = store.find(before.get().id()).orElseThrow();
                resumed = true;
            } else {
                started = new VoiceImport(UUID.randomUUID().toString(), sha256, fileName(fileName), encoding,
                        VoiceImport.Status.RUNNING, 0, 0, 0, 0, now, null, actor.name());
                try {
                    store.insert(started);
                } catch (DuplicateKeyException sameFileAtOnce) {
                    return new Started(store.bySha256(sha256).orElseThrow(), false, false);
                }
            }
            VoiceImport running = started;
            try {
                worker.execute(() -> run(running, file, encoding, actor));
            } catch (RejectedExecutionException full) {
                store.finish(running.id(), VoiceImport.Status.INTERRUPTED, 0, 0, 0, 0, clock.instant());
                throw new ImportRefused(ImportRefused.Reason.BUSY, null, null);
            }
            handedOver = true;
            return new Started(running, !resumed, resumed);
        } finally {
            if (!handedOver) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static boolean resumable(VoiceImport found) {
        return found.status() == VoiceImport.Status.INTERRUPTED || found.status() == VoiceImport.Status.FAILED;
    }

    private static ImportEncoding resolve(ImportEncoding chosen, Path file) throws IOException, ImportRefused {
        try {
            return chosen.resolve(file);
        } catch (ImportEncoding.UnreadableFile e) {
            throw new ImportRefused(ImportRefused.Reason.ENCODING, e.tried(), null);
        }
    }

    private static void checkHeader(Path file, ImportEncoding encoding) throws IOException, ImportRefused {
        try (CallCenterCsv csv = CallCenterCsv.open(encoding.reader(file))) {
            // the header names the columns: the rows are read in the background
        } catch (CallCenterCsv.BadHeader e) {
            throw new ImportRefused(switch (e.reason()) {
                case EMPTY_FILE -> ImportRefused.Reason.EMPTY_FILE;
                case MISSING_COLUMN -> ImportRefused.Reason.MISSING_COLUMN;
                case DUPLICATE_COLUMN -> ImportRefused.Reason.DUPLICATE_COLUMN;
                case UNREADABLE -> ImportRefused.Reason.UNREADABLE;
            }, encoding, e.column());
        }
    }

    /** Copies the upload to the file, returning its SHA-256 in hex. */
    private static String copy(InputStream content, Path file) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(content, sha256); OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** The file's name as uploaded, without any folder, cut to the column. */
    static String fileName(String uploaded) {
        String name = uploaded == null ? "" : uploaded.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty()) {
            name = "export.csv";
        }
        return name.length() > 255 ? name.substring(0, 255) : name;
    }

    /** Reads every row into the intake; a failing row goes to the report, the rest go on. */
    void run(VoiceImport voiceImport, Path file, ImportEncoding encoding, Actor actor) {
        Counts counts = new Counts();
        List<VoiceImport.RowError> pending = new ArrayList<>();
        Map<String, Optional<String>> customers = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
                return size() > CUSTOMER_CACHE;
            }
        };
        Instant lastProgress = clock.instant();
        int lastProgressRows = 0;
        VoiceImport.Status status = VoiceImport.Status.DONE;
        List<CallCenterCsv.Row> batch = new ArrayList<>(BATCH);
        try (CallCenterCsv csv = CallCenterCsv.open(encoding.reader(file))) {
            var rows = csv.iterator();
            while (rows.hasNext() || !batch.isEmpty()) {
                if (Thread.currentThread().isInterrupted()) {
                    // the server is stopping: left RUNNING, marked interrupted at the next start
                    flush(voiceImport.id(), pending, counts);
                    return;
                }
                if (rows.hasNext()) {
                    batch.add(rows.next());
                    if (batch.size() < BATCH && rows.hasNext()) {
                        continue;
                    }
                }
                if (takeBatch(voiceImport, batch, actor, customers, counts, pending)) {
                    status = VoiceImport.Status.FAILED;
                }
                batch.clear();
                if (pending.size() >= PROGRESS_ROWS || counts.read - lastProgressRows >= PROGRESS_ROWS
                        || Duration.between(lastProgress, clock.instant()).compareTo(PROGRESS_EVERY) >= 0) {
                    flush(voiceImport.id(), pending, counts);
                    lastProgress = clock.instant();
                    lastProgressRows = counts.read;
                }
            }
        } catch (IOException | CallCenterCsv.BadHeader | RuntimeException e) {
            log.warn("voice import {} stopped after {} rows: {}", voiceImport.id(), counts.read,
                    e.getClass().getSimpleName());
            status = VoiceImport.Status.FAILED;
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("voice import {}: the uploaded copy could not be deleted", voiceImport.id());
            }
        }
        store.addErrors(voiceImport.id(), pending);
        store.finish(voiceImport.id(), status, counts.read, counts.accepted, counts.already, counts.refused,
                clock.instant());
        audit.record(new AuditEvent(AuditEvent.fit(actor.name(), AuditEvent.MAX_ACTOR), "voice.import",
                "voice-import/" + voiceImport.id(), Purpose.SERVICE_OPERATION.name(),
                status == VoiceImport.Status.DONE ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE,
                AuditEvent.fit(actor.origin(), AuditEvent.MAX_ORIGIN),
                "status=" + status + " rows=" + counts.read + " accepted=" + counts.accepted + " already="
                        + counts.already + " refused=" + counts.refused));
    }

    private void flush(String id, List<VoiceImport.RowError> pending, Counts counts) {
        store.addErrors(id, pending);
        pending.clear();
        store.progress(id, counts.read, counts.accepted, counts.already, counts.refused);
    }

    /**
     * A batch of rows to the intake in one transaction; when a row fails after writing (the transaction is bound to
     * roll back) or the commit fails, the batch is rolled back and redone one row per transaction. Adds the
     * batch's counts and report lines once its rows are kept; answers whether the file turned out unreadable.
     */
    private boolean takeBatch(VoiceImport voiceImport, List<CallCenterCsv.Row> batch, Actor actor,
            Map<String, Optional<String>> customers, Counts counts, List<VoiceImport.RowError> pending) {
        Counts tally = new Counts();
        List<VoiceImport.RowError> errors = new ArrayList<>();
        Set<String> lookedUp = new HashSet<>();
        boolean kept;
        try {
            kept = Boolean.TRUE.equals(batches.execute(tx -> {
                for (CallCenterCsv.Row row : batch) {
                    VoiceImport.RowError error = take(voiceImport, row, actor, customers, tally, lookedUp);
                    if (tx.isRollbackOnly() || error != null && "FAILED".equals(error.reason())) {
                        tx.setRollbackOnly();
                        return false;
                    }
                    if (error != null) {
                        errors.add(error);
                    }
                }
                return true;
            }));
        } catch (RuntimeException commitFailed) {
            kept = false;
        }
        if (!kept) {
            log.info("voice import {}: the batch from row {} is redone one row per transaction", voiceImport.id(),
                    batch.get(0).number());
            // the lookups rolled back with their audit entries: made (and audited) again
            lookedUp.forEach(customers::remove);
            tally.accepted = 0;
            tally.already = 0;
            errors.clear();
            for (CallCenterCsv.Row row : batch) {
                VoiceImport.RowError error = take(voiceImport, row, actor, customers, tally, new HashSet<>());
                if (error != null) {
                    errors.add(error);
                }
            }
        }
        boolean unreadable = false;
        counts.read += batch.size();
        counts.accepted += tally.accepted;
        counts.already += tally.already;
        for (VoiceImport.RowError error : errors) {
            counts.refused++;
            pending.add(error);
            unreadable |= "UNREADABLE_CSV".equals(error.reason());
        }
        return unreadable;
    }

    /** One row to the intake: null when stored (or already there), else the report's line. */
    private VoiceImport.RowError take(VoiceImport voiceImport, CallCenterCsv.Row row, Actor actor,
            Map<String, Optional<String>> customers, Counts counts, Set<String> lookedUp) {
        int number = (int) row.number();
        if (row.refusal() != null) {
            return new VoiceImport.RowError(number, row.refusal().field(), row.refusal().reason());
        }
        try {
            String customerId = null;
            if (row.customerNumber() != null) {
                customerId = customers.computeIfAbsent(row.customerNumber(),
                        n -> {
                            lookedUp.add(n);
                            return personalData.findByCustomerNumber(actor, Purpose.SERVICE_OPERATION, n);
                        }).orElse(null);
                if (customerId == null) {
                    return new VoiceImport.RowError(number, ExportColumn.CUSTOMER_NUMBER.field(), "UNKNOWN_CUSTOMER");
                }
            }
            VoiceItem item = intake.receive(actor, new Submission(Source.IMPORT, SUBMITTED_BY, key(row), row.channel(),
                    row.text(), row.receivedAt(), customerId, voiceImport.id(), number));
            if (item.created()) {
                counts.accepted++;
            } else {
                counts.already++;
            }
            return null;
        } catch (VoiceRefused refused) {
            // the intake names the API's fields; the export's are the customer number and the call id
            String field = switch (refused.field()) {
                case "customerId" -> ExportColumn.CUSTOMER_NUMBER.field();
                case "voiceId" -> ExportColumn.CALL_ID.field();
                default -> refused.field();
            };
            return new VoiceImport.RowError(number, field, refused.reason().name());
        } catch (RuntimeException failed) {
            // one row failing (a database hiccup, a bug) must not cost the rest of the file; no content logged
            log.warn("voice import {} row {} failed: {}", voiceImport.id(), number, failed.getClass().getSimpleName());
            return new VoiceImport.RowError(number, "row", "FAILED");
        }
    }

    /**
     * The row's key: {@code call:} + the call id when the export has one, else {@code row:} + the SHA-256 of what
     * the row says (time, channel, customer number, text), so the same row in two exports is one voice.
     */
    static String key(CallCenterCsv.Row row) {
        if (row.callId() != null) {
            return "call:" + row.callId();
        }
        String content = row.receivedAt() + "\u001f" + row.channel() + "\u001f"
                + (row.customerNumber() == null ? "" : row.customerNumber()) + "\u001f" + row.text();
        try {
            return "row:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Counts {
        int read;
        int accepted;
        int already;
        int refused;
    }
}
