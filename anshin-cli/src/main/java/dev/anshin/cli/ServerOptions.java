package dev.anshin.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /**
     * Whether every extra argument is a {@code --name=value} setting that none of this command's own
     * options sets too; says which is not. Spring joins a setting given twice on the command line with
     * a comma ("9443,8080"), so {@code --server.port=9443} next to the {@code --port} this command
     * always passes would fail to start, or worse, start on a data folder named "x,/abs/data".
     */
    boolean wellFormed(List<String> settings, Map<String, String> ownSettings) {
        Map<String, String> own = new LinkedHashMap<>(ownSettings);
        own.put("server.port", "--port");
        own.put("anshin.data-dir", "--data-dir");
        if (databaseUrl != null) {
            own.put("spring.datasource.url", "--database-url");
            own.put("spring.datasource.username", "--database-user");
        }
        for (String setting : settings) {
            if (!setting.startsWith("--") || !setting.contains("=")) {
                System.err.println("unknown option " + setting
                        + " (server settings are passed as --name=value, see docs/configuration.md)");
                return false;
            }
            String name = relaxed(setting.substring(2, setting.indexOf('=')));
            for (Map.Entry<String, String> taken : own.entrySet()) {
                if (relaxed(taken.getKey()).equals(name)) {
                    System.err.println(setting.substring(0, setting.indexOf('=')) + " cannot be given here: use "
                            + taken.getValue() + " (this command sets " + taken.getKey() + " from it)");
                    return false;
                }
            }
        }
        return true;
    }

    /** A setting's name as Spring matches it: case, dashes and underscores do not count. */
    private static String relaxed(String name) {
        return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
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
