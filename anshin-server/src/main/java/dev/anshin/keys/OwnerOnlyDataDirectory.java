package dev.anshin.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * Keeps the data directory owner-only. The data and keys folders are made (or tightened to) 0700
 * before any bean exists, so the database, the decision log and the key files all come to life in a
 * folder nobody else can enter. The embedded H2 database creates its files with the process umask
 * (0644 on most systems): they are tightened to 0600 once the server is up, and at every start.
 */
@Configuration(proxyBeanMethods = false)
class OwnerOnlyDataDirectory {

    private static final String H2_FILE_URL = "jdbc:h2:file:";

    private final Environment environment;

    OwnerOnlyDataDirectory(Environment environment) {
        this.environment = environment;
    }

    @Bean
    static BeanFactoryPostProcessor ownerOnlyFolders(Environment environment) {
        return beanFactory -> {
            try {
                for (Path folder : folders(environment)) {
                    OwnerOnlyFiles.createDirectories(folder);
                    OwnerOnlyFiles.restrict(folder);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the data directory owner-only", e);
            }
        };
    }

    @EventListener(ApplicationReadyEvent.class)
    void restrictDatabaseFiles() throws IOException {
        Optional<Path> database = h2Database(environment.getProperty("spring.datasource.url"));
        if (database.isEmpty() || !Files.isDirectory(database.get().getParent())) {
            return;
        }
        String prefix = database.get().getFileName() + ".";
        try (Stream<Path> files = Files.list(database.get().getParent())) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString().startsWith(prefix))::iterator) {
                OwnerOnlyFiles.restrict(file);
            }
        }
    }

    private static Set<Path> folders(Environment environment) {
        Set<Path> folders = new LinkedHashSet<>();
        for (String property : new String[] {"anshin.data-dir", "anshin.keys-dir"}) {
            String value = environment.getProperty(property);
            if (value != null && !value.isBlank()) {
                folders.add(Path.of(value).toAbsolutePath().normalize());
            }
        }
        return folders;
    }

    /** The database's base path (H2 adds {@code .mv.db}, {@code .trace.db}…) when it is an H2 file database. */
    static Optional<Path> h2Database(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(H2_FILE_URL)) {
            return Optional.empty();
        }
        String path = jdbcUrl.substring(H2_FILE_URL.length());
        int options = path.indexOf(';');
        return Optional.of(Path.of(options < 0 ? path : path.substring(0, options)).toAbsolutePath().normalize());
    }
}
