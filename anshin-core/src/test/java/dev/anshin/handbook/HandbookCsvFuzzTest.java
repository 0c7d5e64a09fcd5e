package dev.anshin.handbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The CLI reads Handbook CSV files from anywhere (`./anshin fraud backtest --transactions`): whatever a
 * file holds, the reader either gives rows within range or refuses the file with its line and column,
 * never another exception (a wrapped-around amount once became a negative authorization that crashed
 * the backtest).
 */
class HandbookCsvFuzzTest {

    private static final String HEADER = String.join(",", HandbookCsv.HEADER);
    private static final String ROW = "7,2018-04-01 00:01:02,12,T77,57.16,62,0,0,0";

    /** What a careless or hostile file puts in a field. */
    private static final List<String> HOSTILE = List.of("", " ", "-", "-1", "0.0", "1.0", "12.0", "1e3", "1e400",
            "-1e3", "NaN", "Infinity", "99999999999999999999", "9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "9999999999.99", "10000000000.00", "0.005", "1.2.3", "\"quoted, with comma\"",
            "\"unterminated", "\"\"", "2018-02-30 00:00:00", "2018-04-01T25:00:00", "2018-04-01 00:00", "true", "True",
            "\u0000", "\u202e", "４２", "12\u00a0", ",,,,", "\r");

    @TempDir
    Path dir;

    @Test
    void anyFieldReplacedByAnythingGivesRowsInRangeOrAnErrorAtItsLine() {
        qt().withExamples(200).forAll(integers().between(0, 8), field(), integers().between(1, 4))
                .checkAssert((column, value, rows) -> {
                    List<String> lines = new ArrayList<>();
                    lines.add(HEADER);
                    for (int r = 0; r < rows; r++) {
                        lines.add(ROW);
                    }
                    String[] fields = ROW.split(",", -1);
                    fields[column] = value;
                    lines.add(String.join(",", fields));
                    readsOrRefusesCleanly(String.join("\n", lines));
                });
    }

    @Test
    void anyTextAtAllGivesRowsInRangeOrAnErrorAtItsLine() {
        qt().withExamples(150).forAll(strings().allPossible().ofLengthBetween(0, 200), integers().between(0, 200))
                .checkAssert((noise, at) -> {
                    String valid = HEADER + "\n" + ROW + "\n" + ROW + "\n";
                    int cut = Math.min(at, valid.length());
                    readsOrRefusesCleanly(valid.substring(0, cut) + noise + valid.substring(cut));
                    readsOrRefusesCleanly(noise);
                });
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedAtTheirLine() throws IOException {
        qt().withExamples(60).forAll(lists().of(integers().between(0, 255)).ofSizeBetween(1, 40))
                .checkAssert(noise -> {
                    byte[] bytes = new byte[noise.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = (byte) (int) noise.get(i);
                    }
                    try {
                        Path file = Files.createTempFile(dir, "bytes", ".csv");
                        Files.write(file, (HEADER + "\n" + ROW + "\n").getBytes(StandardCharsets.UTF_8));
                        Files.write(file, bytes, java.nio.file.StandardOpenOption.APPEND);
                        Throwable thrown = catchThrowable(() -> HandbookCsv.read(file));
                        assertThat(thrown == null || thrown instanceof HandbookCsvException).as(String.valueOf(thrown))
                                .isTrue();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    @Test
    void anAmountBeyondWhatANetworkCarriesIsRefusedNotWrappedAround() throws IOException {
        for (String amount : List.of("99999999999999999999", "92233720368547758.08", "1e300", "10000000000.00")) {
            Path file = write(HEADER + "\n" + ROW.replace("57.16", amount));
            assertThatThrownBy(() -> HandbookCsv.read(file)).isInstanceOf(HandbookCsvException.class)
                    .satisfies(e -> assertThat(((HandbookCsvException) e).column()).isEqualTo("TX_AMOUNT"));
        }
        assertThat(HandbookCsv.read(write(HEADER + "\n" + ROW.replace("57.16", "9999999999.99"))).get(0).amountCents())
                .isEqualTo(HandbookCsv.MAX_AMOUNT_CENTS);
    }

    @Test
    void anIdBeyondSixtyFourBitsIsRefused() throws IOException {
        Path file = write(HEADER + "\n" + ROW.replaceFirst("^7,", "99999999999999999999,"));
        assertThatThrownBy(() -> HandbookCsv.read(file)).isInstanceOf(HandbookCsvException.class)
                .satisfies(e -> assertThat(((HandbookCsvException) e).column()).isEqualTo("TRANSACTION_ID"));
    }

    private void readsOrRefusesCleanly(String content) {
        Path file;
        try {
            file = write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Throwable thrown = catchThrowable(() -> HandbookCsv.read(file).forEach(row -> {
            assertThat(row.amountCents()).isBetween(0L, HandbookCsv.MAX_AMOUNT_CENTS);
            assertThat(row.customerId()).isNotEmpty();
            assertThat(row.terminalId()).isNotEmpty();
            assertThat(row.dateTime()).isNotNull();
        }));
        if (thrown != null && !(thrown instanceof HandbookCsvException) && !(thrown instanceof AssertionError)) {
            throw new AssertionError("unexpected " + thrown + " for " + content, thrown);
        }
        if (thrown instanceof AssertionError assertion) {
            throw assertion;
        }
    }

    private Path write(String content) throws IOException {
        Path file = Files.createTempFile(dir, "handbook", ".csv");
        Files.write(file, content.getBytes(StandardCharsets.UTF_8)); // an unpaired surrogate becomes '?'
        return file;
    }

    private static Gen<String> field() {
        return Generate.oneOf(Generate.pick(HOSTILE), strings().allPossible().ofLengthBetween(0, 30),
                strings().numericBetween(-1_000_000, Integer.MAX_VALUE),
                lists().of(Generate.pick(HOSTILE)).ofSizeBetween(1, 3).map(parts -> String.join("", parts)));
    }
}
