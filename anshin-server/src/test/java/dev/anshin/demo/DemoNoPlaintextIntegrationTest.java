package dev.anshin.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.DatabaseDump;
import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.privacy.PersonalField;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;

/**
 * After a whole demo run (customers with personal data and cards registered, history sent through
 * the scoring API, live traffic flowing, everything logged at DEBUG), neither a dump of every table
 * nor the application log holds any demo person's name, address, phone, e-mail, customer number or
 * card number in clear.
 *
 * <p>A small demo in its own data directory (its own H2 database); the key files are the other
 * integration tests', so on PostgreSQL, where the database is shared, the vaults open what the
 * other tests stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/demo-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.cards.token-keyset-file=./target/test-data/token-keyset.json",
        "anshin.cards.vault-keyset-file=./target/test-data/vault-keyset.json",
        "anshin.privacy.master-keyset-file=./target/test-data/master-keyset.json",
        "anshin.privacy.index-keyset-file=./target/test-data/index-keyset.json",
        "anshin.audit.keyset-file=./target/test-data/audit-keyset.json",
        "anshin.demo.enabled=true",
        "anshin.demo.cards=" + DemoNoPlaintextIntegrationTest.CARDS,
        "anshin.demo.terminals=200",
        "anshin.demo.history-days=2",
        "anshin.demo.rate=20",
        "anshin.fraud.training-rounds=10",
        "logging.level.dev.anshin=DEBUG",
        "logging.level.org.springframework.jdbc=DEBUG",
        "logging.level.org.springframework.web=DEBUG"})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class DemoNoPlaintextIntegrationTest {

    static final int CARDS = 25;
    private static final Path DATA_DIR = Path.of("target", "demo-test-data");

    @Autowired
    DataSource dataSource;

    @Autowired
    Cards cards;

    @BeforeAll
    static void freshDataDirectory() throws IOException {
        if (Files.exists(DATA_DIR)) {
            try (Stream<Path> files = Files.walk(DATA_DIR)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @Test
    void afterAWholeDemoRunNoPersonalValueOrCardNumberIsInClear(CapturedOutput output) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!output.getOut().contains("==== Anshin demo is running ====") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(output.getOut()).as("the demo reached its live stream").contains("==== Anshin demo is running ====");
        Thread.sleep(2_000); // some live traffic too

        DemoPeople people = new DemoPeople(42);
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < CARDS; i++) {
            Card card = cards.resolve(null, DemoCards.pan(i), "card");
            assertThat(card.customerId()).as("demo card %d belongs to its customer", i).isNotNull();
            Map<PersonalField, String> person = people.person(i);
            for (PersonalField field : List.of(PersonalField.NAME_KANJI, PersonalField.NAME_KANA, PersonalField.ADDRESS,
                    PersonalField.PHONE, PersonalField.EMAIL, PersonalField.EMPLOYER)) {
                secrets.add(person.get(field));
            }
            secrets.add(people.customerNumber(i));
            secrets.add(DemoCards.pan(i));
        }
        String dump = DatabaseDump.of(dataSource);
        String log = output.getAll();
        assertThat(dump).as("the dump holds the encrypted rows").contains("NAME_KANJI|");
        assertThat(log).as("authorizations were logged at DEBUG").contains("/api/v1/authorizations");
        for (String secret : secrets) {
            assertThat(dump).as("database dump").doesNotContain(secret);
            assertThat(log).as("application log").doesNotContain(secret);
        }
    }
}
