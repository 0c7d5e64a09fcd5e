package dev.anshin.handbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

class HandbookCsvTest {

    @TempDir
    Path dir;

    @Test
    void writeThenReadGivesTheSameRows() {
        Path file = dir.resolve("roundtrip.csv");
        qt().withExamples(50).forAll(lists().of(transactions()).ofSizeBetween(0, 30)).checkAssert(rows -> {
            HandbookCsv.write(file, rows);
            assertThat(HandbookCsv.read(file)).isEqualTo(rows);
        });
    }

    private static Gen<HandbookTransaction> transactions() {
        Gen<Long> ids = longs().between(0, 10_000_000);
        Gen<Long> offsets = longs().between(0, 200L * 86_400);
        Gen<String> customers = text("0123456789", 1, 6);
        Gen<String> terminals = text("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 1, 8);
        Gen<Long> cents = longs().between(0, 10_000_000);
        Gen<Integer> scenarios = integers().between(0, 3);
        // A transaction's day and fraud flag follow from its offset and scenario, as in the simulator's output.
        return in -> {
            long seconds = offsets.generate(in);
            int scenario = scenarios.generate(in);
            return new HandbookTransaction(ids.generate(in), LocalDateTime.of(2018, 4, 1, 0, 0).plusSeconds(seconds),
                    customers.generate(in), terminals.generate(in), cents.generate(in), seconds,
                    (int) (seconds / 86_400), scenario > 0, scenario);
        };
    }

    private static Gen<String> text(String alphabet, int minLength, int maxLength) {
        Gen<Character> letters = integers().between(0, alphabet.length() - 1).map(alphabet::charAt);
        return lists().of(letters).ofSizeBetween(minLength, maxLength)
                .map(chars -> chars.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    @Test
    void readsMinimalColumnsInAnyOrderWithPandasIndexAndQuotes() throws IOException {
        Path file = dir.resolve("minimal.csv");
        Files.writeString(file, """
                ,TX_FRAUD,TERMINAL_ID,"TX_AMOUNT",CUSTOMER_ID,TX_DATETIME,TRANSACTION_ID
                0,0,"3156",57.16,596,2018-04-01 00:00:31,0
                1,1,"3412",81.5,4961,"2018-04-02 00:02:10",1
                """);

        List<HandbookTransaction> rows = HandbookCsv.read(file);

        assertThat(rows).containsExactly(
                new HandbookTransaction(0, LocalDateTime.of(2018, 4, 1, 0, 0, 31), "596", "3156", 5_716, 31, 0, false,
                        0),
                new HandbookTransaction(1, LocalDateTime.of(2018, 4, 2, 0, 2, 10), "4961", "3412", 8_150, 86_530, 1,
                        true, 0));
    }

    @Test
    void reportsLineAndColumnOfMalformedAmount() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, String.join(",", HandbookCsv.HEADER) + "\n"
                + "0,2018-04-01 00:00:31,596,3156,57.16,31,0,0,0\n"
                + "1,2018-04-01 00:02:10,4961,3412,8x.5,130,0,0,0\n");

        assertThatThrownBy(() -> HandbookCsv.read(file))
                .isInstanceOf(HandbookCsvException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("TX_AMOUNT")
                .hasMessageContaining("8x.5");
    }

    @Test
    void reportsMissingRequiredColumn() throws IOException {
        Path file = dir.resolve("nofraud.csv");
        Files.writeString(file, "TRANSACTION_ID,TX_DATETIME,CUSTOMER_ID,TERMINAL_ID,TX_AMOUNT\n");

        assertThatThrownBy(() -> HandbookCsv.read(file))
                .isInstanceOf(HandbookCsvException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("TX_FRAUD");
    }

    @Test
    void reportsShortRowAndBadDate() throws IOException {
        Path shortRow = dir.resolve("short.csv");
        Files.writeString(shortRow, String.join(",", HandbookCsv.HEADER) + "\n0,2018-04-01 00:00:31,596\n");
        Path badDate = dir.resolve("date.csv");
        Files.writeString(badDate, String.join(",", HandbookCsv.HEADER) + "\n0,2018-13-01 00:00:31,596,1,1.00,0,0,0,0\n");

        assertThatThrownBy(() -> HandbookCsv.read(shortRow)).hasMessageContaining("line 2").hasMessageContaining("fields");
        assertThatThrownBy(() -> HandbookCsv.read(badDate)).hasMessageContaining("line 2")
                .hasMessageContaining("TX_DATETIME");
    }

    @Test
    void aSimulationWithDevicesRoundTripsItsDeviceColumnAndTheBooksDoesNotGetOne() throws IOException {
        SimulatorParameters small = new SimulatorParameters(200, 400, 20, java.time.LocalDate.of(2018, 4, 1), 5.0, 2L);
        Simulation withDevices = new HandbookSimulator(small.withDevices(new DeviceLayer(0.5, 0.5))).run(line -> { });
        Simulation book = new HandbookSimulator(small).run(line -> { });
        Path devices = dir.resolve("devices.csv");
        Path plain = dir.resolve("plain.csv");

        HandbookCsv.write(devices, withDevices);
        HandbookCsv.write(plain, book);

        assertThat(Files.readAllLines(devices).get(0)).endsWith(",TX_FRAUD_SCENARIO,DEVICE_ID");
        assertThat(Files.readAllLines(plain).get(0)).isEqualTo(String.join(",", HandbookCsv.HEADER));
        assertThat(HandbookCsv.read(devices)).isEqualTo(withDevices.transactions());
        assertThat(HandbookCsv.read(plain)).isEqualTo(book.transactions());
    }
}
