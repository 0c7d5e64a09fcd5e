package dev.anshin.cli;

import dev.anshin.AnshinApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Option;

/** {@code anshin demo}: the server with demo data, a first model and a live stream of authorizations. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the server with demo data and live simulated traffic.",
                "",
                "Embedded H2 database, simulated cards, terminals and weeks of history, a first model "
                        + "trained and activated if none is active, and a live stream of simulated authorizations "
                        + "through the real scoring API, and simulated people applying for a card online (4 a minute: "
                        + "--anshin.demo.applicants-per-minute=N, 0 for none), a line each minute.",
                "Prints a banner with the console URL and the demo credentials, again every 5 minutes "
                        + "(--anshin.demo.banner-every=0: once), and keeps it in <data-dir>/demo-credentials.txt "
                        + "(owner-only).",
                "Plain HTTP on 127.0.0.1 (http://localhost:8080): a demo, not a deployment (`serve` speaks "
                        + "HTTPS).",
                "Any server setting can follow as --name=value (docs/configuration.md)."})
final class DemoCommand implements Callable<Integer> {

    @Mixin
    ServerOptions server;

    /** Server settings as --name=value, passed through to the server. */
    @Unmatched
    List<String> settings = new ArrayList<>();

    @Option(names = "--rate", defaultValue = "20",
            description = "Simulated authorizations per second sent to the API (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--cards", defaultValue = "300", description = "Demo cards to create (default: ${DEFAULT-VALUE}).")
    int cards;

    @Option(names = "--history-days", defaultValue = "21",
            description = "Days of history to create before now (default: ${DEFAULT-VALUE}).")
    int historyDays;

    @Override
    public Integer call() {
        if (!server.wellFormed(settings, Map.of("anshin.demo.rate", "--rate", "anshin.demo.cards", "--cards",
                "anshin.demo.history-days", "--history-days"))) {
            return 2;
        }
        SpringApplication.run(AnshinApplication.class, springArguments().toArray(String[]::new));
        return 0;
    }

    /**
     * What the demo server is started with. The links given to partners and applicants ({@code continueUrl},
     * {@code setupUrl}, a decided applicant's setup link) are made absolute with the demo's own address
     * (plain HTTP on localhost), unless {@code --anshin.onboarding.base-url=…} says otherwise.
     */
    List<String> springArguments() {
        List<String> args = new ArrayList<>(server.springArguments(settings));
        args.add("--spring.profiles.active=demo");
        args.add("--anshin.demo.enabled=true");
        args.add("--anshin.demo.rate=" + rate);
        args.add("--anshin.demo.cards=" + cards);
        args.add("--anshin.demo.history-days=" + historyDays);
        boolean baseUrlGiven = settings.stream().anyMatch(setting -> setting.contains("=") && setting
                .substring(0, setting.indexOf('=')).toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")
                .equals("anshin.onboarding.baseurl"));
        if (!baseUrlGiven && server.port > 0) {
            args.add("--anshin.onboarding.base-url=http://localhost:" + server.port);
        }
        return args;
    }
}
