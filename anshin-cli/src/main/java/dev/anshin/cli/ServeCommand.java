package dev.anshin.cli;

import dev.anshin.AnshinApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code anshin serve}: the server alone, no demo data or traffic. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Starts the Anshin server (scoring API, console, portal) on HTTPS.",
                "Without a certificate of yours (docs/tls.md) it makes a self-signed one in the data folder "
                        + "at first start (data/tls-certificate.pem: give it to clients to trust) and uses it from "
                        + "then on.",
                "Any server setting can follow as --name=value (docs/configuration.md).",
                "Machine clients use the API key from ANSHIN_API_KEY when set; otherwise one is generated "
                        + "and printed once."})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    ServerOptions server;

    @Option(names = "--no-tls",
            description = {"Plain HTTP, for a TLS-terminating reverse proxy in front. Listens on 127.0.0.1 unless "
                            + "--server.address=... is given; trust the proxy's X-Forwarded-* headers with "
                            + "--server.forward-headers-strategy=native (docs/tls.md)."})
    boolean noTls;

    /** Server settings as --name=value, passed through to the server. */
    @Unmatched
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() {
        if (!server.wellFormed(settings, noTls ? Map.of("server.ssl.enabled", "--no-tls") : Map.of())) {
            return 2;
        }
        start();
        return 0;
    }

    /** Starts the server; it runs until the process ends or the returned context is closed. */
    ConfigurableApplicationContext start() {
        return SpringApplication.run(AnshinApplication.class, springArguments().toArray(String[]::new));
    }

    /** What the server is started with: TLS stays on (application.properties) unless --no-tls. */
    List<String> springArguments() {
        List<String> args = new ArrayList<>(server.springArguments(settings));
        if (noTls) {
            args.add("--server.ssl.enabled=false");
        }
        return args;
    }
}
