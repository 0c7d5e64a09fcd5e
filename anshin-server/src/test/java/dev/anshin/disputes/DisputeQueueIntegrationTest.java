package dev.anshin.disputes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;

/**
 * The dispute queue workbench through MockMvc: counts per status, paging that never truncates,
 * each filter (and bad filter values explained next to their field), assignment to an analyst
 * (audited, idempotent, refused on a stale form, only for analysts and admins), the queue grouped
 * by card and by customer (names read through the privacy module, audited, never stored), the
 * report's reference number (unique, a collision retried, found by the search, in the API), and
 * the analyst's wording on staff pages.
 */
class DisputeQueueIntegrationTest extends DisputeTestSupport {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Pattern CASE = Pattern.compile("data-case=\"([0-9a-f-]{36})\"");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DisputeReferences references;

    @Autowired
    DisputeTexts texts;

    @Test
    void thePagesOfTheQueueTogetherListEveryMatchingCaseEvenPast200WithCountsAndPageLinks() throws Exception {
        Card card = cards.register(newPan(), newCustomer());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 210; i++) {
            ids.add(score(card, "page" + i, NOW.minus(Duration.ofMinutes(300 - i)), m -> { }));
        }
        for (int from = 0; from < ids.size(); from += 20) {
            disputes.submit(card.customerId(), Channel.STAFF, Disputes.Acting.staff("test", "test"),
                    new Disputes.Submission(ids.subList(from, Math.min(ids.size(), from + 20)), Answer.YES,
                            Answer.NO, Answer.NO, Answer.NO, true));
        }
        // Settled first: a case the investigation is still moving changes its place in the queue.
        for (String id : jdbc.sql("SELECT dispute_id FROM disputes WHERE customer_id = ?").param(card.customerId())
                .query(String.class).list()) {
            awaitOutcome(id);
        }
        Set<String> expected = new LinkedHashSet<>(jdbc.sql("SELECT dispute_id FROM disputes WHERE card_last4 = ?")
                .param(card.last4()).query(String.class).list());
        assertThat(expected).hasSizeGreaterThanOrEqualTo(210);

        Set<String> listed = new LinkedHashSet<>();
        String page = page(get("/console/disputes").param("status", "ALL").param("card", card.last4()), analyst());
        int pages = (expected.size() + DisputeConsolePage.PAGE_SIZE - 1) / DisputeConsolePage.PAGE_SIZE;
        assertThat(page).contains(String.format(Locale.ROOT, "%,d 件中 1〜50 件目", expected.size()))
                .contains(pages + " ページ中 1 ページ目").doesNotContain("id=\"prev\"");
        for (int n = 1; n <= pages; n++) {
            if (n > 1) {
                Matcher next = Pattern.compile("id=\"next\" rel=\"next\" href=\"([^\"]+)\"").matcher(
                        page.substring(page.indexOf("id=\"pager\"")));
                assertThat(next.find()).as("a link to page " + n).isTrue();
                String href = HtmlUtils.htmlUnescape(next.group(1));
                assertThat(href).contains("card=" + card.last4()).contains("status=ALL").contains("page=" + n);
                page = page(get(java.net.URI.create(href)), analyst());
            }
            Matcher m = CASE.matcher(page);
            while (m.find()) {
                listed.add(m.group(1));
            }
        }
        assertThat(page).doesNotContain("id=\"next\"");
        assertThat(listed).as("every matching case, on one page or another").isEqualTo(expected);

        // The counts at the top are the whole queue's, per status, and their total.
        Map<DisputeStatus, Long> counts = disputes.waitingByStatus();
        String top = page(get("/console/disputes"), analyst());
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        assertThat(total).isGreaterThanOrEqualTo(1);
        Matcher totalShown = Pattern.compile("data-status=\"TOTAL\">.*?class=\"count\">([\\d,]+)<", Pattern.DOTALL)
                .matcher(top);
        assertThat(totalShown.find()).isTrue();
        // Other tests add cases meanwhile: at least what was counted just before.
        assertThat(Long.parseLong(totalShown.group(1).replace(",", ""))).isGreaterThanOrEqualTo(total);
        assertThat(top).contains("状況別の対応待ち件数").contains("対応待ち合計");

