package dev.anshin.cli;

import dev.anshin.AnshinApplication;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code anshin serve}: the server alone, no demo data or traffic. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Starts the Anshin server (scoring API, console).",
                "Machine clients use the API key from ANSHIN_API_KEY when set; otherwise one is generated and printed once."})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() {
        SpringApplication.run(AnshinApplication.class, server.springArguments().toArray(String[]::new));
        return 0;
    }
}
