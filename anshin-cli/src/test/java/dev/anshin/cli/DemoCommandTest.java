package dev.anshin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {

    @Test
    void theDemoGivesAbsoluteLinksWithItsOwnAddress() {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--port", "8123");
        assertThat(demo.springArguments()).contains("--anshin.onboarding.base-url=http://localhost:8123");
    }

    @Test
    void aBaseUrlGivenOnTheCommandLineWins() {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--anshin.onboarding.base-url=https://apply.example.jp");
        assertThat(demo.springArguments()).contains("--anshin.onboarding.base-url=https://apply.example.jp")
                .noneMatch(argument -> argument.startsWith("--anshin.onboarding.base-url=http://localhost"));
    }
}
