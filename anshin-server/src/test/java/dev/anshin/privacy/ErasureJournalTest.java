package dev.anshin.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.anshin.keys.OwnerOnlyFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The erasure journal's file: sealed lines, read back in order, a crash's cut-off line ignored, forgery refused. */
class ErasureJournalTest {

    @TempDir
    Path keys;

    private static final Instant AT = Instant.parse("2026-11-27T03:04:05.123456Z");

    private ErasureJournal journal() {
        return ErasureJournal.openOrCreate(keys.resolve("erasure-journal.log"), null,
                keys.resolve("erasure-journal-keyset.json"));
    }

    private Path file() {
        return keys.resolve("erasure-journal.log");
    }

    @Test
    void readsBackWhatWasAppendedInOrderWithoutPersonalData() throws Exception {
        ErasureJournal journal = journal();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();

        journal.append(first, AT, ErasureReason.PERSON_REQUESTED);
        journal.append(second, AT.plusSeconds(1), ErasureReason.RETENTION_ENDED);

        assertThat(journal().entries()).extracting(ErasureJournal.Entry::customerId, ErasureJournal.Entry::erasedAt,
                        ErasureJournal.Entry::reason)
                .containsExactly(tuple(first, AT, ErasureReason.PERSON_REQUESTED),
                        tuple(second, AT.plusSeconds(1), ErasureReason.RETENTION_ENDED));
        assertThat(Files.readAllLines(file())).hasSize(2)
                .allSatisfy(line -> assertThat(line.split("\t")).hasSize(6));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
    }

    @Test
    void aLineWrittenWithoutTheKeyStopsTheReading() throws Exception {
        ErasureJournal journal = journal();
        journal.append(UUID.randomUUID().toString(), AT, ErasureReason.PERSON_REQUESTED);
        String genuine = Files.readAllLines(file()).get(0);
        // Someone who can write the file but lacks the key names another customer with a copied seal.
        String[] fields = genuine.split("\t");
        fields[2] = UUID.randomUUID().toString();
        Files.writeString(file(), String.join("\t", fields) + "\n", StandardOpenOption.APPEND);

        assertThatThrownBy(journal::entries).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Line 2").hasMessageContaining("does not verify");
    }

    @Test
    void theServersJournalIsThereOwnerOnlyFromTheFirstStartEvenWithoutAnErasure() throws Exception {
        journal();

        assertThat(file()).exists().isEmptyFile();
        assertThat(Files.getPosixFilePermissions(file())).isEqualTo(OwnerOnlyFiles.FILE);
    }

    @Test
    void aJournalReadWithAnotherKeyIsRefused(@TempDir Path otherKeys) throws Exception {
        ErasureJournal withAnotherKey = ErasureJournal.openOrCreate(otherKeys.resolve("erasure-journal.log"), null,
                otherKeys.resolve("other-keyset.json"));
        journal().append(UUID.randomUUID().toString(), AT, ErasureReason.PERSON_REQUESTED);
        Files.copy(file(), otherKeys.resolve("erasure-journal.log"), StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(withAnotherKey::entries).hasMessageContaining("does not verify");
    }

    @Test
    void aMissingKeyBesideEntriesIsALostKeyNotAFirstStart() throws Exception {
        journal().append(UUID.randomUUID().toString(), AT, ErasureReason.PERSON_REQUESTED);
        Files.delete(keys.resolve("erasure-journal-keyset.json"));

        assertThatThrownBy(this::journal).hasMessageContaining("is missing");
        assertThatThrownBy(() -> ErasureJournal.openExisting(file(), null, keys.resolve("erasure-journal-keyset.json")))
                .hasMessageContaining("is missing");
    }

    @Test
    void aLineCutOffByACrashIsIgnoredAndTheNextEntryStartsOnALineOfItsOwn() throws Exception {
        ErasureJournal journal = journal();
        String before = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        journal.append(before, AT, ErasureReason.PERSON_REQUESTED);
        // A crash in the middle of an append: half a line, no newline.
        Files.write(file(), ("v1\t123\t" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        assertThat(journal.entries()).extracting(ErasureJournal.Entry::customerId).containsExactly(before);

        journal.append(after, AT.plusSeconds(5), ErasureReason.NO_LONGER_NEEDED);

        assertThat(journal().entries()).extracting(ErasureJournal.Entry::customerId).containsExactly(before, after);
    }

    @Test
    void manyAppendsGoOutInOneWrite() {
        ErasureJournal journal = journal();
        List<ErasureJournal.Entry> erasures = IntStream.range(0, 100)
                .mapToObj(i -> new ErasureJournal.Entry(UUID.randomUUID().toString(), AT.plusSeconds(i),
                        ErasureReason.RETENTION_ENDED, null))
                .toList();

        journal.appendAll(erasures);

        assertThat(journal.entries()).extracting(ErasureJournal.Entry::customerId)
                .containsExactlyElementsOf(erasures.stream().map(ErasureJournal.Entry::customerId).toList());
        assertThat(journal.last()).get().extracting(ErasureJournal.Entry::customerId)
                .isEqualTo(erasures.get(99).customerId());
    }
}
