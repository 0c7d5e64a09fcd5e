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
import dev.anshin.fraud.ScoredAuthorizations;
import dev.anshin.scoring.Reason;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.HtmlUtils;

/**
 * The staff case console through MockMvc, as a signed-in staff member: the queue by deadline, a
 * case with its evidence and history, moves made with the page's forms (and refused ones shown on
 * the page with nothing changed), who may look and who may act, and the points of compromise with
 * their exposed cards masked and blocked on confirmation.
 */
class DisputeConsoleIntegrationTest extends DisputeTestSupport {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Autowired
    DisputeTexts texts;

    @Autowired
    CompromisedPoints compromise;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ScoredAuthorizations scored;

    @Test
    void theQueueListsCasesWaitingForAnAnalystEarliestDeadlineFirstOverdueHighlighted() throws Exception {
        Dispute later = unclearCase();
        Dispute sooner = unclearCase();
        // Both long overdue, the second case due an hour before the first: before anything else in the queue.
        Instant base = Instant.parse("2001-01-01T00:00:00Z").plusSeconds(ThreadLocalRandom.current().nextInt(1_000_000));
        due(later, base.plus(Duration.ofHours(2)));
        due(sooner, base.plus(Duration.ofHours(1)));

        String page = page(get("/console/disputes"), analyst());
        int soonerRow = page.indexOf("data-case=\"" + sooner.id() + "\"");
        int laterRow = page.indexOf("data-case=\"" + later.id() + "\"");
        assertThat(soonerRow).isPositive().isLessThan(laterRow);
        assertThat(page.substring(page.lastIndexOf("<tr", soonerRow), soonerRow + 200)).contains("overdue");
        assertThat(page).contains("不正利用申告の案件").contains("担当者が確認中").contains("期限超過")
                .contains(cards.find(sooner.cardToken()).orElseThrow().masked())
                .doesNotContain(sooner.cardToken());
        Matcher overdueBar = Pattern.compile("data-bucket=\"overdue\" data-count=\"(\\d+)\"").matcher(page);
        assertThat(overdueBar.find()).as("the chart's overdue bar").isTrue();
        assertThat(Integer.parseInt(overdueBar.group(1))).isGreaterThanOrEqualTo(2);

        assertThat(page(get("/console/disputes").param("lang", "en"), analyst())).contains("Dispute cases")
                .contains("Cases by deadline").contains("With an analyst");
        // Out of the queue again, so that no later run finds them first.
        for (Dispute d : List.of(later, sooner)) {
            disputes.act(d.id(), null, DisputeAction.DECIDE_GENUINE, Disputes.Acting.staff("test", "test"), null, null);
        }
    }

