package dev.anshin.disputes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.anshin.cards.Card;
import dev.anshin.fraud.FraudLabels;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lookups of points of compromise stay cheap as the history grows: many flagged points cost
 * as many queries as one (the analysts' page lists 100), and each investigation's and each point's
 * lookup reads the point's own rows through its index, never every authorization of a window. (A
 * demo's history made one page wait minutes: a query per point, each reading weeks of rows.) The
 * statements and their plans are H2's own statistics and EXPLAIN, so these run on the embedded
 * database only; the results are checked on both.
 */
class CompromisedPointsQueryIntegrationTest extends DisputeTestSupport {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Autowired
    private CompromisedPoints compromise;

    @Autowired
    private FraudLabels labels;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private DataSource dataSource;

    private boolean h2;

    @BeforeEach
    void statistics() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            h2 = c.getMetaData().getURL().startsWith("jdbc:h2:");
            if (h2) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET QUERY_STATISTICS_MAX_ENTRIES 10000");
                    s.execute("SET QUERY_STATISTICS TRUE");
                }
            }
        }
    }

    @Test
    void eachPointsExposedCardsCountFromItsOwnMomentWithoutTheCardsThatReportedThere() throws Exception {
        String early = "t-early-" + UUID.randomUUID();
        String late = "t-late-" + UUID.randomUUID();
        Card both = newCard();
        score(both, "both-early", NOW.minus(Duration.ofDays(5)), m -> m.put("terminalId", early));
        score(both, "both-late", NOW.minus(Duration.ofDays(5)), m -> m.put("terminalId", late));
        Card lateOnly = newCard();
        score(lateOnly, "late-only", NOW.minus(Duration.ofDays(1)), m -> m.put("terminalId", late));
        Card defrauded = newCard();
        String fraud = score(defrauded, "defrauded", NOW.minus(Duration.ofHours(12)), m -> m.put("terminalId", late));
        labels.record(fraud, FraudLabels.Source.ISSUER, true, null);

        CompromisedPoints.Point sinceTenDays = flag(early, NOW.minus(Duration.ofDays(10)));
        CompromisedPoints.Point sinceTwoDays = flag(late, NOW.minus(Duration.ofDays(2)));
        Map<CompromisedPoints.Point, List<String>> exposed = compromise.exposedCards(
                List.of(sinceTenDays, sinceTwoDays));

        assertThat(exposed.get(sinceTenDays)).containsExactly(both.token());
        assertThat(exposed.get(sinceTwoDays)).containsExactly(lateOnly.token());
        assertThat(compromise.exposedCards(sinceTwoDays)).containsExactly(lateOnly.token());
    }

    @Test
    void eachPointReadsAtMostItsCapOfCardsTheEarliestFirstInOneQuery() throws Exception {
        String busy = "t-busy-" + UUID.randomUUID();
        String quiet = "t-quiet-" + UUID.randomUUID();
        List<String> busyCards = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Card card = newCard();
            busyCards.add(card.token());
            score(card, "busy" + i, NOW.minus(Duration.ofHours(10 - i)), m -> m.put("terminalId", busy));
        }
        Card alone = newCard();
        score(alone, "quiet", NOW.minus(Duration.ofHours(2)), m -> m.put("terminalId", quiet));
        CompromisedPoints.Point busyPoint = flag(busy, NOW.minus(Duration.ofDays(1)));
        CompromisedPoints.Point quietPoint = flag(quiet, NOW.minus(Duration.ofDays(1)));

        // Decisions reach the database shortly after they are answered.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(compromise.exposedCards(List.of(busyPoint, quietPoint)).get(busyPoint))
                        .containsExactlyElementsOf(busyCards));

        Map<CompromisedPoints.Point, List<String>> capped = compromise.exposedCards(List.of(busyPoint, quietPoint), 2);

        assertThat(capped.get(busyPoint)).containsExactly(busyCards.get(0), busyCards.get(1));
        assertThat(capped.get(quietPoint)).containsExactly(alone.token());
        assertThat(CompromisedPoints.EXPOSED_CARDS_PER_POINT).isEqualTo(50_000);
    }

    @Test
    void manyPointsCostAsManyQueriesAsOne() throws Exception {
        List<CompromisedPoints.Point> points = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String terminal = "t-many-" + i + "-" + UUID.randomUUID();
            score(newCard(), "many" + i, NOW.minus(Duration.ofHours(i + 1)), m -> m.put("terminalId", terminal));
            points.add(flag(terminal, NOW.minus(Duration.ofDays(1))));
        }
        assumeTrue(h2, "H2's statistics count the statements");

        Map<String, Long> before = pointStatements();
        compromise.exposedCards(points.subList(0, 1));
        long forOne = total(delta(before, pointStatements()));
        before = pointStatements();
        compromise.exposedCards(points);
        long forSix = total(delta(before, pointStatements()));

        assertThat(forOne).isPositive();
        assertThat(forSix).isEqualTo(forOne);
    }

    @Test
    void investigationAndPointLookupsReadThroughThePointsIndexes() throws Exception {
        String terminal = "t-plan-" + UUID.randomUUID();
        String merchant = "m-plan-" + UUID.randomUUID();
        score(newCard(), "plan", NOW.minus(Duration.ofHours(3)), m -> {
            m.put("terminalId", terminal);
            m.put("merchantId", merchant);
        });
        CompromisedPoints.Point point = flag(terminal, NOW.minus(Duration.ofDays(1)));
        assumeTrue(h2, "H2's EXPLAIN shows the plans");

        Map<String, Long> before = pointStatements();
        compromise.fraudsAt(terminal, merchant, NOW.minus(Duration.ofDays(30)), NOW.plusSeconds(1));
        compromise.fraudsAt(null, merchant, NOW.minus(Duration.ofDays(7)), NOW.plusSeconds(1));
        compromise.exposedCards(List.of(point));
        Map<String, Long> run = delta(before, pointStatements());

        assertThat(run).hasSizeGreaterThanOrEqualTo(4);
        for (String sql : run.keySet()) {
            String plan = explain(sql);
            assertThat(plan).as(sql).containsAnyOf("AUTHORIZATIONS_TERMINAL_OCCURRED", "AUTHORIZATIONS_MERCHANT_OCCURRED",
                    "DISPUTES_TERMINAL", "DISPUTES_MERCHANT");
            // Not the whole window by time, not the cases by status, not a scan.
            assertThat(plan).as(sql).doesNotContain("AUTHORIZATIONS_OCCURRED_AT", "DISPUTES_STATUS_DUE",
                    "AUTHORIZATIONS.tableScan", "DISPUTES.tableScan", "FRAUD_LABELS.tableScan");
        }
    }

    /** A flagged terminal, flagged long ago so that it stays off the top of the analysts' list. */
    private CompromisedPoints.Point flag(String terminal, Instant since) {
        Timestamp longAgo = Timestamp.from(Instant.parse("2001-01-01T00:00:00Z"));
        jdbc.sql("INSERT INTO compromise_flags (kind, point_id, compromised_since, reporting_cards, flagged_at, "
                        + "updated_at) VALUES ('TERMINAL', ?, ?, 3, ?, ?)")
                .params(terminal, Timestamp.from(since), longAgo, longAgo).update();
        return compromise.find(CompromiseDetector.Kind.TERMINAL, terminal).orElseThrow();
    }

    /**
     * Statements run so far that look up authorizations, fraud labels or cases by terminal or
     * merchant, with how often each ran.
     */
    private Map<String, Long> pointStatements() {
        Map<String, Long> counts = new HashMap<>();
        // RAND(): H2 would otherwise hand back this query's previous result while no table changed.
        jdbc.sql("SELECT SQL_STATEMENT, EXECUTION_COUNT FROM INFORMATION_SCHEMA.QUERY_STATISTICS WHERE RAND() < 2")
                .query((ResultSet rs) -> {
                    String sql = rs.getString(1);
                    String lower = sql.toLowerCase(java.util.Locale.ROOT);
                    if (lower.startsWith("select") && (lower.contains("authorizations") || lower.contains("disputes"))
                            && (lower.contains("terminal_id =") || lower.contains("merchant_id ="))) {
                        counts.merge(sql, rs.getLong(2), Long::sum);
                    }
                });
        return counts;
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> ran = new HashMap<>();
        after.forEach((sql, n) -> {
            long more = n - before.getOrDefault(sql, 0L);
            if (more > 0) {
                ran.put(sql, more);
            }
        });
        return ran;
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** H2's plan of a statement as prepared (parameters unbound: the plan does not depend on them). */
    private String explain(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("EXPLAIN " + sql)) {
            ParameterMetaData parameters = s.getParameterMetaData();
            for (int i = 1; i <= parameters.getParameterCount(); i++) {
                s.setNull(i, Types.NULL);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
