package dev.anshin.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database that comes back from a backup taken before an erasure holds the customer's wrapped
 * key, values and card number again; the erasure journal, kept apart from the database, erases them
 * again at the next start (ADR 0009). The restore is played here by putting back the rows the backup
 * held; {@code BackupRestoreDrillIntegrationTest} does it with a real backup and restore.
 */
class ErasureJournalReplayIntegrationTest extends IntegrationTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ErasureJournalReplay replay;

    @Autowired
    PersonalData personalData;

    @Test
    void aCustomerErasedAfterTheBackupIsErasedAgainWhenTheBackupComesBack() throws Exception {
        String customer = newCustomer();
        Card card = cards.register(newPan(), customer);
        // What a backup taken now holds of the customer.
        Map<String, List<Map<String, Object>>> backup = Map.of(
                "customer_keys", rows("customer_keys", "customer_id", customer),
                "personal_values", rows("personal_values", "customer_id", customer),
                "pan_vault", rows("pan_vault", "token", card.token()));
        Map<String, Object> customerRow = rows("customers", "id", customer).get(0);

        postAs(Role.PRIVACY_OFFICER, "/api/v1/customers/" + customer + "/erasure",
                Map.of("reason", "PERSON_REQUESTED", "reference", "DSR-RESTORE")).andExpect(status().isOk());
        assertThat(rows("customer_keys", "customer_id", customer)).isEmpty();

        // The backup comes back: its rows replace what the erasure left.
        jdbc.sql("DELETE FROM erasure_tombstones WHERE customer_id = ?").param(customer).update();
        jdbc.sql("UPDATE customers SET status = ?, number_index = ? WHERE id = ?")
                .params(customerRow.get(column(customerRow, "status")), customerRow.get(column(customerRow, "number_index")),
                        customer).update();
        jdbc.sql("UPDATE cards SET status = 'ACTIVE' WHERE token = ?").param(card.token()).update();
        backup.forEach((table, rows) -> rows.forEach(row -> insert(table, row)));
        assertThat(rows("customer_keys", "customer_id", customer)).as("the key is back").hasSize(1);

        replay.start(); // what every start does before it takes requests

        mvc.perform(get("/api/v1/customers/" + customer + "/personal-data").header("X-Api-Key", key(Role.CUSTOMER_SERVICE))
                        .param("purpose", "SERVICE_OPERATION").param("fields", "NAME_KANJI,EMAIL"))
                .andExpect(status().isGone());
        assertThat(rows("customer_keys", "customer_id", customer)).isEmpty();
        assertThat(rows("personal_values", "customer_id", customer)).isEmpty();
        assertThat(rows("pan_vault", "token", card.token())).as("no card number left").isEmpty();
        assertThat(personalData.tombstone(customer)).get()
                .satisfies(tombstone -> assertThat(tombstone.reason()).isEqualTo(ErasureReason.PERSON_REQUESTED))
                .satisfies(tombstone -> assertThat(tombstone.erasedBy()).isEqualTo("erasure-journal"));
        assertThat(jdbc.sql("SELECT actor, outcome, detail FROM audit_log WHERE action = 'personal-data.erase' "
                        + "AND resource = ? ORDER BY seq").param("customer/" + customer)
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)).list())
                .as("the erasure, and its replay")
                .hasSize(2)
                .last().isEqualTo("erasure-journal SUCCESS erasure PERSON_REQUESTED replayed from the erasure journal");
    }

    private List<Map<String, Object>> rows(String table, String keyColumn, String key) {
        return jdbc.sql("SELECT * FROM " + table + " WHERE " + keyColumn + " = ?").param(key).query().listOfRows();
    }

    /** H2 names columns in capitals, PostgreSQL in lower case. */
    private static String column(Map<String, Object> row, String name) {
        return row.keySet().stream().filter(name::equalsIgnoreCase).findFirst().orElseThrow();
    }

    private void insert(String table, Map<String, Object> row) {
        String columns = String.join(", ", row.keySet());
        String marks = row.keySet().stream().map(c -> "?").collect(Collectors.joining(", "));
        jdbc.sql("INSERT INTO " + table + " (" + columns + ") VALUES (" + marks + ")").params(List.copyOf(row.values()))
                .update();
    }
}
