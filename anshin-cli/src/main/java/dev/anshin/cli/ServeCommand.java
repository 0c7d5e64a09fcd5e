package dev.anshin.cli;

import dev.anshin.AnshinApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/** {@code anshin serve}: the server alone, no demo data or traffic. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Starts the Anshin server (scoring API, console).",
                "Any server setting can follow as --name=value (docs/configuration.md).",
                "Machine clients use the API key from ANSHIN_API_KEY when set; otherwise one is generated and printed once."})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    ServerOptions server;

    /** Server settings as --name=value, passed through to the server. */
    @Unmatched
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() {
        if (!ServerOptions.wellFormed(settings)) {
            return 2;
        }
        SpringApplication.run(AnshinApplication.class, server.springArguments(settings).toArray(String[]::new));
        return 0;
    }
}
