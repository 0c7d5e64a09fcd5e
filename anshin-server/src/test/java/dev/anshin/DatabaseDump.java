package dev.anshin;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** What a dump of the database would hold, for tests that look for plaintext at rest. */
public final class DatabaseDump {

    private DatabaseDump() {
    }

    /** Every row of every table of the application's schema, as text: what a dump would hold. */
    public static String of(DataSource dataSource) throws Exception {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getTables(null, connection.getSchema(), "%",
                    new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).isNotEmpty();
            try (Statement statement = connection.createStatement()) {
                for (String table : tables) {
                    try (ResultSet rows = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
                        int columns = rows.getMetaData().getColumnCount();
                        while (rows.next()) {
                            for (int c = 1; c <= columns; c++) {
                                dump.append(rows.getString(c)).append('|');
                            }
                            dump.append('\n');
                        }
                    }
                }
            }
        }
        return dump.toString();
    }
}