        // A page past the last is explained, not shown empty.
        assertThat(page(get("/console/disputes").param("status", "ALL").param("card", card.last4())
                .param("page", String.valueOf(pages + 1)), analyst(), 400))
                .contains("1 から最後までのページを選んでください");
    }

    @Test
    void eachFilterNarrowsTheQueueAndIsKeptInTheQueryStringAndBadValuesAreExplainedNextToTheirField()
            throws Exception {
        Dispute mine = unclearCase();
        Dispute other = unclearCase();
        String analyst = newAnalyst();
        assertThat(disputes.assign(mine.id(), null, analyst, Disputes.Acting.staff("test", "test")))
                .isEqualTo(Disputes.Assigned.DONE);
        String last4 = cards.find(mine.cardToken()).orElseThrow().last4();

        String byStatus = page(get("/console/disputes").param("status", "ANALYST_REVIEW"), as(analyst));
        assertThat(byStatus).contains("value=\"ANALYST_REVIEW\" selected=\"selected\"");
        assertThat(statuses(byStatus)).containsOnly("ANALYST_REVIEW");

        String assignedToMe = page(get("/console/disputes").param("assigned", "me"), as(analyst));
        assertThat(cases(assignedToMe)).containsExactly(mine.id());
        assertThat(cases(page(get("/console/disputes").param("assigned", analyst), analyst()))).containsExactly(mine.id());
        String nobody = page(get("/console/disputes").param("assigned", "nobody").param("card", last4(other)),
                analyst());
        assertThat(cases(nobody)).contains(other.id()).doesNotContain(mine.id());

        assertThat(cases(page(get("/console/disputes").param("card", last4), analyst()))).contains(mine.id())
                .allMatch(id -> last4.equals(cards.find(disputes.find(id).orElseThrow().cardToken()).orElseThrow()
                        .last4()));

        assertThat(cases(page(get("/console/disputes").param("assessment", "UNCLEAR").param("card", last4),
                analyst()))).contains(mine.id());
        assertThat(cases(page(get("/console/disputes").param("assessment", "FRAUD").param("card", last4),
                analyst()))).doesNotContain(mine.id());

        // Received since: today (JST) finds it; tomorrow does not. Age: received at least a day ago does not.
        String today = java.time.LocalDate.now(dev.anshin.site.Display.ZONE).toString();
        String tomorrow = java.time.LocalDate.now(dev.anshin.site.Display.ZONE).plusDays(1).toString();
        assertThat(cases(page(get("/console/disputes").param("since", today).param("card", last4), analyst())))
                .contains(mine.id());
        assertThat(cases(page(get("/console/disputes").param("since", tomorrow).param("card", last4), analyst())))
                .doesNotContain(mine.id());
        assertThat(cases(page(get("/console/disputes").param("age", "1").param("card", last4), analyst())))
                .doesNotContain(mine.id());
        assertThat(cases(page(get("/console/disputes").param("age", "0").param("card", last4), analyst())))
                .contains(mine.id());

        // The search finds a case by its report's reference number, typed loosely, or by its id.
        String reference = mine.reference();
        assertThat(cases(page(get("/console/disputes").param("q", reference.toLowerCase(Locale.ROOT).replace("-", " ")),
                analyst()))).containsExactly(mine.id());
        assertThat(cases(page(get("/console/disputes").param("q", other.id()), analyst()))).containsExactly(other.id());

        // Bad values: 400, each explained next to its field, the values kept, no case shown.
        String bad = page(get("/console/disputes").param("status", "NOPE").param("assessment", "MAYBE")
                .param("assigned", "someone-else").param("card", "12a4").param("since", "2026-13-01")
                .param("age", "-3").param("q", "D-0000-0000").param("view", "table"), analyst(), 400);
        assertThat(bad).contains("id=\"filter-error\"")
                .contains("id=\"f-status-error\"").contains("一覧から状況を選んでください")
                .contains("id=\"f-assessment-error\"").contains("id=\"f-assigned-error\"")
                .contains("id=\"f-card-error\"").contains("カード番号の下4桁を数字4つで入力してください")
                .contains("id=\"f-since-error\"").contains("id=\"f-age-error\"").contains("id=\"f-q-error\"")
                .contains("id=\"f-view-error\"").contains("value=\"12a4\"").contains("aria-invalid=\"true\"");
        assertThat(cases(bad)).isEmpty();
        assertThat(page(get("/console/disputes").param("card", "12345").param("lang", "en"), analyst(), 400))
                .contains("Enter exactly the four last digits of the card.");
    }

    @Test
    void anAnalystAssignsACaseToThemselvesOrAnotherAuditedIdempotentAndAStaleFormChangesNothing() throws Exception {
        Dispute dispute = unclearCase();
        String first = newAnalyst();
        String second = newAnalyst();
        String path = "/console/disputes/" + dispute.id() + "/assignment";

        mvc.perform(post(path).with(as(first)).with(csrf()).param("to", "me").param("current", ""))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/console/disputes/" + dispute.id()))
                .andExpect(flash().attribute("done", "担当者を " + first + " にしました。"));
        assertThat(disputes.find(dispute.id()).orElseThrow().assignedTo()).isEqualTo(first);
        // The same form sent again: nothing to change, not a refusal.
        mvc.perform(post(path).with(as(first)).with(csrf()).param("to", "me").param("current", ""))
                .andExpect(status().isFound()).andExpect(flash().attribute("done", "変更はありません（すでにその状態です）。"));

        String casePage = page(get("/console/disputes/" + dispute.id()), as(first));
        assertThat(casePage).contains("id=\"assigned-to\">" + first).contains("id=\"unassign\"")
                .doesNotContain("id=\"assign-me\"");
        assertThat(page(get("/console/disputes").param("q", dispute.id()), as(first))).contains("担当: " + first + "<");

        // A form read before that change (nobody assigned) tries to hand it to the second: refused.
        String stale = page(post(path).with(csrf()).param("to", second).param("current", ""), as(second), 409);
        assertThat(stale).contains("開いた後に担当者が変更されました（現在：" + first + "）");
        assertThat(disputes.find(dispute.id()).orElseThrow().assignedTo()).isEqualTo(first);

        // Handed over with a current form, then unassigned.
        mvc.perform(post(path).with(as(first)).with(csrf()).param("to", second).param("current", first))
                .andExpect(status().isFound());
        assertThat(disputes.find(dispute.id()).orElseThrow().assignedTo()).isEqualTo(second);
        mvc.perform(post(path).with(as(second)).with(csrf()).param("to", "").param("current", second))
                .andExpect(status().isFound()).andExpect(flash().attribute("done", "担当者なしにしました。"));
        assertThat(disputes.find(dispute.id()).orElseThrow().assignedTo()).isNull();

        // Only to an analyst; an admin may share out work too; other roles, and no CSRF token, are refused.
        assertThat(page(post(path).with(csrf()).param("to", "nobody-such").param("current", ""), as(first), 400))
                .contains("一覧から分析担当者を選んでください");
        mvc.perform(post(path).with(user("admin-test").roles("ADMIN")).with(csrf()).param("to", first)
                .param("current", "")).andExpect(status().isFound());
        assertThat(disputes.find(dispute.id()).orElseThrow().assignedTo()).isEqualTo(first);
        for (String role : List.of("CUSTOMER_SERVICE", "PRIVACY_OFFICER", "SCORER")) {
            mvc.perform(post(path).with(user("other-" + role).roles(role)).with(csrf()).param("to", second)
                    .param("current", first)).andExpect(status().isForbidden());
        }
        mvc.perform(post(path).with(as(second))).andExpect(status().isForbidden());
        assertThat(disputes.find(dispute.id()).orElseThrow().assignedTo()).isEqualTo(first);

        assertThat(jdbc.sql("SELECT actor || ' ' || action || ' ' || outcome || ' ' || detail FROM audit_log "
                        + "WHERE resource = ? AND action IN ('dispute.assign', 'dispute.unassign') ORDER BY seq")
                .param("dispute/" + dispute.id()).query(String.class).list())
                .containsExactly(first + " dispute.assign SUCCESS nobody->" + first,
                        first + " dispute.assign SUCCESS unchanged " + first,
                        second + " dispute.assign DENIED stale assignment",
                        first + " dispute.assign SUCCESS " + first + "->" + second,
                        second + " dispute.unassign SUCCESS " + second + "->nobody",
                        first + " dispute.assign FAILURE refused: not an analyst",
                        "admin-test dispute.assign SUCCESS nobody->" + first);
    }

    @Test
    void theQueueGroupedByCardAndByCustomerShowsTheNameReadThroughThePrivacyModuleAudited() throws Exception {
        String name = "照会花子" + UUID.randomUUID().toString().substring(0, 4);
        String customer = json.readTree(postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers", Map.of(
                        "customerNumber", "G-" + UUID.randomUUID().toString().substring(0, 8),
                        "values", Map.of("NAME_KANJI", name, "EMAIL", "group@example.jp")))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString())
                .get("customerId").asText();
        Card card = cards.register(newPan(), customer);
        List<String> ids = List.of(score(card, "grp1", NOW.minus(Duration.ofHours(3)), m -> { }),
                score(card, "grp2", NOW.minus(Duration.ofHours(2)), m -> { }));
        disputes.submit(customer, Channel.STAFF, Disputes.Acting.staff("test", "test"),
                new Disputes.Submission(ids, Answer.YES, Answer.NO, Answer.NO, Answer.NO, true));
        List<Dispute> cases = disputes.ofCustomer(customer);
        assertThat(cases).hasSize(2);

        String byCard = page(get("/console/disputes").param("view", "card").param("status", "ALL")
                .param("card", card.last4()), analyst());
        int group = byCard.indexOf("data-group=\"" + card.masked() + "\"");
        assertThat(group).as("the card's group").isPositive();
        String section = byCard.substring(group, byCard.indexOf("</section>", group));
        assertThat(section).contains("data-count=\"2\"").contains("カード " + card.masked() + "：2 件")
                .contains(cases.get(0).id()).contains(cases.get(1).id()).doesNotContain(name);
        assertThat(byCard).doesNotContain(card.token());
        assertThat(page(get("/console/disputes").param("view", "card").param("status", "ALL")
                .param("card", card.last4()).param("lang", "en"), analyst())).contains("Card " + card.masked() + ": 2 cases");

        String reader = "analyst-" + UUID.randomUUID().toString().substring(0, 8);
        String byCustomer = page(get("/console/disputes").param("view", "customer").param("status", "ALL")
                .param("card", card.last4()), user(reader).roles("ANALYST"));
        assertThat(byCustomer).contains(name + "（顧客 " + customer + "）：2 件").contains("id=\"name-note\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND action = 'personal-data.read' "
                        + "AND resource = ? AND outcome = 'SUCCESS' AND purpose = 'FRAUD_INVESTIGATION'")
                .params(reader, "customer/" + customer)
                .query(Long.class).single()).as("the name's read, audited").isEqualTo(1L);
        // Never stored with the cases: no column of the disputes tables holds it.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM disputes WHERE findings LIKE ? OR assigned_to LIKE ?")
                .params("%" + name + "%", "%" + name + "%").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dispute_events WHERE note LIKE ? OR actor LIKE ?")
                .params("%" + name + "%", "%" + name + "%").query(Long.class).single()).isZero();

        // An admin holds no role that works for fraud investigation: the name is not shown and not even asked for.
        String admin = "admin-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(page(get("/console/disputes").param("view", "customer").param("status", "ALL")
                .param("card", card.last4()), user(admin).roles("ADMIN"))).doesNotContain(name).contains("氏名を取得できません");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND action = 'personal-data.read' "
                + "AND outcome <> 'SUCCESS'").param(admin).query(Long.class).single()).isZero();
    }

    @Test
    void aCardNumberInTheSearchOrCardFieldIsRefusedAndNotEchoedAnywhere() throws Exception {
        for (String query : List.of("q=4111111111111111", "q=4111.1111.1111.1111", "card=4111-1111-1111-1111",
                "card=%EF%BC%94%EF%BC%91%EF%BC%91%EF%BC%91111111111111&status=ALL", "q=d%204111%201111%201111%201111")) {
            String body = mvc.perform(get(java.net.URI.create("/console/disputes?" + query)).with(analyst()))
                    .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
            assertThat(body).as(query).doesNotContain("4111111111111111").doesNotContain("4111.1111")
                    .doesNotContain("1111-1111").doesNotContain("4111 1111").doesNotContain("111111111111")
                    .contains("カード番号のような12桁以上の数字").contains("id=\"language\"");
        }
    }

    @Test
    void aDayOutsideTwoThousandToTwentyOneHundredIsAFieldErrorNotAServerError() throws Exception {
        for (String since : List.of("+300000-01-01", "-5000-01-01", "1999-12-31", "2101-01-01")) {
            assertThat(page(get("/console/disputes").param("since", since), analyst(), 400))
                    .as(since).contains("2000年から2100年まで");
        }
    }

    @Test
    void theQueueFiltersByAnAnalystWhoIsNoLongerEnabledIfTheyStillHaveCases() throws Exception {
        Dispute d = unclearCase();
        String gone = "gone-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("UPDATE disputes SET assigned_to = ? WHERE dispute_id = ?").params(gone, d.id()).update();
        assertThat(cases(page(get("/console/disputes").param("assigned", gone).param("status", "ALL"), analyst())))
                .containsExactly(d.id());
        page(get("/console/disputes").param("assigned", "never-" + gone), analyst(), 400);
    }

    @Test
    void everyReportGetsAUniqueReadableReferenceACollisionIsRetriedAndTheApiShowsIt() throws Exception {
        Dispute first = unclearCase();
        assertThat(first.reference()).matches("D-\\d{4}-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{4}");
        assertThat(disputes.report(first.reportId()).orElseThrow().reference()).isEqualTo(first.reference());

        // The generator hands out the taken number first: the report is filed with the next one.
        references.forceNext(first.reference(), first.reference());
        Card card = cards.register(newPan(), newCustomer());
        String id = score(card, "collide", NOW.minus(Duration.ofHours(1)), m -> { });
        Disputes.Submitted second = disputes.submit(card.customerId(), Channel.STAFF,
                Disputes.Acting.staff("test", "test"), new Disputes.Submission(List.of(id), Answer.YES, Answer.NO,
                        Answer.NO, Answer.NO, true));
        assertThat(second.created()).isTrue();
        assertThat(second.report().reference()).isNotEqualTo(first.reference()).matches(DisputeReferences.FORMAT);
        assertThat(second.disputes()).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dispute_reports WHERE reference = ?").param(first.reference())
                .query(Long.class).single()).isEqualTo(1L);

        // The API's answers carry it: the case, and the report.
        JsonNode view = json.readTree(mvc.perform(get("/api/v1/disputes/" + first.id()).header("X-Api-Key",
                key(Role.ANALYST))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(view.toString()).contains("\"reference\":\"" + first.reference() + "\"");

        // Reports filed before references existed get one at start.
        jdbc.sql("UPDATE dispute_reports SET reference = NULL WHERE report_id = ?").param(second.report().id()).update();
        references.backfill();
        assertThat(disputes.report(second.report().id()).orElseThrow().reference()).matches(DisputeReferences.FORMAT);
        assertThat(DisputeReferences.normalize(" d 2612 4k7q ")).isEqualTo("D-2612-4K7Q");
        assertThat(DisputeReferences.normalize("D-2612-4K0Q")).as("0 is never in a reference").isNull();
    }

    @Test
    void staffPagesTellFindingsAndStatusesInTheAnalystsVoice() throws Exception {
        Dispute dispute = unclearCase();
        Finding family = new Finding("family-could-explain", -3, Map.of());
        Finding once = new Finding("other-reports-terminal", 2, Map.of("cards", "1"));
        Finding twice = new Finding("other-reports-terminal", 2, Map.of("cards", "2"));
        jdbc.sql("UPDATE disputes SET findings = ? WHERE dispute_id = ?")
                .params(json.writeValueAsString(List.of(family, once, twice,
                        new Finding("card-other-fraud", 1, Map.of("count", "1")))), dispute.id()).update();
        String en = page(get("/console/disputes/" + dispute.id()).param("lang", "en"), analyst());
        String findings = en.substring(en.indexOf("id=\"findings\""),
                en.indexOf("</section>", en.indexOf("id=\"findings\"")));
        assertThat(findings).contains("The cardholder says a family member could have made it.")
                .contains("Fraud on 1 other card was reported at the same terminal recently.")
                .contains("Frauds on 2 other cards were reported")
                .contains("1 other fraud was reported or confirmed on the customer&#39;s cards")
                .doesNotContainIgnoringCase("your ").doesNotContain("You ").doesNotContain("1 cards");
        String ja = page(get("/console/disputes/" + dispute.id()), analyst());
        assertThat(ja).contains("会員は、家族が利用した可能性があると回答しています。").doesNotContain("ご回答です");
        // The cardholder still reads it in their own words.
        assertThat(texts.finding(family, Locale.ENGLISH)).isEqualTo("You said a family member could have made it.");
        assertThat(texts.staffStatus(DisputeStatus.AWAITING_CARDHOLDER, Locale.ENGLISH))
                .isEqualTo("Waiting for the cardholder's answer");
        assertThat(texts.status(DisputeStatus.AWAITING_CARDHOLDER, Locale.ENGLISH)).isEqualTo("Waiting for your answer");
    }

    // --- helpers

    @Test
    void theDeadlineChartCountsTheWholeFilteredQueueOnEveryPageNotOnlyTheCasesShown() throws Exception {
        Card card = cards.register(newPan(), newCustomer());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < DisputeConsolePage.PAGE_SIZE + 10; i++) {
            ids.add(score(card, "chart" + i, NOW.minus(Duration.ofMinutes(200 - i)), m -> { }));
        }
        for (int from = 0; from < ids.size(); from += 20) {
            disputes.submit(card.customerId(), Channel.STAFF, Disputes.Acting.staff("test", "test"),
                    new Disputes.Submission(ids.subList(from, Math.min(ids.size(), from + 20)), Answer.YES,
                            Answer.NO, Answer.NO, Answer.NO, true));
        }
        List<String> cases = jdbc.sql("SELECT dispute_id FROM disputes WHERE customer_id = ? ORDER BY dispute_id")
                .param(card.customerId()).query(String.class).list();
        for (String id : cases) {
            awaitOutcome(id);
        }
        // Long overdue, then due the day after tomorrow, then due tomorrow: well clear of the bars' edges.
        for (int i = 0; i < cases.size(); i++) {
            Instant due = i < 45 ? Instant.parse("2001-01-01T00:00:00Z")
                    : Instant.now().plus(Duration.ofHours(i < 52 ? 60 : 36));
            jdbc.sql("UPDATE disputes SET review_due_at = ? WHERE dispute_id = ?")
                    .params(java.sql.Timestamp.from(due), cases.get(i)).update();
        }
        Map<String, Long> expected = new java.util.HashMap<>();
        for (String id : jdbc.sql("SELECT dispute_id FROM disputes WHERE card_last4 = ?").param(card.last4())
                .query(String.class).list()) {
            expected.merge(DisputeConsolePage.bucket(disputes.find(id).orElseThrow(), Instant.now()), 1L, Long::sum);
        }
        assertThat(expected.values().stream().mapToLong(Long::longValue).sum())
                .isGreaterThan(DisputeConsolePage.PAGE_SIZE);

        for (String pageNumber : List.of("1", "2")) {
            String page = page(get("/console/disputes").param("status", "ALL").param("card", card.last4())
                    .param("page", pageNumber), analyst());
            for (String bucket : List.of("overdue", "today", "tomorrow", "later", "none")) {
                Matcher bar = Pattern.compile("data-bucket=\"" + bucket + "\" data-count=\"(\\d+)\"").matcher(page);
                assertThat(bar.find()).as(bucket + " bar on page " + pageNumber).isTrue();
                assertThat(Long.parseLong(bar.group(1))).as(bucket + " on page " + pageNumber)
                        .isEqualTo(expected.getOrDefault(bucket, 0L));
            }
        }
    }

    private static RequestPostProcessor analyst() {
        return user("analyst-test").roles("ANALYST");
    }

    private static RequestPostProcessor as(String analyst) {
        return user(analyst).roles("ANALYST");
    }

    /** A staff user holding ANALYST, as the console's sign-in would know them. */
    private String newAnalyst() {
        String name = "analyst-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("INSERT INTO staff_users (username, password_hash, roles, enabled, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(name, "{noop}unused", "ANALYST", true, Timestamp.from(Instant.now())).update();
        return name;
    }

    private String last4(Dispute d) {
        return cards.find(d.cardToken()).orElseThrow().last4();
    }

    private static List<String> cases(String page) {
        List<String> ids = new ArrayList<>();
        Matcher m = CASE.matcher(page);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static List<String> statuses(String page) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("data-case=\"[^\"]+\" data-status=\"([A-Z_]+)\"").matcher(page);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private String page(MockHttpServletRequestBuilder request, RequestPostProcessor who, int expected) throws Exception {
        var response = mvc.perform(request.with(who)).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(expected);
        return response.getContentAsString();
    }

    /** A case of a single plain transaction, which the investigation leaves to an analyst. */
    private Dispute unclearCase() throws Exception {
        Card card = cards.register(newPan(), newCustomer());
        String id = score(card, "queue", NOW.minus(Duration.ofHours(2)), m -> { });
        Disputes.Submitted submitted = disputes.submit(card.customerId(), Channel.STAFF,
                Disputes.Acting.staff("test", "test"), new Disputes.Submission(List.of(id), Answer.YES, Answer.NO,
                        Answer.NO, Answer.NO, true));
        Dispute dispute = awaitOutcome(submitted.disputes().get(0).id());
        assertThat(dispute.status()).isEqualTo(DisputeStatus.ANALYST_REVIEW);
        return dispute;
    }
}
