package dev.anshin.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.IntegrationTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every column of every table of the live schema (what Flyway built: H2 here, PostgreSQL in CI) is
 * classified in {@code privacy/columns.tsv}: either it holds personal data and names the catalog entry
 * that says so (a {@link HeldElsewhere} entry, a vault field, or VAULT for the vault's ciphertext), or
 * it is declared to hold none (NONE) or only staff members' data (STAFF), with a reason. A migration
 * that adds a column without a line there fails here, naming the column.
 */
class PersonalDataColumnsIntegrationTest extends IntegrationTestSupport {

    @Autowired
    DataSource dataSource;

    @Autowired
    List<HeldElsewhere> elsewhere;

    @Test
    void everyColumnOfTheSchemaIsClassified() throws Exception {
        Map<String, ColumnClassification.Line> lines = ColumnClassification.read();
        Set<String> live = liveColumns();
        List<String> unclassified = live.stream().filter(column -> !lines.containsKey(column)).toList();
        assertThat(unclassified)
                .as("columns of the schema in no line of %s: add 'table<TAB>column<TAB>ENTRY' for personal data, "
                        + "or 'table<TAB>column<TAB>NONE<TAB>why' / 'STAFF<TAB>why' for the rest", ColumnClassification.PATH)
                .isEmpty();
    }

    @Test
    void everyClassifiedColumnExists() throws Exception {
        Set<String> live = liveColumns();
        List<String> gone = ColumnClassification.read().keySet().stream().filter(column -> !live.contains(column))
                .toList();
        assertThat(gone).as("lines of %s naming a column the schema does not have", ColumnClassification.PATH)
                .isEmpty();
    }

    @Test
    void everyNamedEntryIsInTheCatalog() throws Exception {
        Set<String> catalogued = new TreeSet<>();
        catalogued.add(ColumnClassification.VAULT);
        for (PersonalField field : PersonalField.values()) {
            catalogued.add(field.name());
        }
        elsewhere.forEach(holder -> holder.catalog().forEach(entry -> catalogued.add(entry.name())));
        Map<String, List<String>> missing = new TreeMap<>();
        for (ColumnClassification.Line line : ColumnClassification.read().values()) {
            if (line.personal() && !catalogued.contains(line.kind())) {
                missing.computeIfAbsent(line.kind(), k -> new ArrayList<>()).add(line.column());
            }
        }
        assertThat(missing)
                .as("missing catalog entries %s: named in %s (entry=[columns]) but provided by no HeldElsewhere bean "
                        + "or vault field; catalogued: %s", missing.keySet(), ColumnClassification.PATH, catalogued)
                .isEmpty();
    }

    @Test
    void theClassificationRefusesAMalformedLine() {
        assertThat(ColumnClassification.parse("cards\ttoken\tNONE")).isEmpty();
        assertThat(ColumnClassification.parse("cards\ttoken")).isEmpty();
        assertThat(ColumnClassification.parse("cards\ttoken\tSTAFF\t ")).isEmpty();
        assertThat(ColumnClassification.parse("Cards\ttoken\tCARDS")).isEmpty();
        assertThat(ColumnClassification.parse("cards\ttoken\tCARDS")).hasValueSatisfying(line -> {
            assertThat(line.personal()).isTrue();
            assertThat(line.column()).isEqualTo("cards.token");
        });
        assertThat(ColumnClassification.parse("cards\tcreated_at\tNONE\tthe registry's own bookkeeping"))
                .hasValueSatisfying(line -> assertThat(line.personal()).isFalse());
    }

    /** table.column, lower case, of every table of the application's schema but Flyway's own. */
    private Set<String> liveColumns() throws Exception {
        Set<String> columns = new TreeSet<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).as("tables of the schema").hasSizeGreaterThan(20);
            for (String table : tables) {
                if (table.equalsIgnoreCase("flyway_schema_history")) {
                    continue;
                }
                try (ResultSet rs = meta.getColumns(null, connection.getSchema(), table, "%")) {
                    while (rs.next()) {
                        columns.add(table.toLowerCase(Locale.ROOT) + "."
                                + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return columns;
    }

    /** The file's lines: read here, since only this test needs them (the file itself is the documentation). */
    static final class ColumnClassification {

        static final String PATH = "privacy/columns.tsv";
        static final String VAULT = "VAULT";
        private static final Set<String> NOT_PERSONAL = Set.of("NONE", "STAFF");

        record Line(String column, String kind, String reason) {
            boolean personal() {
                return !NOT_PERSONAL.contains(kind);
            }
        }

        static Map<String, Line> read() throws IOException {
            Map<String, Line> lines = new TreeMap<>();
            List<String> problems = new ArrayList<>();
            try (InputStream in = ColumnClassification.class.getClassLoader().getResourceAsStream(PATH)) {
                assertThat(in).as(PATH + " on the class path").isNotNull();
                String[] text = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
                for (int n = 0; n < text.length; n++) {
                    String raw = text[n].strip();
                    if (raw.isEmpty() || raw.startsWith("#")) {
                        continue;
                    }
                    int number = n + 1;
                    parse(text[n]).ifPresentOrElse(line -> {
                        if (lines.put(line.column(), line) != null) {
                            problems.add("line " + number + ": " + line.column() + " classified twice");
                        }
                    }, () -> problems.add("line " + number + ": not 'table<TAB>column<TAB>ENTRY[<TAB>note]' or "
                            + "'table<TAB>column<TAB>NONE|STAFF<TAB>reason': " + raw));
                }
            }
            assertThat(problems).as("malformed lines of " + PATH).isEmpty();
            return lines;
        }

        /** One line: table, column, what it holds, and why (required when it is not personal data). */
        static java.util.Optional<Line> parse(String text) {
            String[] parts = text.strip().split("\t");
            if (parts.length < 3 || parts.length > 4) {
                return java.util.Optional.empty();
            }
            String table = parts[0];
            String column = parts[1];
            String kind = parts[2];
            String reason = parts.length == 4 ? parts[3].strip() : "";
            if (!table.matches("[a-z0-9_]+") || !column.matches("[a-z0-9_]+") || !kind.matches("[A-Z0-9_]+")) {
                return java.util.Optional.empty();
            }
            if (NOT_PERSONAL.contains(kind) && reason.isEmpty()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new Line(table + "." + column, kind, reason));
        }
    }
}