    @Test
    void anAnalystReadsTheEvidenceAndConfirmsFraudWithTheFormWhichBlocksTheCardAndIsAudited() throws Exception {
        Dispute dispute = unclearCase();
        String page = page(get("/console/disputes/" + dispute.id()), analyst());
        assertThat(dispute.findings()).isNotEmpty();
        for (Finding finding : dispute.findings()) {
            assertThat(page).contains(HtmlUtils.htmlEscape(texts.staffFinding(finding, Locale.JAPANESE)));
        }
        assertThat(page).contains("調査の根拠と重み").contains("承認時のリスク判定").contains("お客さまの回答")
                .contains("申告受付").contains("担当者へ回付").contains(dispute.authorizationId())
                .contains(cards.find(dispute.cardToken()).orElseThrow().masked()).doesNotContain(dispute.cardToken())
                .contains("data-action=\"CONFIRM_FRAUD\"").contains("data-action=\"ASK_CARDHOLDER\"")
                .doesNotContain("data-action=\"CHARGEBACK_WON\"");
        assertThat(page(get("/console/disputes/" + dispute.id()).param("lang", "en"), analyst()))
                .contains("Findings and their weights").contains("Risk decision at authorization")
                .contains(HtmlUtils.htmlEscape(texts.staffFinding(dispute.findings().get(0), Locale.ENGLISH)));

        String analyst = "analyst-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/console/disputes/" + dispute.id() + "/actions").with(user(analyst).roles("ANALYST"))
                        .with(csrf()).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("action", "CONFIRM_FRAUD").param("note", "called the cardholder")
                        .param("confirmed", "yes").param("version", String.valueOf(dispute.version())))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/disputes/" + dispute.id()))
                .andExpect(flash().attributeExists("done"));

        Dispute confirmed = disputes.find(dispute.id()).orElseThrow();
        assertThat(confirmed.status()).isEqualTo(DisputeStatus.CHARGEBACK_FILED);
        assertThat(cards.find(dispute.cardToken()).orElseThrow().blocked()).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE resource = ? AND action = 'dispute.confirm_fraud' "
                        + "AND outcome = 'SUCCESS' AND actor = ?").params("dispute/" + dispute.id(), analyst)
                .query(Long.class).single()).isEqualTo(1L);
        String after = page(get("/console/disputes/" + dispute.id()), analyst());
        assertThat(after).contains("加盟店へ返金請求中").contains("不正と確定").contains(analyst)
                .contains("called the cardholder").contains(confirmed.chargebackReference())
                .contains("data-action=\"WITHDRAW_CHARGEBACK\"");
    }

    @Test
    void theCaseShowsTheAuthorizationsReasonsInWordsInTheStaffsLanguage() throws Exception {
        // The tests run without a model: a rule of its own gives the charge its reason.
        Card card = cards.register(newPan(), newCustomer());
        String rule = "watch-" + card.last4() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> watch = new LinkedHashMap<>();
        watch.put("id", rule);
        watch.put("description", "Terminal under watch");
        watch.put("action", "ALLOW");
        watch.put("enabled", true);
        watch.put("condition", Map.of("type", "inList", "attribute", "TERMINAL", "values", List.of("t-" + rule + "-" + card.last4())));
        postAs(Role.ADMIN, "/api/v1/rules", watch).andExpect(status().isCreated());
        String charge = score(card, rule, NOW.minus(Duration.ofHours(2)), m -> { });
        assertThat(scored.find(charge).orElseThrow().decision().reasons()).extracting(Reason::code).contains(rule);
        Dispute dispute = awaitOutcome(report(card.customerId(), charge));

        String ja = page(get("/console/disputes/" + dispute.id()), analyst());
        assertThat(ja).as("staff quote the reference number").contains("<h1>案件 " + dispute.reference() + "</h1>");
        assertThat(reasonTable(ja))
                .contains("ルール「" + rule + "」に該当: Terminal under watch").contains("data-code=\"" + rule + "\"");
        assertThat(reasonTable(page(get("/console/disputes/" + dispute.id()).param("lang", "en"), analyst())))
                .contains("Rule \u201c" + rule + "\u201d matched: Terminal under watch").contains("Contribution");
    }

    private static String reasonTable(String html) {
        int start = html.indexOf("id=\"case-reasons\"");
        assertThat(start).as("the case's reason table").isPositive();
        return html.substring(start, html.indexOf("</table>", start));
    }

    @Test
    void refusedMovesAreExplainedOnTheCaseWithNothingChanged() throws Exception {
        Dispute dispute = unclearCase();
        String base = "/console/disputes/" + dispute.id() + "/actions";

        String illegal = refused(base, "CHARGEBACK_WON", null, dispute.version(), 409);
        assertThat(illegal).contains("「チャージバック成立」は、この案件の現在の状態ではできません");
        String question = refused(base, "ASK_CARDHOLDER", "  ", dispute.version(), 422);
        assertThat(question).contains("お客さまへの質問を入力してください");
        String stale = refused(base, "CONFIRM_FRAUD", "typed before someone else acted", dispute.version() - 1, 409);
        assertThat(stale).contains("この画面を開いた後に案件が更新されています")
                .as("the note as typed").contains("typed before someone else acted");
        assertThat(refused(base, "NO_SUCH_MOVE", null, dispute.version(), 422)).contains("何も変更していません");
        // Confirming fraud blocks, replaces and credits: not without the analyst's tick on the form.
        assertThat(page(post(base).with(csrf()).param("action", "CONFIRM_FRAUD")
                .param("version", String.valueOf(dispute.version())), analyst(), 422))
                .contains("取り消せない処理のため");
        mvc.perform(post("/console/disputes/no-such-case/actions").with(analyst()).with(csrf())
                .param("action", "CONFIRM_FRAUD")).andExpect(status().isNotFound());
        mvc.perform(get("/console/disputes/no-such-case").with(analyst())).andExpect(status().isNotFound());
        // A form sent without the page's CSRF token is refused before it reaches the case.
        mvc.perform(post(base).with(analyst()).param("action", "CONFIRM_FRAUD")).andExpect(status().isForbidden());

        // Each refusal the case service saw is in the audit log under the analyst's name.
        assertThat(jdbc.sql("SELECT action || ' ' || outcome FROM audit_log WHERE resource = ? AND actor = ?")
                .params("dispute/" + dispute.id(), "analyst-test").query(String.class).list())
                .contains("dispute.chargeback_won DENIED", "dispute.ask_cardholder FAILURE",
                        "dispute.confirm_fraud DENIED");

        Dispute unchanged = disputes.find(dispute.id()).orElseThrow();
        assertThat(unchanged.status()).isEqualTo(DisputeStatus.ANALYST_REVIEW);
        assertThat(unchanged.version()).isEqualTo(dispute.version());
        assertThat(cards.find(dispute.cardToken()).orElseThrow().blocked()).isFalse();

        mvc.perform(post(base).with(analyst()).with(csrf()).param("action", "ASK_CARDHOLDER")
                        .param("note", "Did you lend the card to anyone?").param("version", String.valueOf(dispute.version())))
                .andExpect(status().isFound());
        assertThat(disputes.find(dispute.id()).orElseThrow().status()).isEqualTo(DisputeStatus.AWAITING_CARDHOLDER);
        assertThat(page(get("/console/disputes/" + dispute.id()), analyst())).contains("会員の回答待ち")
                .contains("Did you lend the card to anyone?");
    }

    @Test
    void adminsMayLookButNotActAndCustomerServiceSeesNoConsole() throws Exception {
        Dispute dispute = unclearCase();
        RequestPostProcessor admin = user("admin-test").roles("ADMIN");
        // The queue pages (50 a page) and other tests' cases may come first: found by its id.
        assertThat(page(get("/console/disputes").param("q", dispute.id()), admin)).contains(dispute.id());
        assertThat(page(get("/console/disputes/" + dispute.id()), admin)).contains("閲覧のみです")
                .doesNotContain("data-action=");
        assertThat(page(get("/console/compromised-points"), admin)).doesNotContain("class=\"block\"");
        mvc.perform(post("/console/disputes/" + dispute.id() + "/actions").with(admin).with(csrf())
                        .param("action", "CONFIRM_FRAUD").param("version", String.valueOf(dispute.version())))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/compromised-points/block").with(admin).with(csrf())
                .param("kind", "TERMINAL").param("id", "t-any").param("count", "0").param("confirm", "yes"))
                .andExpect(status().isForbidden());
        assertThat(disputes.find(dispute.id()).orElseThrow().status()).isEqualTo(DisputeStatus.ANALYST_REVIEW);

        RequestPostProcessor support = user("support-test").roles("CUSTOMER_SERVICE");
        for (String path : List.of("/console/disputes", "/console/disputes/" + dispute.id(),
                "/console/compromised-points")) {
            mvc.perform(get(path).with(support)).andExpect(status().isForbidden());
        }
        mvc.perform(post("/console/disputes/" + dispute.id() + "/actions").with(support).with(csrf())
                .param("action", "CONFIRM_FRAUD")).andExpect(status().isForbidden());
        mvc.perform(get("/console/disputes")).andExpect(status().is3xxRedirection());
    }

    @Test
    void fraudsOfThreeCardsAtOneTerminalFlagItAndItsExposedCardsAreBlockedOnConfirmation() throws Exception {
        String terminal = "t-cp-" + UUID.randomUUID();
        List<Dispute> frauds = new ArrayList<>();
        for (int i = 3; i >= 1; i--) {
            Card card = cards.register(newPan(), newCustomer());
            String id = score(card, "cp" + i, NOW.minus(Duration.ofDays(i)), m -> m.put("terminalId", terminal));
            Dispute d = awaitOutcome(report(card.customerId(), id));
            if (d.status() == DisputeStatus.ANALYST_REVIEW) {
                d = disputes.act(d.id(), null, DisputeAction.CONFIRM_FRAUD, Disputes.Acting.staff("test", "test"),
                        null, d.version());
            }
            frauds.add(d);
        }
        String exposedPan = newPan();
        Card exposed = cards.register(exposedPan, newCustomer());
        String usedAfter = score(exposed, "used-after", NOW.minus(Duration.ofHours(6)),
                m -> m.put("terminalId", terminal));
        assertThat(scored.awaitStored(usedAfter, Duration.ofSeconds(10))).isTrue();
        assertThat(compromise.find(CompromiseDetector.Kind.TERMINAL, terminal)).as("the terminal is flagged")
                .isPresent();

        String page = page(get("/console/compromised-points"), analyst());
        int row = page.indexOf("data-point=\"" + terminal + "\"");
        assertThat(row).isPositive();
        String point = page.substring(row, page.indexOf("</tr>", row));
        assertThat(point).contains("端末").contains(exposed.masked()).contains("1 枚（うち利用可 1 枚）")
                .doesNotContain(exposedPan).doesNotContain(exposed.token())
                .doesNotContain(cards.find(frauds.get(0).cardToken()).orElseThrow().masked());
        assertThat(page(get("/console/compromised-points").param("lang", "en"), analyst()))
                .contains("Points of compromise").contains("1 card (1 active)");

        // Not without ticking the confirmation, nor for a number of cards other than the one shown.
        String unconfirmed = page(post("/console/compromised-points/block").with(csrf()).param("kind", "TERMINAL")
                .param("id", terminal).param("count", "1"), analyst(), 422);
        assertThat(unconfirmed).contains("何も停止していません");
        page(post("/console/compromised-points/block").with(csrf()).param("kind", "TERMINAL")
                .param("id", terminal).param("count", "2").param("confirm", "yes"), analyst(), 409);
        assertThat(cards.find(exposed.token()).orElseThrow().blocked()).isFalse();

        String analyst = "analyst-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/console/compromised-points/block").with(user(analyst).roles("ANALYST")).with(csrf())
                        .param("kind", "TERMINAL").param("id", terminal).param("count", "1").param("confirm", "yes"))
                .andExpect(status().isFound()).andExpect(flash().attributeExists("done"));
        assertThat(cards.find(exposed.token()).orElseThrow().blocked()).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND action = 'card.block' AND resource = ? "
                + "AND outcome = 'SUCCESS'").params(analyst, "card/" + exposed.token()).query(Long.class).single())
                .isEqualTo(1L);
        assertThat(page(get("/console/compromised-points"), analyst())).contains("1 枚（うち利用可 0 枚）");
    }

    // --- helpers

    private static RequestPostProcessor analyst() {
        return user("analyst-test").roles("ANALYST");
    }

    private String page(MockHttpServletRequestBuilder request, RequestPostProcessor who, int expected) throws Exception {
        var response = mvc.perform(request.with(who)).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(expected);
        assertThat(response.getContentType()).startsWith("text/html");
        return response.getContentAsString();
    }

    private String refused(String path, String action, String note, int version, int expected) throws Exception {
        MockHttpServletRequestBuilder request = post(path).with(csrf()).param("action", action)
                .param("version", String.valueOf(version)).param("confirmed", "yes");
        if (note != null) {
            request.param("note", note);
        }
        return page(request, analyst(), expected);
    }

    private void due(Dispute dispute, Instant at) {
        jdbc.sql("UPDATE disputes SET review_due_at = ? WHERE dispute_id = ?").params(Timestamp.from(at), dispute.id())
                .update();
    }

    /** A case of a single plain transaction, which the investigation leaves to an analyst. */
    private Dispute unclearCase() throws Exception {
        Card card = cards.register(newPan(), newCustomer());
        String id = score(card, "console", NOW.minus(Duration.ofHours(2)), m -> { });
        Dispute dispute = awaitOutcome(report(card.customerId(), id));
        assertThat(dispute.status()).isEqualTo(DisputeStatus.ANALYST_REVIEW);
        return dispute;
    }

    private String report(String customer, String authorizationId) throws Exception {
        String created = postAs(Role.CUSTOMER_SERVICE, "/api/v1/disputes",
                reportBody(customer, List.of(authorizationId), "YES", "NO", "NO", "NO"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(created).get("disputes").get(0).get("id").asText();
    }

    @Test
    void theCasePageSaysTheEntryModeAndTheInvestigationsNotesInTheReadersLanguage() throws Exception {
        Dispute dispute = unclearCase(); // a chip transaction (05), referred to an analyst with its weight
        String ja = page(get("/console/disputes/" + dispute.id()), analyst());
        assertThat(ja).contains("<dd>ICチップ</dd>").doesNotContain("<dd>CHIP</dd>")
                .contains("自動調査の結果（重みの合計 " + dispute.weight() + "）").doesNotContain(">weight ")
                .doesNotContain(" / rules v");
        String en = page(get("/console/disputes/" + dispute.id()).param("lang", "en"), analyst());
        assertThat(en).contains("<dd>Chip</dd>").contains("Automatic investigation (total weight " + dispute.weight() + ")");
    }

    @Test
    void theQueueFitsItsFactsInSevenColumnsAndItsDateFilterIsLabelledLikeItsInput() throws Exception {
        Dispute dispute = unclearCase();
        String queue = page(get("/console/disputes").param("status", "ALL")
                .param("card", cards.find(dispute.cardToken()).orElseThrow().last4()), analyst());
        int start = queue.indexOf("data-case=\"" + dispute.id() + "\"");
        assertThat(start).isNotNegative();
        String row = queue.substring(start, queue.indexOf("</tr>", start));
        // the analyst, the report's time, the customer and the weight under the cells they belong to
        assertThat(row.split("<td", -1)).hasSize(8);
        assertThat(row).contains("class=\"open\"").contains(dispute.customerId()).contains("重みの合計 " + dispute.weight())
                .contains("申告 ");
        // the browser's date input shows its own format (yyyy/mm/dd, mm/dd/yyyy): the label names none
        assertThat(queue).contains("type=\"date\"").doesNotContain("yyyy-mm-dd");
    }
}
