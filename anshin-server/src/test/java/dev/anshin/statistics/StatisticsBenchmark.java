package dev.anshin.statistics;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not part of the suite (no Test suffix): the statistics benchmark of docs/benchmarks.md. Fills a year of
 * its own with {@code stats.transactions} approved purchases (default 2,000,000) by {@code stats.customers}
 * customers (default 20,000; every tenth opted out of STATISTICS is not needed for the timing), then times
 * one release of SPEND by MONTH × MERCHANT_CATEGORY × AGE_BAND over the twelve months at the default
 * protection, end to end (budget, population with age bands through the privacy module, the streamed SQL
 * aggregation with the population's condition inside it, bounding, noise). Writes rows: run it in a
 * throw-away copy of the project (its {@code target/test-data} database is then thrown away with it).
 *
 * <pre>./mvnw -o -q -pl anshin-server -Dtest=StatisticsBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dstats.transactions=2000000 -Dstats.customers=20000 test</pre>
 */
class StatisticsBenchmark extends IntegrationTestSupport {

    @Autowired
    PersonalData personalData;

    @Autowired
    StatisticsReports reports;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void oneReleaseOverMillionsOfPurchases() {
        if (Boolean.getBoolean("stats.reuse")) {
            // the purchases of an earlier run in the same data folder (loading them takes far longer than a release)
            String first = jdbc.queryForObject("SELECT MIN(authorization_id) FROM authorizations "
                    + "WHERE authorization_id LIKE 'bench-%'", String.class);
            int year = Integer.parseInt(first.split("-")[1]);
            long rows = jdbc.queryForObject("SELECT COUNT(*) FROM authorizations WHERE authorization_id LIKE ?",
                    Long.class, "bench-" + year + "-%");
            System.out.printf("statistics benchmark: reusing %,d purchases of %d%n", rows, year);
            release(year, new Actor("benchmark-analyst", Set.of(Role.ANALYST), "benchmark"), rows);
            return;
        }
        int transactions = Integer.getInteger("stats.transactions", 2_000_000);
        int customerCount = Integer.getInteger("stats.customers", 20_000);
        int year = 2200 + new Random().nextInt(800); // years no test uses (tests: 2040 to 2199)
        Random random = new Random(year);
        Actor service = new Actor("benchmark", Set.of(Role.CUSTOMER_SERVICE), "benchmark");
        Actor analyst = new Actor("benchmark-analyst", Set.of(Role.ANALYST), "benchmark");

        long start = System.nanoTime();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < customerCount; i++) {
            Map<PersonalField, String> values = new EnumMap<>(PersonalField.class);
            values.put(PersonalField.NAME_KANJI, "統計太郎");
            values.put(PersonalField.DATE_OF_BIRTH, String.format("%d-%02d-15", 1940 + random.nextInt(60),
                    1 + random.nextInt(12)));
            String customerId = personalData.register(service, "B-" + UUID.randomUUID().toString().substring(0, 18),
                    values).customerId();
            tokens.add(cards.register(newPan(), customerId).token());
        }
        long customersDone = System.nanoTime();
        System.out.printf("statistics benchmark: %,d customers in %.1f s%n", customerCount, (customersDone - start) / 1e9);

        String[] mccs = {"5411", "5812", "5999", "5541", "5311", "5732", "4121", "5912", "7011", "5651", "5816", "4511"};
        List<Object[]> batch = new ArrayList<>();
        for (int i = 0; i < transactions; i++) {
            YearMonth month = YearMonth.of(year, 1 + random.nextInt(12));
            Timestamp at = Timestamp.from(month.atDay(1 + random.nextInt(month.lengthOfMonth())).atTime(12, 0)
                    .atZone(ZoneId.of("Asia/Tokyo")).toInstant());
            String id = "bench-" + year + "-" + i;
            batch.add(new Object[] {id, id, tokens.get(random.nextInt(tokens.size())), 100 + random.nextInt(30_000),
                    "M" + random.nextInt(5000), mccs[random.nextInt(mccs.length)], at, at});
            if (batch.size() == 10_000 || i == transactions - 1) {
                jdbc.batchUpdate("""
                        INSERT INTO authorizations (authorization_id, request_fingerprint, card_token, amount_minor,
                          currency, merchant_id, mcc, terminal_id, merchant_country, pos_entry_mode, card_present,
                          occurred_at, decision, score, reasons, model_version, rule_set_version, shadow_scores,
                          latency_micros, processing_micros, decided_at)
                        VALUES (?, ?, ?, ?, 'JPY', ?, ?, 'T-BENCH', 'JP', 'CHIP', TRUE, ?, 'APPROVE', 0.01, '[]', 'bench', 1,
                          '{}', 0, 0, ?)""", batch);
                batch.clear();
            }
        }
        long loaded = System.nanoTime();
        System.out.printf("statistics benchmark: %,d purchases loaded in %.1f s%n", transactions, (loaded - customersDone) / 1e9);

        release(year, analyst, transactions);
    }

    private void release(int year, Actor analyst, long transactions) {
        var body = new ReportDefinition.Body("bench-" + year + "-" + UUID.randomUUID().toString().substring(0, 8),
                "Benchmark " + year, "SPEND",
                List.of("MONTH", "MERCHANT_CATEGORY", "AGE_BAND"), year + "-01", year + "-12", Map.of(),
                null); // the default protection
        String report = reports.define(analyst, body).report().id();
        long releaseStart = System.nanoTime();
        Release release = reports.preview(analyst, report, "bench-preview-" + UUID.randomUUID());
        long releaseEnd = System.nanoTime();
        double seconds = (releaseEnd - releaseStart) / 1e9;
        System.out.printf("statistics benchmark: one release over %,d purchases (%d cells released, %d suppressed) "
                + "in %.1f s, %,.0f rows/s%n", transactions, release.table().cells().size(),
                release.table().suppressedCells(), seconds, transactions / seconds);
    }
}
