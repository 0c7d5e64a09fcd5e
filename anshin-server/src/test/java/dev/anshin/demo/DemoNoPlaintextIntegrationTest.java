package dev.anshin.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.DatabaseDump;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.privacy.PersonalField;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;

/**
 * After a whole demo run (customers with personal data and cards registered, history sent through
 * the scoring API, the demo cardholder signed in to the portal with the password and authenticator
 * key the demo printed and shown their own data, live traffic flowing, everything logged at DEBUG),
 * neither a dump of every table
 * nor the application log holds any demo person's name, address, phone, e-mail, customer number or
 * card number in clear.
 *
 * <p>A small demo in its own data directory (its own H2 database); the key files are the other
 * integration tests' (test {@code config/application.properties}), so on PostgreSQL, where the
 * database is shared, the vaults open what the other tests stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/demo-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.demo.enabled=true",
        "anshin.demo.cards=" + DemoNoPlaintextIntegrationTest.CARDS,
        "anshin.demo.terminals=200",
        "anshin.demo.history-days=2",
        "anshin.demo.rate=20",
        "anshin.fraud.training-rounds=10",
        // Applicants without a person's pauses, so that several are decided (and issued) within the test.
        "anshin.demo.applicants-per-minute=30",
        "anshin.demo.applicant-think-scale=0",
        // A few inbound travellers, and the statistics staff acting every few seconds rather than minutes.
        "anshin.demo.inbound-travellers=" + DemoNoPlaintextIntegrationTest.TRAVELLERS,
        "anshin.demo.statistics-every=5s",
        // The voice of the customer: a short history, a voice every second, a surge and an export soon.
        "anshin.demo.voices-per-day=2",
        "anshin.demo.voice-every=1s",
        "anshin.demo.voice-surge-first=3s",
        "anshin.demo.voice-surge-size=6",
        "anshin.demo.voice-import-every=5s",
        "logging.level.dev.anshin=DEBUG",
        "logging.level.org.springframework.jdbc=DEBUG",
        "logging.level.org.springframework.web=DEBUG"})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class DemoNoPlaintextIntegrationTest {

    static final int CARDS = 25;
    static final int TRAVELLERS = 10;
    /** Live authorizations to wait for before looking. */
    private static final int LIVE = 20;
    private static final Path DATA_DIR = Path.of("target", "demo-test-data");

    @Autowired
    DataSource dataSource;

    @Autowired
    DemoRunner runner;

    @Autowired
    Cards cards;

    @Autowired
    dev.anshin.access.ApiClients clients;

    @Autowired
    java.time.Clock clock;

    @LocalServerPort
    int port;

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
        long stored = authorizations();
        signInAsTheDemoCardholder(output);
        theReadmeExamplesKeysAndCustomerArePrinted(output);
        theReadmesReportForACallerWorksAsWritten(output);
        theReadmesPartnerReceiptWorksWhenPasted(output);
        // Some live traffic too: wait until the live stream has stored a few more authorizations.
        while (authorizations() < stored + LIVE && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(authorizations()).as("the live stream stored authorizations").isGreaterThanOrEqualTo(stored + LIVE);
        // The simulated cardholders book the support window, so customer service has work.
        while (supportBookings() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(supportBookings()).as("the simulated cardholders booked support-window slots").isPositive();
        theDemoHasRulesForTheAdministratorsPageAndNoKeyLeftFromAddingThem();
        // The simulated cardholders ask about their data too: the privacy officer's queue is never empty.
        while (demoRequests() < DemoRequests.AT_LEAST && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(demoRequests()).as("data-subject requests filed by the demo").isGreaterThanOrEqualTo(DemoRequests.AT_LEAST);

        // The simulated applicants went through too (their names, phones, e-mails and new cards).
        while (runner.applicantTally().map(ApplicantTally::finished).orElse(0) < 3 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(runner.applicantTally().orElseThrow().finished()).as("applicants decided").isGreaterThanOrEqualTo(3);
        // Frauds are declined within seconds; a genuine applicant's card comes after eKYC and the think time, so
        // the first journeys to end may all be declines: wait for an issued card rather than a number of ends.
        while (issuedApplications() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(issuedApplications()).as("cards issued to applicants").isPositive();

        theStatisticsStaffAndPartnersActed();
        theReadmesStatisticsDownloadWorksWhenPasted(output);
        theVoiceOfTheCustomerCameThroughEveryChannel(deadline);
        theReadmesVoiceWorksWhenPasted(output);

        DemoPeople people = new DemoPeople(42);
        List<String> secrets = new ArrayList<>();
        // The inbound travellers: their names, e-mails, customer numbers and card numbers.
        DemoTravellers travellers = new DemoTravellers(TRAVELLERS, 42);
        for (int i = 0; i < TRAVELLERS; i++) {
            Map<PersonalField, String> person = travellers.person(i);
            secrets.add(person.get(PersonalField.NAME_KANJI));
            secrets.add(person.get(PersonalField.NAME_KANA));
            secrets.add(person.get(PersonalField.EMAIL));
            secrets.add(travellers.customerNumber(i));
            secrets.add(DemoTravellers.pan(i));
        }
        // What the points partner sends is sealed with the person's key: no store of its receipts in clear.
        for (String[] store : DemoPartnerReceipts.STORES) {
            secrets.add(store[1]);
        }
        for (int i = 0; i < CARDS; i++) {
            Card card = cards.resolve(null, DemoCards.pan(i), "card");
            assertThat(card.customerId()).as("demo card %d belongs to its customer", i).isNotNull();
            if (i == 0) {
                assertThat(new org.springframework.jdbc.core.JdbcTemplate(dataSource).queryForObject(
                        "SELECT COUNT(*) FROM authorizations WHERE merchant_name LIKE '% TOKYO JP'", Long.class))
                        .as("demo authorizations carry merchant names").isPositive();
            }
            Map<PersonalField, String> person = people.person(i);
            for (PersonalField field : List.of(PersonalField.NAME_KANJI, PersonalField.NAME_KANA, PersonalField.ADDRESS,
                    PersonalField.PHONE, PersonalField.EMAIL, PersonalField.EMPLOYER)) {
                secrets.add(person.get(field));
            }
            secrets.add(people.customerNumber(i));
            secrets.add(DemoCards.pan(i));
        }
        // The support window's notes may tell a disability (sign language): sealed, never in clear.
        for (String note : DemoSupportWindow.NOTES) {
            if (note != null) {
                secrets.add(note);
            }
        }
        // What the simulated customers said about themselves (card numbers with and without their separators, phones,
        // names) and the README's voice example's phone: sealed and masked, never in clear.
        for (String number : DemoVoiceTexts.CARD_NUMBERS) {
            secrets.add(number);
            secrets.add(number.replaceAll("[ -]", ""));
        }
        secrets.addAll(DemoVoiceTexts.PHONES);
        secrets.addAll(DemoVoiceTexts.NAMES);
        secrets.add("090-1234-5678");
        String dump = DatabaseDump.of(dataSource);
        String log = output.getAll();
        assertThat(dump).as("the dump holds the encrypted rows").contains("NAME_KANJI|");
        assertThat(log).as("authorizations were logged at DEBUG").contains("/api/v1/authorizations");
        for (String secret : secrets) {
            assertThat(dump).as("database dump").doesNotContain(secret);
            assertThat(log).as("application log").doesNotContain(secret);
        }
        // The corrections the simulated cardholders ask for (DemoRequests: a new phone or address, drawn
        // at random): no value of their shapes, the people's own or a corrected one, is found in clear.
        java.util.regex.Pattern phones = java.util.regex.Pattern.compile("090-0[0-9]{3}-[0-9]{4}");
        java.util.regex.Pattern addresses = java.util.regex.Pattern.compile("(" + String.join("|", DemoPeople.PLACES)
                + ")[0-9]+丁目[0-9]+-[0-9]+");
        // The applicants' e-mails (a person's, or a fresh mailbox) and the applicants' new cards (the issuer's BIN).
        java.util.regex.Pattern emails = java.util.regex.Pattern.compile(
                "[a-z]+\\.[a-z]+\\.[0-9]+@example\\.jp|[0-9a-z]+@example\\.net");
        java.util.regex.Pattern newCards = java.util.regex.Pattern.compile("499999[0-9]{10}");
        for (java.util.regex.Pattern shape : List.of(phones, addresses, emails, newCards)) {
            assertThat(shape.matcher(dump).find()).as("database dump holds %s", shape).isFalse();
            assertThat(shape.matcher(log).find()).as("application log holds %s", shape).isFalse();
        }
    }

    /**
     * Issue 16's capabilities, exercised by the demo's simulated people: the reference data statistics need
     * (each demo merchant in a prefecture, the BINs' countries, the travellers' cards abroad and their
     * purchases), a report defined, previewed by the analyst and published by another person, the partner's
     * downloads, the points partner's receipts with their confirmation records, and a provision waiting for
     * a second privacy officer.
     */
    private void theStatisticsStaffAndPartnersActed() throws InterruptedException {
        org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (runner.statistics().map(DemoStatistics::downloads).orElse(0) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM merchant_directory WHERE merchant_id LIKE 'M%' "
                + "AND updated_by LIKE '%demo-reference-data%'", Long.class)).as("demo merchants in the directory")
                .isPositive();
        assertThat(jdbc.queryForList("SELECT bin_prefix || '=' || country FROM bin_countries", String.class))
                .as("the BIN table").contains(DemoCards.BIN + "=JP", "498770=KR", "498771=TW", "498772=US",
                        "498773=AU");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM authorizations a JOIN cards c ON c.token = a.card_token "
                + "WHERE c.bin IN ('498770', '498771', '498772', '498773') AND c.customer_id IS NOT NULL", Long.class))
                .as("the inbound travellers' purchases").isPositive();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM statistics_reports WHERE request_id LIKE 'demo-report-%'",
                Long.class)).as("the demo's reports").isGreaterThanOrEqualTo((long) DemoStatistics.REPORTS.size());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM statistics_releases r JOIN statistics_reports p "
                + "ON p.id = r.report_id WHERE p.request_id LIKE 'demo-report-%' AND r.status = 'PUBLISHED' "
                + "AND r.published_by <> r.created_by", Long.class))
                .as("a demo report previewed by one person and published by another").isPositive();
        assertThat(runner.statistics().orElseThrow().downloads()).as("the partner's CSV and chart downloads")
                .isGreaterThanOrEqualTo(2);
        String receipts = "SELECT COUNT(*) FROM confirmation_records WHERE provider_id = '" + DemoRunner.DEMO_PROVIDER
                + "' AND receipt_id LIKE 'demo-%'";
        while (jdbc.queryForObject(receipts, Long.class) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(jdbc.queryForObject(receipts, Long.class))
                .as("the points partner's receipts with their confirmation records").isPositive();
        String pending = "SELECT COUNT(*) FROM provision_requests WHERE recipient_id = '" + DemoProvisions.RECIPIENT
                + "' AND status = 'PENDING' AND requested_by LIKE '%demo-privacy-officer%'";
        while (jdbc.queryForObject(pending, Long.class) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(jdbc.queryForObject(pending, Long.class)).as("a provision waiting for a second privacy officer")
                .isPositive();
    }

    /** The example rules are in force (one of them off), and the key that added them revoked itself. */
    private void theDemoHasRulesForTheAdministratorsPageAndNoKeyLeftFromAddingThem() {
        org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        assertThat(jdbc.queryForList("SELECT rule_id FROM rule_changes WHERE changed_by LIKE 'api:demo-rule-setup/%'",
                String.class)).containsExactlyInAnyOrder("demo-large-amount", "demo-gambling", "demo-card-burst");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_clients WHERE name = 'demo-rule-setup' AND enabled = TRUE",
                Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_clients WHERE name = 'demo-rule-setup' "
                + "AND expires_at IS NULL", Long.class)).as("the set-up key expires on its own").isZero();
    }

    /** The banner prints working keys for the README's examples, and the demo cardholder's customer id. */
    private void theReadmeExamplesKeysAndCustomerArePrinted(CapturedOutput output) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String role : List.of("SUPPORT", "PRIVACY", "BACKUP")) {
            Matcher key = Pattern.compile("export " + role + "_KEY=(ank_\\S+)").matcher(output.getOut());
            assertThat(key.find()).as(role).isTrue();
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ping"))
                    .header("X-Api-Key", key.group(1)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as(role + " key works").isEqualTo(200);
        }
        Matcher customer = Pattern.compile("export CUSTOMER_ID=(\\S+)").matcher(output.getOut());
        assertThat(customer.find()).isTrue();
        assertThat(customer.group(1)).isEqualTo(cards.resolve(null, DemoCards.pan(0), "card").customerId());
    }

    /**
     * Issue 17 on the demo: voices through every source (the call center's and stores' API with the demo's own key, the
     * portal form's path, the public form, a counter, a call-center export whose bad rows are reported), the history
     * under fixed keys, a fraud-complaint surge, the CX staff's countermeasures, and the redaction at work.
     */
    private void theVoiceOfTheCustomerCameThroughEveryChannel(long deadline) throws InterruptedException {
        var jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        List<String> sources = List.of("API", "PORTAL", "PUBLIC_FORM", "STAFF", "IMPORT");
        while (System.nanoTime() < deadline && (sources.stream().anyMatch(source -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM voice_items WHERE source = ?", Long.class, source) == 0)
                || jdbc.queryForObject("SELECT COUNT(*) FROM voice_imports WHERE refused > 0", Long.class) == 0
                || jdbc.queryForObject("SELECT COUNT(*) FROM voice_items WHERE voice_key LIKE 'demo-surge-%'",
                        Long.class) < 6)) {
            Thread.sleep(200);
        }
        for (String source : sources) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM voice_items WHERE source = ?", Long.class, source))
                    .as("voices from source %s", source).isPositive();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM voice_items WHERE submitted_by = ? AND source = 'API'",
                Long.class, DemoVoices.CLIENT)).as("the call center's and stores' voices through the API").isPositive();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM voice_items WHERE voice_key LIKE 'demo-h-%'", Long.class))
                .as("the voices' history").isPositive();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM voice_imports WHERE refused > 0", Long.class))
                .as("a call-center export with bad rows reported").isPositive();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM voice_items WHERE voice_key LIKE 'demo-surge-%'",
                Long.class)).as("a fraud-complaint surge").isGreaterThanOrEqualTo(6);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM voice_countermeasures WHERE created_by = ?", Long.class,
                DemoVoices.CX_STAFF)).as("the CX staff's countermeasures").isGreaterThanOrEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM voice_items WHERE redacted_text LIKE '%［%］%'",
                Long.class)).as("voices with something masked").isPositive();
    }

    /**
     * The README's "Voice of the customer" example pasted into a shell as it stands (bash and curl; skipped without
     * them), with the SUPPORT_KEY and CUSTOMER_ID the banner printed: stored (201) with its analysis and the phone
     * masked.
     */
    private void theReadmesVoiceWorksWhenPasted(CapturedOutput output) throws Exception {
        if (!Files.isExecutable(Path.of("/bin/bash")) || !Files.isExecutable(Path.of("/usr/bin/curl"))) {
            return;
        }
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = Pattern.compile("```sh\\n(curl [^`]*?/api/v1/voices[^`]*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("the README's voice example").isTrue();
        Matcher key = Pattern.compile("export SUPPORT_KEY=(ank_\\S+)").matcher(output.getOut());
        Matcher customer = Pattern.compile("export CUSTOMER_ID=(\\S+)").matcher(output.getOut());
        assertThat(key.find()).isTrue();
        assertThat(customer.find()).isTrue();
        String script = block.group(1).replace("http://localhost:8080", "http://localhost:" + port)
                .replace("curl -s ", "curl -s -w '\\n%{http_code}' ");
        ProcessBuilder shell = new ProcessBuilder("/bin/bash", "-c", script).redirectErrorStream(true);
        shell.environment().put("SUPPORT_KEY", key.group(1));
        shell.environment().put("CUSTOMER_ID", customer.group(1));
        Process run = shell.start();
        String answer = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor()).isZero();
        assertThat(answer).as("the README's voice: " + answer).endsWith("201").contains("\"kind\"")
                .contains("\"department\"").contains("［電話番号］").doesNotContain("090-1234-5678");
    }

    private long supportBookings() {
        return new org.springframework.jdbc.core.JdbcTemplate(dataSource).queryForObject(
                "SELECT COUNT(*) FROM support_bookings", Long.class);
    }

    /**
     * The README's "I don't recognize this charge" example, run as written: its scoring request on the
     * demo cardholder's card with the printed machine key, then its report with SUPPORT_KEY and
     * CUSTOMER_ID, the bodies taken from the README itself.
     */
    private void theReadmesReportForACallerWorksAsWritten(CapturedOutput output) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher blocks = Pattern.compile("```sh\\n((?:AUTH_ID=[^\\n]*\\n)?curl [^`]*?)```", Pattern.DOTALL).matcher(readme);
        String score = null;
        String report = null;
        while (blocks.find()) {
            String block = blocks.group(1);
            if (block.contains("/api/v1/authorizations") && block.contains("4987650000000001")) {
                score = block;
            } else if (block.contains("/api/v1/disputes") && block.contains("$SUPPORT_KEY")) {
                report = block;
            }
        }
        assertThat(score).as("the README's scoring example").isNotNull();
        assertThat(report).as("the README's report for a caller").isNotNull();
        Matcher machineKey = Pattern.compile("export ANSHIN_API_KEY=(ank_\\S+)").matcher(output.getOut());
        String anshinKey = machineKey.find() ? machineKey.group(1)
                : clients.register("readme-example-" + System.nanoTime(), java.util.EnumSet.of(Role.SCORER));
        Matcher support = Pattern.compile("export SUPPORT_KEY=(ank_\\S+)").matcher(output.getOut());
        Matcher customer = Pattern.compile("export CUSTOMER_ID=(\\S+)").matcher(output.getOut());
        assertThat(support.find()).isTrue();
        assertThat(customer.find()).isTrue();
        String authId = "auth-readme-" + System.nanoTime(); // what the README's AUTH_ID line makes
        assertThat(curl(score, anshinKey, customer.group(1), authId).statusCode()).as("the README's scoring example")
                .isEqualTo(200);
        HttpResponse<String> reported = curl(report, support.group(1), customer.group(1), authId);
        assertThat(reported.statusCode()).as("the README's report: " + reported.body()).isEqualTo(201);
    }

    /**
     * The README's "Data from a partner" example pasted into a shell as it stands (bash and curl; skipped
     * without them), with the PARTNER_KEY the banner printed, against this demo's port: taken (201), and
     * sent again, the same answer.
     */
    private void theReadmesPartnerReceiptWorksWhenPasted(CapturedOutput output) throws Exception {
        if (!Files.isExecutable(Path.of("/bin/bash")) || !Files.isExecutable(Path.of("/usr/bin/curl"))) {
            return;
        }
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = Pattern.compile("```sh\\n(TODAY=[^`]*?/api/v1/partner-data/receipts[^`]*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(block.find()).as("the README's partner example").isTrue();
        Matcher key = Pattern.compile("export PARTNER_KEY=(ank_\\S+)").matcher(output.getOut());
        assertThat(key.find()).as("the banner prints PARTNER_KEY").isTrue();
        String script = block.group(1).replace("http://localhost:8080", "http://localhost:" + port)
                .replace("curl -s ", "curl -s -w '\\n%{http_code}' ");
        ProcessBuilder shell = new ProcessBuilder("/bin/bash", "-c", script).redirectErrorStream(true);
        shell.environment().put("PARTNER_KEY", key.group(1));
        Process run = shell.start();
        String answer = new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(run.waitFor()).isZero();
        assertThat(answer).as("the README's partner receipt: " + answer).endsWith("201").contains("\"recordId\"")
                .contains("\"itemCount\":2");
    }

    /**
     * The README's partner download of statistics pasted into a shell as it stands (bash, curl, grep, cut;
     * skipped without bash or curl), with the STATISTICS_KEY the banner printed, once the demo published a
     * release: the list, the newest release's CSV (every cell, SUPPRESSED marked) and its chart in chart.svg.
     */
    private void theReadmesStatisticsDownloadWorksWhenPasted(CapturedOutput output) throws Exception {
        if (!Files.isExecutable(Path.of("/bin/bash")) || !Files.isExecutable(Path.of("/usr/bin/curl"))) {
            return;
        }
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = Pattern.compile("```sh\\n(curl [^`]*?/api/v1/statistics/published[^`]*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(block.find()).as("the README's statistics example").isTrue();
        Matcher key = Pattern.compile("export STATISTICS_KEY=(ank_\\S+)").matcher(output.getOut());
        assertThat(key.find()).as("the banner prints STATISTICS_KEY").isTrue();
        Path folder = Files.createTempDirectory("readme-statistics");
        ProcessBuilder shell = new ProcessBuilder("/bin/bash", "-c",
                block.group(1).replace("http://localhost:8080", "http://localhost:" + port))
                .directory(folder.toFile()).redirectErrorStream(true);
        shell.environment().put("STATISTICS_KEY", key.group(1));
        Process run = shell.start();
        String answer = new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(run.waitFor()).isZero();
        assertThat(answer).as("the README's statistics download: " + answer).contains("\"status\":\"PUBLISHED\"")
                .contains(",SUPPRESSED\r\n");
        assertThat(Files.readString(folder.resolve("chart.svg"))).as("the chart saved by the README's example")
                .startsWith("<svg");
    }

    /** Sends a README curl example: its path, its key (the one given), its body with CUSTOMER_ID and AUTH_ID put in. */
    private HttpResponse<String> curl(String block, String key, String customerId, String authId) throws Exception {
        Matcher url = Pattern.compile("http://localhost:8080(/\\S+)").matcher(block);
        assertThat(url.find()).isTrue();
        int from = block.indexOf("-d '") + 4;
        // As the shell pastes it: the ids put in, and the current time where the README asks date(1) for it.
        String body = block.substring(from, block.lastIndexOf('\'')).replace("'\"$CUSTOMER_ID\"'", customerId)
                .replace("'\"$AUTH_ID\"'", authId)
                .replace("'\"$(date -u +%FT%TZ)\"'", clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .toString());
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + url.group(1))).header("X-Api-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long demoRequests() {
        return new org.springframework.jdbc.core.JdbcTemplate(dataSource).queryForObject(
                "SELECT COUNT(*) FROM data_subject_requests WHERE request_id LIKE 'demo-dsr-%'", Long.class);
    }

    private long authorizations() {
        return new org.springframework.jdbc.core.JdbcTemplate(dataSource).queryForObject(
                "SELECT COUNT(*) FROM authorizations", Long.class);
    }

    /** Signs in to the portal as the demo cardholder with what the banner printed, password and code. */
    private void signInAsTheDemoCardholder(CapturedOutput output) throws Exception {
        Matcher printed = Pattern.compile("login ID (\\S+), password (\\S+)\\s+authenticator key ([A-Z2-7]+)")
                .matcher(output.getOut());
        assertThat(printed.find()).as("the banner prints the cardholder's sign-in").isTrue();
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String login = get(http, "/portal/login");
        String afterPassword = post(http, "/portal/login", csrf(login), "loginId", printed.group(1), "password",
                printed.group(2));
        String code = new com.eatthepath.otp.TimeBasedOneTimePasswordGenerator().generateOneTimePasswordString(
                new javax.crypto.spec.SecretKeySpec(com.google.common.io.BaseEncoding.base32().decode(printed.group(3)),
                        "HmacSHA1"), java.time.Instant.now());
        String home = post(http, "/portal/login/code", csrf(afterPassword), "code", code);
        assertThat(home).as("signed in, the cardholder's home").contains("ご利用状況");
        String settings = get(http, "/portal/privacy");
        assertThat(settings).as("the personal-data settings page, with the demo person's own name")
                .contains(new DemoPeople(42).person(0).get(PersonalField.NAME_KANJI));
        assertThat(get(http, "/portal/support?kind=VIDEO")).as("the demo cardholder can book the support window")
                .contains("id=\"choose\"");
    }

    private String get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Posts a form and follows the redirect to the page it leads to. */
    private String post(HttpClient http, String path, String csrf, String... fields) throws Exception {
        StringBuilder form = new StringBuilder("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
        for (int i = 0; i < fields.length; i += 2) {
            form.append('&').append(fields[i]).append('=').append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s redirects", path).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).as("POST %s", path).doesNotContain("error");
        return get(http, URI.create(location).getPath());
    }

    private static String csrf(String page) {
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(token.find()).as("the form carries a CSRF token").isTrue();
        return token.group(1);
    }

    private long issuedApplications() {
        return new org.springframework.jdbc.core.JdbcTemplate(dataSource).queryForObject(
                "SELECT COUNT(*) FROM applications WHERE status = 'ISSUED'", Long.class);
    }
}
