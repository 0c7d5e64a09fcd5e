package dev.anshin.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.audit.AuditLog;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.ErasureReason;
import dev.anshin.privacy.PersonalData;
import javax.sql.DataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class StatisticsIntegrationTest extends IntegrationTestSupport {

    @Autowired
    JdbcClient jdbc;

    /**
     * A month of its own for each test, in a test-data folder kept from earlier runs too: no purchases and
     * no budget opened yet. Years long past (reports start at 2000), so that other tests, which list decisions newest first
     * in the same database, never find these purchases above their own.
     */
    private YearMonth freshMonth() {
        while (true) {
            YearMonth month = YearMonth.of(ThreadLocalRandom.current().nextInt(2002, 2020),
                    ThreadLocalRandom.current().nextInt(1, 13));
            Timestamp start = Timestamp.from(month.atDay(1).atStartOfDay(ZoneId.of("Asia/Tokyo")).toInstant());
            Timestamp end = Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay(ZoneId.of("Asia/Tokyo")).toInstant());
            boolean used = jdbc.sql("SELECT COUNT(*) FROM statistics_budgets WHERE period = ?").param(month.toString())
                    .query(Long.class).single() > 0
                    || jdbc.sql("SELECT COUNT(*) FROM authorizations WHERE occurred_at >= ? AND occurred_at < ?")
                    .params(start, end).query(Long.class).single() > 0;
            if (!used && freshMonths.add(month)) {
                return month;
            }
        }
    }

    private final java.util.Set<YearMonth> freshMonths = new java.util.HashSet<>();

    @Autowired
    PersonalData personalData;
    @Autowired
    Purchases purchases;
    @Autowired
    StatisticsReports reports;
    @Autowired
    StatisticsStore store;
    @Autowired
    PrivacyBudgets budgets;
    @Autowired
    ReferenceData reference;
    @Autowired
    AuditLog audit;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    StatisticsProperties properties;

    private final Actor analyst = new Actor("statistics-test-analyst", java.util.Set.of(Role.ANALYST), "test");
    private final Actor officer = new Actor("statistics-test-officer", java.util.Set.of(Role.PRIVACY_OFFICER), "test");


    @Test
    void aPreviewReleasesLargeCellsOnlyLeavesOptedOutCustomersOutAndIsPublishedForPartners() throws Exception {
        YearMonth month = freshMonth();
        for (int i = 0; i < 30; i++) {
            spend(customer(false), month, "5411", 3);
        }
        for (int i = 0; i < 30; i++) {
            spend(customer(true), month, "5812", 3); // opted out of STATISTICS: never counted
        }
        for (int i = 0; i < 2; i++) {
            spend(customer(false), month, "5732", 3); // two cardholders: below k
        }
        String report = define(Role.ANALYST, month, "SPEND", List.of("MERCHANT_CATEGORY"));
        JsonNode release = preview(Role.ANALYST, report, newId("preview"), 201);
        assertThat(release.get("status").asText()).isEqualTo("PREVIEW");
        Map<String, JsonNode> cells = cells(release);
        assertThat(cells).containsKey("GROCERY").doesNotContainKeys("RESTAURANTS", "ELECTRONICS");
        assertThat(cells.get("GROCERY").get("cardholders").asLong()).isBetween(20L, 40L);
        long total = 0;
        for (JsonNode cell : release.get("table").get("cells")) {
            assertThat(cell.get("cardholders").asLong()).isGreaterThanOrEqualTo(10);
            total += cell.get("value").asLong();
        }
        assertThat(release.get("table").get("total").asLong()).isEqualTo(total);
        assertThat(release.get("table").get("suppressedCells").asInt() + cells.size())
                .isEqualTo(MerchantCategories.GROUPS.size());
        assertThat(release.get("parameters").get("valueSensitivity").asLong()).isEqualTo(50_000);
        assertThat(release.get("parameters").get("totalEpsilon").asText()).isEqualTo("3");
        // ε 2 for the counts, m 1, δ 10⁻⁶: j = 7 (e⁻¹⁴/(1 + e⁻²) ≈ 7.3·10⁻⁷ ≤ 10⁻⁶ < e⁻¹²/(1 + e⁻²))
        assertThat(release.get("parameters").get("delta").asText()).isEqualTo("0.000001");
        assertThat(release.get("parameters").get("threshold").asLong()).isEqualTo(17);
        assertThat(release.get("parameters").get("definition").get("protection").get("delta").asText())
                .isEqualTo("0.000001");
        String id = release.get("id").asText();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'personal-data.statistics' AND resource = ?")
                .param("statistics-release/" + id).query(Long.class).single()).isEqualTo(1);

        // partners see nothing before publication
        mvc.perform(get("/api/v1/statistics/published/" + id).header("X-Api-Key", key(Role.STATISTICS_READER)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/statistics/releases/" + id + "/publication")
                        .header("X-Api-Key", key(Role.PRIVACY_OFFICER)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("PUBLISHED"));
        String csv = mvc.perform(get("/api/v1/statistics/published/" + id + "/table.csv")
                        .header("X-Api-Key", key(Role.STATISTICS_READER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        // every cell of the domain, the suppressed ones marked and empty, never left out in silence
        assertThat(csv).startsWith("\uFEFFMERCHANT_CATEGORY,SPEND,CARDHOLDERS,SUPPRESSED\r\n")
                .contains("\r\nGROCERY," + cells.get("GROCERY").get("value").asLong() + ","
                        + cells.get("GROCERY").get("cardholders").asLong() + ",false\r\n")
                .contains("\r\nRESTAURANTS,,,true\r\n").contains("\r\nELECTRONICS,,,true\r\n");
        assertThat(csv.split("\r\n")).hasSize(1 + MerchantCategories.GROUPS.size());
        String svg = mvc.perform(get("/api/v1/statistics/published/" + id + "/chart.svg")
                        .header("X-Api-Key", key(Role.STATISTICS_READER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(svg).startsWith("<svg").contains("<title").contains("GROCERY")
                .contains(ReleaseChart.suppressedNote(release.get("table").get("suppressedCells").asInt()));
    }

    @Test
    void aReleasePastTheBudgetIsRefusedAndARetriedPreviewSpendsNothingMore() throws Exception {
        YearMonth month = freshMonth();
        spend(customer(false), month, "5411", 1);
        String report = define(Role.ANALYST, month, "SPEND", List.of("MERCHANT_CATEGORY"));
        String requestId = newId("preview");
        JsonNode first = preview(Role.ANALYST, report, requestId, 201);
        JsonNode again = preview(Role.ANALYST, report, requestId, 200); // nothing new: the stored release
        assertThat(again.get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(again.get("requestId").asText()).isEqualTo(requestId);
        assertThat(again.get("parameters").get("definition").get("requestId").asText())
                .isEqualTo(json.readTree(mvc.perform(get("/api/v1/statistics/reports/" + report)
                        .header("X-Api-Key", key(Role.ANALYST))).andReturn().getResponse().getContentAsString())
                        .get("definition").get("requestId").asText()).isNotBlank();
        assertThat(budget(month).get("spent").asText()).isEqualTo("3");
        assertThat(budget(month).get("remaining").asText()).isEqualTo("0");
        long releases = releases(report);
        JsonNode refused = preview(Role.ANALYST, report, newId("preview"), 409);
        assertThat(refused.get("type").asText()).endsWith("/privacy-budget-exhausted");
        assertThat(refused.get("errors").get(0).get("message").asText()).contains(month.toString());
        assertThat(releases(report)).isEqualTo(releases);
        assertThat(budget(month).get("spent").asText()).isEqualTo("3");
    }

    @Test
    void theAnalystWhoComputedAReleaseDoesNotPublishIt() throws Exception {
        YearMonth month = freshMonth();
        String both = clients.register(newId("both"), EnumSet.of(Role.ANALYST, Role.PRIVACY_OFFICER));
        String report = define(Role.ANALYST, month, "TRANSACTIONS", List.of("MONTH"));
        JsonNode release = json.readTree(mvc.perform(post("/api/v1/statistics/reports/" + report + "/releases")
                        .header("X-Api-Key", both).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"requestId\":\"" + newId("p") + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        mvc.perform(post("/api/v1/statistics/releases/" + release.get("id").asText() + "/publication")
                        .header("X-Api-Key", both))
                .andExpect(status().isConflict());
    }

    @Test
    void rolesAreLeastPrivilege() throws Exception {
        String report = define(Role.ANALYST, freshMonth(), "CARDHOLDERS", List.of("AGE_BAND"));
        postAs(Role.STATISTICS_READER, "/api/v1/statistics/reports", definition(freshMonth(), "SPEND",
                List.of("MONTH"))).andExpect(status().isForbidden());
        postAs(Role.ADMIN, "/api/v1/statistics/reports/" + report + "/releases", Map.of("requestId", newId("p")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/statistics/reports/" + report).header("X-Api-Key", key(Role.STATISTICS_READER)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/statistics/releases/" + UUID.randomUUID() + "/publication")
                        .header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isForbidden());
    }

    @Test
    void badDefinitionsAreRefusedNamingTheFieldAndStoreNothing() throws Exception {
        YearMonth month = freshMonth();
        refused(definition(month, "SPEND", List.of("MONTH", "MERCHANT_COLOUR")), "dimensions[1]");
        refused(definition(month, "PROFIT", List.of("MONTH")), "measure");
        Map<String, Object> lowK = definition(month, "SPEND", List.of("MONTH"));
        lowK.put("protection", Map.of("k", 4));
        refused(lowK, "protection.k");
        refused(with(definition(month, "SPEND", List.of("MONTH")), "colour", "blue"), "colour");
        refused(with(definition(month, "SPEND", List.of("MONTH")), "filters",
                Map.of("MERCHANT_REGION", List.of("ATLANTIS"))), "filters.MERCHANT_REGION[0]");
        Map<String, Object> cardholders = definition(month, "CARDHOLDERS", List.of("MONTH"));
        cardholders.put("protection", Map.of("valueEpsilon", "1"));
        refused(cardholders, "protection.valueEpsilon");
        refused(with(definition(month, "SPEND", List.of("MONTH")), "to", month.plusMonths(24).toString()), "to");
        Map<String, Object> exponent = definition(month, "SPEND", List.of("MONTH"));
        exponent.put("protection", Map.of("delta", "1E-6"));
        refused(exponent, "protection.delta");
        Map<String, Object> tooLarge = definition(month, "SPEND", List.of("MONTH"));
        tooLarge.put("protection", Map.of("delta", "0.01"));
        refused(tooLarge, "protection.delta");
        Map<String, Object> number = definition(month, "SPEND", List.of("MONTH"));
        number.put("protection", Map.of("delta", 0.000001));
        postAs(Role.ANALYST, "/api/v1/statistics/reports", number).andExpect(status().isUnprocessableContent());
        Map<String, Object> wrongType = definition(month, "SPEND", List.of("MONTH"));
        wrongType.put("protection", Map.of("k", "10"));
        postAs(Role.ANALYST, "/api/v1/statistics/reports", wrongType).andExpect(status().isUnprocessableContent());
    }

    @Test
    void theReferenceTablesTakeAtMostAsManyEntriesPerCallAsTheBodyLimitCarriesAndStoreNoneOfATooLongList()
            throws Exception {
        String prefix = "ref-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<Map<String, String>> longest = new ArrayList<>();
        for (int i = 0; i < StatisticsController.MAX_PER_CALL; i++) {
            // the longest merchant ids there are (64 characters): the most a call of the limit can weigh
            longest.add(Map.of("merchantId", (prefix + i + "-" + "x".repeat(64)).substring(0, 64), "prefecture", "13"));
        }
        mvc.perform(put("/api/v1/statistics/merchant-directory").header("X-Api-Key", key(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("merchants", longest))))
                .andExpect(status().isNoContent());
        List<Map<String, String>> tooMany = new ArrayList<>();
        for (int i = 0; i <= StatisticsController.MAX_PER_CALL; i++) {
            tooMany.add(Map.of("merchantId", prefix + "more-" + i, "prefecture", "27"));
        }
        mvc.perform(put("/api/v1/statistics/merchant-directory").header("X-Api-Key", key(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("merchants", tooMany))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("merchants"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM merchant_directory WHERE merchant_id LIKE ?").param(prefix + "more-%")
                .query(Long.class).single()).isZero();
        List<Map<String, String>> bins = new ArrayList<>();
        for (int i = 0; i <= StatisticsController.MAX_PER_CALL; i++) {
            bins.add(Map.of("binPrefix", String.valueOf(10_000_000 + i), "country", "US"));
        }
        mvc.perform(put("/api/v1/statistics/bin-countries").header("X-Api-Key", key(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("bins", bins))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("bins"));
    }

    @Test
    void aRetriedDefinitionAnswersTheReportAndAnotherUnderTheSameIdIsRefused() throws Exception {
        YearMonth month = freshMonth();
        Map<String, Object> body = definition(month, "SPEND", List.of("MONTH"));
        String first = json.readTree(postAs(Role.ANALYST, "/api/v1/statistics/reports", body)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asText();
        JsonNode retried = json.readTree(postAs(Role.ANALYST, "/api/v1/statistics/reports", body)
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(retried.get("id").asText()).isEqualTo(first);
        assertThat(retried.get("definition").get("requestId").asText()).as("the stored request id, not null")
                .isEqualTo(body.get("requestId"));
        postAs(Role.ANALYST, "/api/v1/statistics/reports", with(body, "measure", "TRANSACTIONS"))
                .andExpect(status().isConflict());
    }

    @Test
    void erasedCustomersCardsWithoutACustomerAndCustomersWhoOptedOutMeanwhileAreNotRead() throws Exception {
        YearMonth month = freshMonth();
        String counted = customer(false);
        spend(counted, month, "5411", 2);
        String erased = customer(false);
        spend(erased, month, "5812", 2);
        personalData.erase(officer, erased, ErasureReason.PERSON_REQUESTED, newId("erase"));
        String noCustomer = cards.register(newPan()).token();
        spendOnCard(noCustomer, at(month, 11), "5732");
        String optsOutLater = customer(false);
        spend(optsOutLater, month, "4121", 2);
        // the population is taken first and the opt-out comes after it, before the purchases are read: the
        // purchases query decides who counts, in its own snapshot, so the opt-out holds
        var population = personalData.statisticsPopulation(analyst, newId("release"), false, month.atEndOfMonth());
        optOut(optsOutLater);

        List<Purchases.Row> rows = new ArrayList<>();
        purchases.stream(TimeBuckets.of(Dimension.MONTH, month, month), false, EnumSet.of(Dimension.MERCHANT_CATEGORY),
                population, rows::add);
        assertThat(rows).extracting(Purchases.Row::customerId).containsOnly(counted);
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.mcc()).isEqualTo("5411");
            assertThat(row.count()).isEqualTo(2);
        });
    }

    @Test
    void weeksAtTheEdgesOfTheMonthsAreClippedToThem() throws Exception {
        // A week that straddles the first or last month holds only the report's days: its purchases on the
        // other months' days are not read, and the release spends only the report's months.
        YearMonth month = freshMonth();
        while (month.atDay(1).getDayOfWeek() == java.time.DayOfWeek.MONDAY
                || month.atEndOfMonth().getDayOfWeek() == java.time.DayOfWeek.SUNDAY) {
            month = freshMonth();
        }
        String customer = customer(false);
        String token = jdbc.sql("SELECT token FROM cards WHERE customer_id = ?").param(customer).query(String.class)
                .single();
        YearMonth previous = month.minusMonths(1);
        spendOnCard(token, at(previous, previous.lengthOfMonth()), "5411"); // the first week, the month before
        spendOnCard(token, at(month, 1), "5411");
        spendOnCard(token, at(month, month.lengthOfMonth()), "5411");
        spendOnCard(token, at(month.plusMonths(1), 1), "5411"); // the last week, the month after
        TimeBuckets weeks = TimeBuckets.of(Dimension.WEEK, month, month);
        assertThat(weeks.labels().get(0)).isEqualTo(month.atDay(1)
                .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)).toString());
        assertThat(weeks.starts().get(0)).isEqualTo(weeks.start());
        var population = personalData.statisticsPopulation(analyst, newId("release"), false, month.atEndOfMonth());
        List<Purchases.Row> rows = new ArrayList<>();
        purchases.stream(weeks, true, EnumSet.of(Dimension.WEEK), population, rows::add);
        assertThat(rows).extracting(Purchases.Row::timeBucket).containsExactlyInAnyOrder(0, weeks.labels().size() - 1);
        assertThat(rows.stream().mapToLong(Purchases.Row::count).sum()).isEqualTo(2);

        String neighbours = "SELECT COALESCE(SUM(spent_thousandths), 0) FROM statistics_budgets WHERE period IN (?, ?)";
        long spentAround = jdbc.sql(neighbours).params(previous.toString(), month.plusMonths(1).toString())
                .query(Long.class).single();
        String report = define(Role.ANALYST, month, "TRANSACTIONS", List.of("WEEK"));
        JsonNode release = preview(Role.ANALYST, report, newId("preview"), 201);
        List<String> periods = new ArrayList<>();
        release.get("periods").forEach(period -> periods.add(period.asText()));
        assertThat(periods).containsExactly(month.toString());
        assertThat(budget(month).get("spent").asText()).isEqualTo("3");
        assertThat(jdbc.sql(neighbours).params(previous.toString(), month.plusMonths(1).toString()).query(Long.class)
                .single()).isEqualTo(spentAround);
    }

    @Test
    void aReportByAgeBandIsPreviewedEndToEndFromTheBandsThePrivacyModuleHandsOut() throws Exception {
        YearMonth month = freshMonth();
        String dateOfBirth = (month.getYear() - 45) + "-01-15"; // 45 at the end of the month: 40-49
        for (int i = 0; i < 25; i++) {
            spend(customerBornOn(dateOfBirth), month, "5411", 1);
        }
        Map<String, Object> body = definition(month, "CARDHOLDERS", List.of("AGE_BAND"));
        body.put("protection", Map.of("k", 10, "thresholdEpsilon", "3", "maxCells", 1));
        String report = json.readTree(postAs(Role.ANALYST, "/api/v1/statistics/reports", body)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asText();
        JsonNode release = preview(Role.ANALYST, report, newId("preview"), 201);
        Map<String, JsonNode> cells = cells(release);
        // ε 3, m 1: noise of scale 1/3, τ = 15; the other bands hold no one here and are never released
        assertThat(cells).containsOnlyKeys("40-49");
        assertThat(cells.get("40-49").get("value").asLong()).isBetween(23L, 27L);
        assertThat(release.get("table").get("suppressedCells").asInt())
                .isEqualTo(dev.anshin.privacy.StatisticsPopulation.AGE_BANDS.size() - 1);
        String detail = jdbc.sql("SELECT detail FROM audit_log WHERE action = 'personal-data.statistics' AND resource = ?")
                .param("statistics-release/" + release.get("id").asText()).query(String.class).single();
        assertThat(detail).contains("DATE_OF_BIRTH as age band").doesNotContainPattern("[0-9]");
    }

    @Test
    void twoRacingPreviewsOfTheSameMonthCannotOverspendItsBudget() throws Exception {
        // budget 3 per month; each release costs 2 (1 + 1): of two previews started together, one is refused
        YearMonth month = freshMonth();
        spend(customer(false), month, "5411", 1);
        List<String> reportIds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Map<String, Object> body = definition(month, "SPEND", List.of("MERCHANT_CATEGORY"));
            body.put("protection", Map.of("thresholdEpsilon", "1", "valueEpsilon", "1", "maxCells", 1));
            reportIds.add(json.readTree(postAs(Role.ANALYST, "/api/v1/statistics/reports", body)
                    .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asText());
        }
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<String>> outcomes = new ArrayList<>();
            for (String report : reportIds) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        return reports.preview(analyst, report, newId("race")).status().name();
                    } catch (dev.anshin.problems.RequestProblem refused) {
                        return refused.type().name();
                    }
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (var outcome : outcomes) {
                results.add(outcome.get(2, java.util.concurrent.TimeUnit.MINUTES));
            }
            assertThat(results).containsExactlyInAnyOrder("PREVIEW", "PRIVACY_BUDGET_EXHAUSTED");
        } finally {
            pool.shutdownNow();
        }
        assertThat(budget(month).get("spent").asText()).isEqualTo("2");
    }

    @Test
    void aFailureBeforeThePurchasesAreReadGivesTheBudgetBackAndOneAfterKeepsItSpent() throws Exception {
        YearMonth before = freshMonth();
        YearMonth after = freshMonth();
        ReferenceData brokenBins = new ReferenceData(jdbc, clock) {
            @Override
            public List<BinCountry> binCountries() {
                throw new IllegalStateException("the BIN table is unreadable");
            }
        };
        Purchases brokenStream = new Purchases(dataSource, transactionManager, properties) {
            @Override
            void stream(TimeBuckets time, boolean byTime, java.util.Set<Dimension> needed,
                    dev.anshin.privacy.StatisticsPopulation population, RowHandler handler) {
                throw new IllegalStateException("the connection broke while rows were streaming");
            }
        };
        StatisticsReports failsBefore = new StatisticsReports(store, budgets, brokenBins, purchases, personalData, audit,
                transactions, clock);
        StatisticsReports failsAfter = new StatisticsReports(store, budgets, reference, brokenStream, personalData, audit,
                transactions, clock);
        String reportBefore = define(Role.ANALYST, before, "SPEND", List.of("MERCHANT_CATEGORY"));
        String reportAfter = define(Role.ANALYST, after, "SPEND", List.of("MERCHANT_CATEGORY"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> failsBefore.preview(analyst, reportBefore, newId("p")))
                .hasMessageContaining("BIN table");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> failsAfter.preview(analyst, reportAfter, newId("p")))
                .hasMessageContaining("connection broke");
        assertThat(budget(before).get("spent").asText()).isEqualTo("0");
        assertThat(budget(after).get("spent").asText()).isEqualTo("3");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM statistics_releases WHERE report_id IN (?, ?) AND status = 'FAILED'")
                .params(reportBefore, reportAfter).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void progressIsRoundedDownToHundredsOfThousandsOfRows() {
        assertThat(StatisticsReports.coarse(0)).isZero();
        assertThat(StatisticsReports.coarse(99_999)).isZero();
        assertThat(StatisticsReports.coarse(123_456)).isEqualTo(100_000);
        assertThat(StatisticsReports.coarse(2_000_001)).isEqualTo(2_000_000);
    }

    private void refused(Map<String, Object> body, String field) throws Exception {
        String requestId = (String) body.get("requestId");
        postAs(Role.ANALYST, "/api/v1/statistics/reports", body)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value(field));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM statistics_reports WHERE request_id = ?").param(requestId)
                .query(Long.class).single()).isZero();
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    private static Map<String, Object> definition(YearMonth month, String measure, List<String> dimensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", newId("def"));
        body.put("name", "Test report " + month);
        body.put("measure", measure);
        body.put("dimensions", dimensions);
        body.put("from", month.toString());
        body.put("to", month.toString());
        Map<String, Object> protection = new LinkedHashMap<>();
        protection.put("k", 10);
        protection.put("thresholdEpsilon", "2");
        if (!measure.equals("CARDHOLDERS")) {
            protection.put("valueEpsilon", "1");
        }
        protection.put("maxCells", 1);
        body.put("protection", protection);
        return body;
    }

    private String define(Role role, YearMonth month, String measure, List<String> dimensions) throws Exception {
        String body = postAs(role, "/api/v1/statistics/reports", definition(month, measure, dimensions))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("id").asText();
    }

    private JsonNode preview(Role role, String report, String requestId, int expected) throws Exception {
        String body = postAs(role, "/api/v1/statistics/reports/" + report + "/releases", Map.of("requestId", requestId))
                .andExpect(status().is(expected)).andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }

    private static Map<String, JsonNode> cells(JsonNode release) {
        Map<String, JsonNode> cells = new LinkedHashMap<>();
        release.get("table").get("cells").forEach(cell -> cells.put(cell.get("values").get(0).asText(), cell));
        return cells;
    }

    private JsonNode budget(YearMonth month) throws Exception {
        JsonNode budgets = json.readTree(mvc.perform(get("/api/v1/statistics/budgets")
                .header("X-Api-Key", key(Role.ANALYST))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
        for (JsonNode budget : budgets) {
            if (budget.get("period").asText().equals(month.toString())) {
                return budget;
            }
        }
        throw new AssertionError("no budget for " + month);
    }

    private long releases(String report) {
        return jdbc.sql("SELECT COUNT(*) FROM statistics_releases WHERE report_id = ?").param(report)
                .query(Long.class).single();
    }

    /** A customer with a card; opted out of STATISTICS when asked. */
    private String customer(boolean optedOut) throws Exception {
        String id = customerBornOn("1985-04-01");
        if (optedOut) {
            optOut(id);
        }
        return id;
    }

    private String customerBornOn(String dateOfBirth) throws Exception {
        String id = json.readTree(postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers", Map.of(
                        "customerNumber", "S-" + UUID.randomUUID().toString().substring(0, 8),
                        "values", Map.of("NAME_KANJI", "統計花子", "DATE_OF_BIRTH", dateOfBirth)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString())
                .get("customerId").asText();
        cards.register(newPan(), id);
        return id;
    }

    private void optOut(String customerId) throws Exception {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("purpose", "STATISTICS");
        choice.put("granted", false);
        choice.put("channel", "PORTAL");
        choice.put("noticeVersion", "2026-04");
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers/" + customerId + "/consents", choice).andExpect(status().isOk());
    }

    private static java.time.Instant at(YearMonth month, int day) {
        return LocalDate.of(month.getYear(), month.getMonth(), day).atTime(12, 0).atZone(ZoneId.of("Asia/Tokyo"))
                .toInstant();
    }

    /** One approved purchase of 2,000 yen on a card, written as the scoring path stores it. */
    private void spendOnCard(String token, java.time.Instant instant, String mcc) {
        Timestamp at = Timestamp.from(instant);
        String id = newId("stat");
        jdbc.sql("""
                INSERT INTO authorizations (authorization_id, request_fingerprint, card_token, amount_minor, currency,
                  merchant_id, mcc, terminal_id, merchant_country, pos_entry_mode, card_present, occurred_at,
                  decision, score, reasons, model_version, rule_set_version, shadow_scores, latency_micros,
                  processing_micros, decided_at)
                VALUES (?, ?, ?, 2000, 'JPY', 'M-STAT', ?, 'T-STAT', 'JP', 'CHIP', TRUE, ?, 'APPROVE', 0.01, '[]', 'test',
                  1, '{}', 0, 0, ?)""")
                .params(id, id, token, mcc, at, at).update();
    }

    /** Approved purchases in yen, written as the scoring path stores them. */
    private void spend(String customerId, YearMonth month, String mcc, int purchases) {
        String token = jdbc.sql("SELECT token FROM cards WHERE customer_id = ?").param(customerId).query(String.class)
                .single();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < purchases; i++) {
            Timestamp at = Timestamp.from(LocalDate.of(month.getYear(), month.getMonth(), 10 + i)
                    .atTime(12, 0).atZone(ZoneId.of("Asia/Tokyo")).toInstant());
            String id = newId("stat");
            jdbc.sql("""
                    INSERT INTO authorizations (authorization_id, request_fingerprint, card_token, amount_minor, currency,
                      merchant_id, mcc, terminal_id, merchant_country, pos_entry_mode, card_present, occurred_at,
                      decision, score, reasons, model_version, rule_set_version, shadow_scores, latency_micros,
                      processing_micros, decided_at)
                    VALUES (?, ?, ?, 2000, 'JPY', 'M-STAT', ?, 'T-STAT', 'JP', 'CHIP', TRUE, ?, 'APPROVE', 0.01, '[]', 'test',
                      1, '{}', 0, 0, ?)""")
                    .params(id, id, token, mcc, at, at).update();
            rows.add(new Object[] {id});
        }
    }
}
