package dev.anshin.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's statistics staff and partner, through the statistics API with keys of their own: an analyst
 * (ANALYST) defines the month's reports and previews each once, a privacy officer (PRIVACY_OFFICER, another
 * person) publishes a preview a round later (so the console shows one waiting for a while), and a partner
 * (STATISTICS_READER) downloads a published table as CSV and as a chart every round.
 *
 * <p>The privacy budget of a month is finite (ε 3 by default), and every preview spends from the months it
 * covers, so the analyst previews each report of a month once (its request id is fixed by report, month and
 * the number of earlier releases, all failed: after a restart the same preview answers and nothing more is
 * spent), only a complete month (the previous
 * one; the current one only when the demo has no data of the previous), and only while at least
 * {@link #RESERVE} would remain afterwards, for a person trying the console. The reports are coarse and
 * their protection explicit, so cells are released with the demo's few hundred cardholders: a cell needs
 * enough distinct cardholders and a noisy count clear of k.
 */
final class DemoStatistics {

    private static final Logger log = LoggerFactory.getLogger(DemoStatistics.class);
    /** ε the demo leaves in every month's budget for people trying the console. */
    static final BigDecimal RESERVE = new BigDecimal("1.0");
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    /** One of the demo's reports, for one month: its definition without the month, and what a preview costs. */
    record Report(String slug, String name, String measure, String dimensions, String protection, BigDecimal cost) {
        String body(YearMonth month) {
            return String.format(Locale.ROOT, """
                    {"requestId":"demo-report-%s-%s","name":"%s (%s)","measure":"%s","dimensions":%s,\
                    "from":"%s","to":"%s","protection":%s}""", slug, month, name, month, measure, dimensions, month,
                    month, protection);
        }
    }

    /**
     * The demo's reports: ε 1 + 0.5 + 0.5 = 2 of a month's 3. Spend by category (m 3: each cardholder counts in
     * at most three categories), cardholders by merchant region (from the merchant directory) and by country of
     * issue (from the BIN table; each cardholder is in one country, m 1).
     */
    static final List<Report> REPORTS = List.of(
            new Report("spend-by-category", "Spend by merchant category", "SPEND", "[\"MERCHANT_CATEGORY\"]",
                    "{\"k\":10,\"thresholdEpsilon\":\"0.75\",\"valueEpsilon\":\"0.25\",\"cap\":50000,\"maxCells\":3}",
                    new BigDecimal("1.0")),
            new Report("cardholders-by-region", "Cardholders by merchant region", "CARDHOLDERS",
                    "[\"MERCHANT_REGION\"]", "{\"k\":10,\"thresholdEpsilon\":\"0.5\",\"maxCells\":2}",
                    new BigDecimal("0.5")),
            new Report("cardholders-by-country", "Cardholders by country of issue", "CARDHOLDERS",
                    "[\"CARDHOLDER_COUNTRY\"]", "{\"k\":10,\"thresholdEpsilon\":\"0.5\",\"maxCells\":1}",
                    new BigDecimal("0.5")));

    private final DemoApi api;
    private final JsonMapper json;
    private final String analystKey;
    private final String officerKey;
    private final String readerKey;
    private final YearMonth firstMonth;
    private final Clock clock;
    /** Previews seen in an earlier round: the officer publishes them now. */
    private final Set<String> waiting = new HashSet<>();
    private int defined;
    private int previewed;
    private int budgetKept;
    private int published;
    private int downloads;
    private int failed;
    private int round;

    DemoStatistics(DemoApi api, JsonMapper json, String analystKey, String officerKey, String readerKey,
            YearMonth firstMonth, Clock clock) {
        this.api = api;
        this.json = json;
        this.analystKey = analystKey;
        this.officerKey = officerKey;
        this.readerKey = readerKey;
        this.firstMonth = firstMonth;
        this.clock = clock;
    }

    /** The month the demo reports on now: the previous one, or the current one when the demo has none before. */
    YearMonth month() {
        YearMonth previous = YearMonth.now(clock.withZone(JAPAN)).minusMonths(1);
        return previous.isBefore(firstMonth) ? previous.plusMonths(1) : previous;
    }

    /** One round of the analyst, the officer and the partner; a failure is counted, the next round tries again. */
    synchronized void act() {
        try {
            round++;
            YearMonth month = month();
            BigDecimal remaining = remaining(month);
            for (Report report : REPORTS) {
                DemoApi.Answer answer = api.post("/api/v1/statistics/reports", analystKey, report.body(month));
                if (!answer.ok()) {
                    failed++;
                    log.debug("demo statistics: defining answered {}", answer.status());
                    continue;
                }
                defined += answer.status() == 201 ? 1 : 0;
                JsonNode view = json.readTree(answer.body());
                String reportId = view.get("id").asString();
                boolean released = false;
                int earlier = 0;
                for (JsonNode release : view.path("releases")) {
                    earlier++;
                    String status = release.path("status").asString();
                    released |= status.equals("PREVIEW") || status.equals("PUBLISHED");
                    if (status.equals("PREVIEW") && !waiting.add(release.path("id").asString())) {
                        publish(release.path("id").asString());
                    }
                }
                if (released) {
                    continue;
                }
                if (remaining != null && remaining.subtract(report.cost()).compareTo(RESERVE) < 0) {
                    budgetKept++;
                    continue;
                }
                DemoApi.Answer preview = api.post("/api/v1/statistics/reports/" + reportId + "/releases", analystKey,
                        "{\"requestId\":\"demo-preview-" + report.slug() + "-" + month
                                + (earlier == 0 ? "" : "-" + earlier) + "\"}");
                if (preview.status() == 201) {
                    previewed++;
                    waiting.add(json.readTree(preview.body()).path("id").asString());
                    remaining = remaining == null ? null : remaining.subtract(report.cost());
                } else if (preview.status() == 200) {
                    // the same preview before a restart: the stored release, nothing spent now
                    waiting.add(json.readTree(preview.body()).path("id").asString());
                } else if (preview.status() == 409) {
                    budgetKept++;
                } else {
                    failed++;
                    log.debug("demo statistics: previewing answered {}", preview.status());
                }
            }
            download();
        } catch (RuntimeException e) {
            failed++;
            log.debug("demo statistics: a round failed: {}", e.toString());
        }
    }

    /** What is left of the month's budget, or null when none is open yet (the full budget then). */
    private BigDecimal remaining(YearMonth month) {
        DemoApi.Answer answer = api.get("/api/v1/statistics/budgets", analystKey);
        if (!answer.ok()) {
            return null;
        }
        for (JsonNode budget : json.readTree(answer.body())) {
            if (budget.path("period").asString().equals(month.toString())) {
                return new BigDecimal(budget.path("remaining").asString());
            }
        }
        return null;
    }

    private void publish(String releaseId) {
        DemoApi.Answer answer = api.post("/api/v1/statistics/releases/" + releaseId + "/publication", officerKey, "");
        if (answer.ok()) {
            published++;
            waiting.remove(releaseId);
        } else {
            failed++;
            log.debug("demo statistics: publishing answered {}", answer.status());
        }
    }

    /** The partner: the list of published tables, then one of them (in turn) as CSV and as a chart. */
    private void download() {
        DemoApi.Answer list = api.get("/api/v1/statistics/published?limit=20", readerKey);
        if (!list.ok()) {
            failed++;
            return;
        }
        JsonNode releases = json.readTree(list.body());
        if (releases.isEmpty()) {
            return;
        }
        String id = releases.get(round % releases.size()).path("id").asString();
        boolean csv = api.get("/api/v1/statistics/published/" + id + "/table.csv", readerKey).ok();
        boolean chart = api.get("/api/v1/statistics/published/" + id + "/chart.svg", readerKey).ok();
        downloads += (csv ? 1 : 0) + (chart ? 1 : 0);
        failed += (csv ? 0 : 1) + (chart ? 0 : 1);
    }

    /** One line for the log: what the statistics staff and the partner did (counts of actions, never of people). */
    synchronized void summarize() {
        if (round == 0) {
            return;
        }
        log.info("demo statistics: {} reports defined, {} previews, {} published, {} kept back for the budget; "
                + "partner downloads {} (CSV and charts); {} failed", defined, previewed, published, budgetKept,
                downloads, failed);
    }

    /** Counts for the demo's test. */
    synchronized int previewed() {
        return previewed;
    }

    synchronized int published() {
        return published;
    }

    synchronized int downloads() {
        return downloads;
    }
}
