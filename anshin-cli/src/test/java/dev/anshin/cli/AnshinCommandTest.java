package dev.anshin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AnshinCommandTest {

    @TempDir
    Path dir;

    @Test
    void everySubcommandExplainsItselfWithHelp() {
        for (List<String> command : List.of(List.of("demo"), List.of("serve"), List.of("simulate"),
                List.of("fraud", "train"), List.of("fraud", "backtest"), List.of("loadtest"),
                List.of("audit", "verify"), List.of("backup"), List.of("backup", "keys"), List.of("restore"),
                List.of("restore", "keys"), List.of("screening"), List.of("screening", "capacity"))) {
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new AnshinCommand());
            cli.setOut(new PrintWriter(out));
            String[] args = java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("--help"))
                    .toArray(String[]::new);

            assertThat(cli.execute(args)).as("%s --help", command).isZero();
            assertThat(out.toString()).as("%s --help", command).startsWith("Usage: anshin " + String.join(" ", command));
        }
    }

    @Test
    void everyHelpTextBreaksBetweenSentencesOnly() {
        // picocli prints each element of a description on a line of its own and wraps it at word boundaries: an
        // element that stops mid-sentence breaks the sentence on every terminal width (list items aside).
        List<String> midSentence = new ArrayList<>();
        collect(new CommandLine(new AnshinCommand()), midSentence);
        assertThat(midSentence).isEmpty();
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new AnshinCommand());
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("demo", "--help")).isZero();
        assertThat(out.toString().lines().map(String::strip).toList()).noneMatch(line -> line.endsWith("trained and"));
    }

    private static void collect(CommandLine command, List<String> midSentence) {
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        List<String[]> descriptions = new ArrayList<>();
        descriptions.add(spec.usageMessage().description());
        spec.options().forEach(option -> descriptions.add(option.description()));
        for (String[] lines : descriptions) {
            // Each line but the last: the next line starts on a line of its own.
            for (int i = 0; i < lines.length - 1; i++) {
                String line = lines[i];
                if (!line.isBlank() && !line.startsWith(" ") && !line.strip().matches(".*[.:)]$")) {
                    midSentence.add(spec.qualifiedName() + ": " + line);
                }
            }
        }
        command.getSubcommands().values().forEach(sub -> collect(sub, midSentence));
    }

    @Test
    void simulateWritesTheHandbookLayout() throws Exception {
        Path out = dir.resolve("tx.csv");

        int exit = new CommandLine(new AnshinCommand()).execute("simulate", "--customers", "50", "--terminals", "100",
                "--days", "5", "--out", out.toString());

        assertThat(exit).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("TRANSACTION_ID,TX_DATETIME,CUSTOMER_ID,TERMINAL_ID,TX_AMOUNT,"
                + "TX_TIME_SECONDS,TX_TIME_DAYS,TX_FRAUD,TX_FRAUD_SCENARIO");
        assertThat(lines).hasSizeGreaterThan(50);
    }

    @Test
    void trainWritesTheModelAndItsImportBodyOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path transactions = dir.resolve("tx.csv");
        assertThat(new CommandLine(new AnshinCommand()).execute("simulate", "--customers", "100", "--terminals", "100",
                "--days", "8", "--seed", "7", "--out", transactions.toString())).isZero();
        Path model = dir.resolve("model.json");

        int exit = new CommandLine(new AnshinCommand()).execute("fraud", "train", "--transactions",
                transactions.toString(), "--from", "2018-04-06", "--days", "3", "--delay-days", "1",
                "--out", model.toString());

        assertThat(exit).isZero();
        for (Path written : List.of(model, dir.resolve("model.import.json"))) {
            assertThat(Files.size(written)).as("%s", written).isPositive();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).as("%s", written)
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void serverSettingsThatTheCommandsOwnOptionsSetAreRefusedWithAPointerToTheOption() {
        // Spring would join both values with a comma: a port of "9443,8080", a data folder of "x,/abs/data".
        assertThat(refusal("serve", "--server.port=9443")).contains("--server.port").contains("use --port");
        assertThat(refusal("serve", "--anshin.data-dir=/var/lib/anshin")).contains("use --data-dir");
        assertThat(refusal("serve", "--anshin.dataDir=/var/lib/anshin")).contains("use --data-dir");
        assertThat(refusal("serve", "--no-tls", "--server.ssl.enabled=true")).contains("use --no-tls");
        assertThat(refusal("serve", "--database-url", "jdbc:postgresql://127.0.0.1:5432/anshin",
                "--spring.datasource.url=jdbc:postgresql://db:5432/anshin")).contains("use --database-url");
        assertThat(refusal("demo", "--anshin.demo.rate=5")).contains("use --rate");
        assertThat(refusal("demo", "--port=8081", "--server.port=8082")).contains("use --port");
    }

    /** Runs a command that must refuse its arguments as a usage error (exit 2); what it printed. */
    private static String refusal(String... args) {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        try {
            System.setErr(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(new CommandLine(new AnshinCommand()).execute(args)).as(String.join(" ", args)).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        return printed.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void loadTestRefusesAddressesOffThisMachine() {
        int exit = new CommandLine(new AnshinCommand()).execute("loadtest", "--url", "http://anshin.example.invalid:8080",
                "--api-key", "x".repeat(30), "--duration", "1", "--warmup", "0");

        assertThat(exit).isEqualTo(2);
    }
}
