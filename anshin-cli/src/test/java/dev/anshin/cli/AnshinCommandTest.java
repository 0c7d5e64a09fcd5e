package dev.anshin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
                List.of("restore", "keys"))) {
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
    void loadTestRefusesAddressesOffThisMachine() {
        int exit = new CommandLine(new AnshinCommand()).execute("loadtest", "--url", "http://anshin.example.invalid:8080",
                "--api-key", "x".repeat(30), "--duration", "1", "--warmup", "0");

        assertThat(exit).isEqualTo(2);
    }
}
