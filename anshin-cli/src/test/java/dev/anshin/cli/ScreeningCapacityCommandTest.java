package dev.anshin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code anshin screening capacity}: the issue's example, and refusals on stderr with exit 2, no stack trace. */
class ScreeningCapacityCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private int run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "screening";
        all[1] = "capacity";
        System.arraycopy(args, 0, all, 2, args.length);
        return new CommandLine(new AnshinCommand()).execute(all);
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String complaint() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theIssuesExamplePrintsItsFiguresAsJson() {
        int exit = run("--annual-income", "5000000", "--household-size", "3", "--housing", "RENT",
                "--annual-credit-repayments", "600000");

        assertThat(exit).isZero();
        assertThat(printed()).isEqualTo("""
                {
                  "annualIncome": 5000000,
                  "householdSize": 3,
                  "housing": "RENT",
                  "annualCreditRepayments": 600000,
                  "livingCosts": 2090000,
                  "paymentCapacity": 2310000,
                  "maxRevolvingLimit": 2079000,
                  "cashAdvanceCeiling": 1666666,
                  "otherLendersCashAdvance": 0,
                  "cashAdvanceRoom": 1666666
                }
                """);
    }

    @Test
    void capacityNeverGoesBelowZero() {
        assertThat(run("--annual-income", "1000000", "--household-size", "4", "--housing", "MORTGAGE")).isZero();

        assertThat(printed()).contains("\"paymentCapacity\": 0,").contains("\"maxRevolvingLimit\": 0,");
    }

    @Test
    void otherLendersBalancesLeaveLessCashAdvance() {
        assertThat(run("--annual-income", "3000000", "--household-size", "1", "--housing", "NONE",
                "--other-lenders-cash-advance", "1200000")).isZero();

        assertThat(printed()).contains("\"cashAdvanceCeiling\": 1000000,").contains("\"cashAdvanceRoom\": 0");
    }

    @Test
    void aNegativeIncomeIsRefusedNamingTheOption() {
        int exit = run("--annual-income", "-1", "--household-size", "3", "--housing", "RENT");

        assertThat(exit).isEqualTo(2);
        assertThat(complaint()).contains("--annual-income: must not be negative").doesNotContain("Exception");
        assertThat(printed()).isEmpty();
    }

    @Test
    void aHouseholdOfNobodyIsRefusedNamingTheOption() {
        int exit = run("--annual-income", "5000000", "--household-size", "0", "--housing", "RENT");

        assertThat(exit).isEqualTo(2);
        assertThat(complaint()).contains("--household-size: a household has at least 1 person");
    }

    @Test
    void aHouseholdAboveWhatTheFormAndTheApiTakeIsRefusedNamingTheOption() {
        assertThat(run("--annual-income", "5000000", "--household-size", "20", "--housing", "RENT")).isZero();
        out.reset();

        int exit = run("--annual-income", "5000000", "--household-size", "21", "--housing", "RENT");

        assertThat(exit).isEqualTo(2);
        assertThat(complaint()).contains("--household-size: more than 20 people is not a household");
        assertThat(printed()).isEmpty();
    }

    @Test
    void theHelpBreaksItsDescriptionBetweenWordsOnly() {
        assertThat(run("--help")).isZero();

        String help = printed();
        assertThat(help).contains("statutory living costs").contains("1 to 20");
        assertThat(help.lines().filter(line -> !line.isBlank()).toList())
                .noneMatch(line -> line.endsWith("living") || line.endsWith("(90 %"));
    }

    @Test
    void anUnknownHousingIsRefusedWithTheValuesAllowed() {
        int exit = run("--annual-income", "5000000", "--household-size", "3", "--housing", "TENT");

        assertThat(exit).isEqualTo(2);
        assertThat(complaint()).contains("--housing").contains("RENT, MORTGAGE, NONE").doesNotContain("\tat ");
    }

    @Test
    void aNumberThatIsNoNumberIsRefused() {
        int exit = run("--annual-income", "5e6", "--household-size", "3", "--housing", "RENT");

        assertThat(exit).isEqualTo(2);
        assertThat(complaint()).contains("--annual-income").doesNotContain("\tat ");
    }

    @Test
    void aMissingIncomeIsRefused() {
        assertThat(run("--household-size", "3", "--housing", "RENT")).isEqualTo(2);
        assertThat(complaint()).contains("--annual-income");
    }

    @Test
    void helpPrintsTheNinetyPercentWithoutAFormattingWarning() {
        assertThat(run("--help")).isZero();

        assertThat(printed()).contains("(90 % of it,").doesNotContain("%n").doesNotContain("%%");
        assertThat(complaint()).doesNotContain("picocli WARN");
    }

    @Test
    void aUsageErrorPrintsTheUsageWithoutAFormattingWarning() {
        assertThat(run("--household-size", "3")).isEqualTo(2);

        assertThat(complaint()).contains("(90 % of it,").doesNotContain("%n").doesNotContain("picocli WARN");
    }

    @Test
    void everyCommandsHelpFormatsCleanly() {
        java.util.List<CommandLine> all = new java.util.ArrayList<>();
        java.util.ArrayDeque<CommandLine> todo = new java.util.ArrayDeque<>(
                java.util.List.of(new CommandLine(new AnshinCommand())));
        while (!todo.isEmpty()) {
            CommandLine command = todo.pop();
            all.add(command);
            todo.addAll(command.getSubcommands().values());
        }
        assertThat(all).hasSizeGreaterThan(10);
        for (CommandLine command : all) {
            String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertThat(usage).as(command.getCommandName()).doesNotContain("%n");
        }
        assertThat(complaint()).doesNotContain("picocli WARN");
    }
}
