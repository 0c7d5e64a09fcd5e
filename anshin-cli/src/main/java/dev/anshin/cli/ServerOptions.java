package dev.anshin.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by {@code serve} and {@code demo}. */
final class ServerOptions {

    @Option(names = "--port", defaultValue = "8080", description = "Port, HTTPS or HTTP (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", defaultValue = "data",
            description = "Folder of the embedded H2 database, the decision log, the key files and the self-signed TLS certificate (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--database-url",
            description = "JDBC URL of a PostgreSQL database instead of the embedded H2, e.g. jdbc:postgresql://127.0.0.1:5432/anshin")
    String databaseUrl;

    @Option(names = "--database-user", defaultValue = "postgres", description = "Database user (default: ${DEFAULT-VALUE}).")
    String databaseUser;

    /** Whether every extra argument is a {@code --name=value} setting; says which is not. */
    static boolean wellFormed(List<String> settings) {
        for (String setting : settings) {
            if (!setting.startsWith("--") || !setting.contains("=")) {
                System.err.println("unknown option " + setting
                        + " (server settings are passed as --name=value, see docs/configuration.md)");
                return false;
            }
        }
        return true;
    }

    /** Spring Boot command-line arguments for these options, plus the {@code --setting=value}s given. */
    List<String> springArguments(List<String> settings) {
        List<String> args = new ArrayList<>(settings);
        args.add("--server.port=" + port);
        args.add("--anshin.data-dir=" + dataDir.toAbsolutePath());
        if (databaseUrl != null) {
            args.add("--spring.datasource.url=" + databaseUrl);
            args.add("--spring.datasource.username=" + databaseUser);
            String password = System.getenv("ANSHIN_DATABASE_PASSWORD");
            if (password != null) {
                args.add("--spring.datasource.password=" + password);
            }
        }
        return args;
    }
}
