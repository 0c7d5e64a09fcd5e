package dev.anshin.console;

import static dev.anshin.fraud.StoredDecisionFixtures.decision;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.cards.Card;
import dev.anshin.fraud.Decisions;
import dev.anshin.fraud.StoredDecision;
import dev.anshin.fraud.StoredDecisionFixtures;
import dev.anshin.scoring.Decision;
import dev.anshin.scoring.Reason;
import dev.anshin.scoring.ScoringEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * The decisions workbench over MockMvc: the list with each filter, their combination, paging and bad
 * values; a decision's details with its reasons in words in both languages; who may open them.
 */
@WithMockUser(roles = "ANALYST")
class ConsoleIntegrationTest extends IntegrationTestSupport {

    @Autowired
    Decisions decisions;

    @Autowired
    JdbcClient jdbc;

    private final List<StoredDecision> stored = new ArrayList<>();

    @AfterEach
    void removeStoredDecisions() {
        StoredDecisionFixtures.delete(jdbc, stored.stream().map(StoredDecision::authorizationId).toList());
    }

    /** Stores decisions of one merchant of their own, minute by minute from {@code t0}. */
    private String merchantWith(Instant t0, Card card, Object... decisionAndScore) {
        String merchant = "M-CONSOLE-" + UUID.randomUUID();
        List<StoredDecision> batch = new ArrayList<>();
        for (int i = 0; i < decisionAndScore.length; i += 2) {
            Decision d = (Decision) decisionAndScore[i];
            double score = (Double) decisionAndScore[i + 1];
            batch.add(decision(merchant + "-" + i / 2, card.token(), merchant, "KAMOME DENKI " + merchant + " TOKYO JP",
                    t0.plus(Duration.ofMinutes(i / 2)), d, score, score < 0 ? ScoringEngine.NO_MODEL : "model-7",
                    List.of(new Reason(Reason.Kind.FEATURE, "card_tx_count_30d", "card_tx_count_30d=75", 0.8),
                            new Reason(Reason.Kind.FEATURE, "amount", "amount=98000", 0.4))));
        }
        StoredDecisionFixtures.insert(decisions, batch);
        stored.addAll(batch);
        return merchant;
    }

    private static Instant aMomentOfItsOwn() {
        return Instant.parse("2012-05-01T00:00:00Z").plus(Duration.ofMinutes(UUID.randomUUID().hashCode() & 0xFFFFF));
    }

    /** The tests' decisions are in 2012-2014: a merchant filter gets that range (it would look 30 days back). */
    private static final String THEIR_YEARS = "from=2012-01-01&to=2015-01-01&";

    private String page(String query) throws Exception {
        String ranged = query.contains("merchant=") && !query.contains("from=") ? THEIR_YEARS + query : query;
        return mvc.perform(get("/console?" + ranged)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    @Test
    void showsTheDecisionJustScoredWithItsCardMaskedAndALinkToItsDetails() throws Exception {
        String pan = newPan();
        Card card = cards.register(pan);
        String id = newId("console");
        postAuthorization(authorization(id, card.token())).andExpect(status().isOk());
        // The list is read from the database, which the decision log's indexer fills within milliseconds.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!mvc.perform(get("/console")).andReturn().getResponse().getContentAsString().contains(id)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        mvc.perform(get("/console"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("判定の一覧")))
                .andExpect(content().string(containsString("href=\"/console/decisions/" + id + "\"")))
                .andExpect(content().string(containsString(card.bin() + "******" + card.last4())))
                .andExpect(content().string(containsString("USD 12.50")))
                .andExpect(content().string(containsString(" JST")))
                .andExpect(content().string(not(containsString(pan))));
    }

    @Test
    void speaksEnglishOnRequest() throws Exception {
        mvc.perform(get("/console").param("lang", "en"))
                .andExpect(content().string(containsString("Apply filters")));
        mvc.perform(get("/console").header("Accept-Language", "en-US,en;q=0.9"))
                .andExpect(content().string(containsString("Apply filters")));
    }

    @Test
    void filtersByDecision() throws Exception {
        String m = merchantWith(aMomentOfItsOwn(), newCard(), Decision.APPROVE, 0.1, Decision.REVIEW, 0.7,
                Decision.DECLINE, 0.95);
        String html = page("merchant=" + m + "&decision=REVIEW&decision=DECLINE");
        org.assertj.core.api.Assertions.assertThat(html).contains(m + "-1", m + "-2").doesNotContain(m + "-0\"")
                .contains("2件が該当");
    }

    @Test
    void filtersByScoreAndLeavesOutDecisionsOfTheRulesAlone() throws Exception {
        String m = merchantWith(aMomentOfItsOwn(), newCard(), Decision.APPROVE, 0.1, Decision.REVIEW, 0.7,
                Decision.DECLINE, 0.95, Decision.DECLINE, -1.0);
        String html = page("merchant=" + m + "&minScore=0.7&maxScore=1");
        org.assertj.core.api.Assertions.assertThat(html).contains(m + "-1\"", m + "-2\"")
                .doesNotContain(m + "-0\"", m + "-3\"");
    }

    @Test
    void filtersByCardFromItsLastFourOrItsMaskedNumber() throws Exception {
        Card card = newCard();
        Instant t0 = aMomentOfItsOwn();
        String m = merchantWith(t0, card, Decision.APPROVE, 0.1);
        String other = merchantWith(t0, newCard(), Decision.APPROVE, 0.1);
        String from = java.time.LocalDateTime.ofInstant(t0, dev.anshin.site.Display.ZONE).toString();
        String to = java.time.LocalDateTime.ofInstant(t0.plusSeconds(60), dev.anshin.site.Display.ZONE).toString();
        org.assertj.core.api.Assertions.assertThat(page("card=" + card.masked() + "&from=" + from + "&to=" + to))
                .contains(m + "-0\"").doesNotContain(other + "-0\"").contains("カード " + card.masked() + " の判定");
        org.assertj.core.api.Assertions.assertThat(page("card=" + card.last4() + "&from=" + from + "&to=" + to))
                .contains(m + "-0\"");
    }

    @Test
    void filtersByMerchantIdOrAPartOfItsName() throws Exception {
        Instant t0 = aMomentOfItsOwn();
        String m = merchantWith(t0, newCard(), Decision.APPROVE, 0.1);
        org.assertj.core.api.Assertions.assertThat(page("merchant=" + m)).contains(m + "-0\"").contains("1件が該当");
        mvc.perform(get("/console").param("merchant", "kamome denki " + m.toLowerCase())
                        .param("from", "2012-01-01").param("to", "2015-01-01"))
                .andExpect(content().string(containsString(m + "-0\"")));
    }

    @Test
    void filtersByAJapanTimeRange() throws Exception {
        Instant t0 = Instant.parse("2013-07-01T00:00:00Z"); // 09:00 JST
        String m = merchantWith(t0, newCard(), Decision.APPROVE, 0.1, Decision.APPROVE, 0.2, Decision.APPROVE, 0.3);
        String html = page("merchant=" + m + "&from=2013-07-01T09:01&to=2013-07-01T09:02");
        org.assertj.core.api.Assertions.assertThat(html).contains(m + "-1\"").doesNotContain(m + "-0\"", m + "-2\"")
                .contains("2013-07-01 09:01:00 JST");
    }

    @Test
    void combinesFiltersAndKeepsThemInTheForm() throws Exception {
        Card card = newCard();
        String m = merchantWith(aMomentOfItsOwn(), card, Decision.APPROVE, 0.1, Decision.REVIEW, 0.7,
                Decision.DECLINE, 0.95);
        String html = page("merchant=" + m + "&card=" + card.last4() + "&decision=REVIEW&decision=APPROVE&minScore=0.5");
        org.assertj.core.api.Assertions.assertThat(html).contains(m + "-1\"").doesNotContain(m + "-0\"", m + "-2\"")
                .contains("value=\"" + m + "\"", "value=\"0.5\"", "value=\"" + card.last4() + "\"");
    }

    @Test
    void pagesFiftyAtATimeKeepingTheFiltersAndSaysWhenAPageIsPastTheEnd() throws Exception {
        Object[] many = new Object[2 * 51];
        for (int i = 0; i < 51; i++) {
            many[2 * i] = Decision.APPROVE;
            many[2 * i + 1] = 0.1;
        }
        String m = merchantWith(aMomentOfItsOwn(), newCard(), many);
        String first = page("merchant=" + m);
        org.assertj.core.api.Assertions.assertThat(first).contains("51件が該当（1〜50件目を表示）", "1 / 2ページ")
                .contains("id=\"page-next\"").contains("merchant=" + m + "&amp;page=2").doesNotContain("id=\"page-previous\"")
                .contains(m + "-50\"").doesNotContain(m + "-0\"");
        String second = page("merchant=" + m + "&page=2");
        org.assertj.core.api.Assertions.assertThat(second).contains("51件が該当（51〜51件目を表示）", "2 / 2ページ")
                .contains("id=\"page-previous\"").doesNotContain("id=\"page-next\"").contains(m + "-0\"");
        org.assertj.core.api.Assertions.assertThat(page("merchant=" + m + "&page=3"))
                .contains("このページには判定がありません（該当 51件）").contains("id=\"page-first\"");
    }

    @Test
    void badValuesAreToldNextToTheirFieldsWithoutAServerError() throws Exception {
        mvc.perform(get("/console?minScore=abc&maxScore=2&from=yesterday&decision=MAYBE&page=0"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("id=\"error-minScore\""),
                        containsString("スコアは 0 から 1 までの数"), containsString("id=\"error-maxScore\""),
                        containsString("id=\"error-from\""), containsString("id=\"error-decision\""),
                        containsString("id=\"error-page\""), containsString("aria-invalid=\"true\""),
                        containsString("value=\"abc\""))));
        mvc.perform(get("/console?from=2026-12-07T10:00&to=2026-12-07T09:00").param("lang", "en"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("The end must be after the start.")));
    }

    @Test
    void aMerchantFilterWithoutATimeRangeLooksAtTheLastThirtyDaysAndSaysSo() throws Exception {
        String m = merchantWith(aMomentOfItsOwn(), newCard(), Decision.APPROVE, 0.1);
        String html = mvc.perform(get("/console?merchant=" + m)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        org.assertj.core.api.Assertions.assertThat(html).contains("id=\"merchant-range\"").contains("直近30日")
                .doesNotContain(m + "-0\"");
    }

    @Test
    void yearsOutsideTwoThousandToTwentyOneHundredAreFieldErrorsNotServerErrors() throws Exception {
        for (String query : List.of("from=+300000-01-01T00:00", "to=-5000-01-01", "from=1999-12-31",
                "to=2101-01-01T00:00")) {
            mvc.perform(get("/console").param(query.substring(0, query.indexOf('=')),
                            query.substring(query.indexOf('=') + 1)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString("2000年から2100年まで")));
        }
    }

    @Test
    void aCardNumberInTheCardOrMerchantFieldIsNotEchoedAnywhereHoweverItIsWritten() throws Exception {
        for (String query : List.of("card=4111111111111111", "card=4111.1111.1111.1111", "card=4111/1111/1111/1111",
                "card=%EF%BC%94%EF%BC%91%EF%BC%91%EF%BC%91111111111111", "merchant=4111111111111111",
                "merchant=shop%204111-1111-1111-1111", "decision=DECLINE&merchant=4111.1111.1111.1111&lang=en")) {
            String body = mvc.perform(get(java.net.URI.create("/console?" + query))).andExpect(status().isBadRequest()).andReturn()
                    .getResponse().getContentAsString();
            org.assertj.core.api.Assertions.assertThat(body).as(query).doesNotContain("4111111111111111")
                    .doesNotContain("4111.1111").doesNotContain("4111/1111").doesNotContain("1111-1111")
                    .doesNotContain("111111111111").contains("id=\"language\"");
        }
    }

    @Test
    void aFullCardNumberIsRefusedAndNotShownBack() throws Exception {
        String pan = newPan();
        mvc.perform(get("/console").param("card", pan))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("カード番号全体では検索できません")))
                .andExpect(content().string(not(containsString(pan))));
    }

    @Test
    void theDetailsTellTheReasonsInJapaneseAndInEnglish() throws Exception {
        Card card = newCard();
        String m = merchantWith(Instant.parse("2014-02-03T01:02:03Z"), card, Decision.REVIEW, 0.812);
        String id = m + "-0";
        mvc.perform(get("/console/decisions/" + id))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("このカードの直近30日の利用 75件"),
                        containsString("この利用の金額 98,000円"), containsString("2014-02-03 10:02:03 JST"),
                        containsString(card.masked()), containsString("5732 家電販売店"), containsString("0.812"),
                        containsString("model-7"), containsString("ネット通販"),
                        containsString("href=\"/console?card=" + card.bin() + "******" + card.last4() + "\""),
                        not(containsString("card_tx_count_30d=75")))));
        mvc.perform(get("/console/decisions/" + id).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("75 uses of this card in the last 30 days"),
                        containsString("Amount of this transaction: ¥98,000"), containsString("Electronics stores"))));
    }

    @Test
    void anUnknownDecisionIsANotFoundPage() throws Exception {
        mvc.perform(get("/console/decisions/no-such-authorization"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("判定が見つかりません")));
    }

    @Test
    @WithMockUser(roles = "ADMIN")
    void anAdministratorMayOpenTheListAndTheDetails() throws Exception {
        String m = merchantWith(aMomentOfItsOwn(), newCard(), Decision.APPROVE, 0.1);
        mvc.perform(get("/console")).andExpect(status().isOk());
        mvc.perform(get("/console/decisions/" + m + "-0")).andExpect(status().isOk());
    }

    @Test
    @WithMockUser(roles = "CUSTOMER_SERVICE")
    void customerServiceMayNotOpenThem() throws Exception {
        mvc.perform(get("/console")).andExpect(status().isForbidden());
        mvc.perform(get("/console/decisions/anything")).andExpect(status().isForbidden());
        mvc.perform(get("/console/api/stats")).andExpect(status().isForbidden());
    }

    @Test
    void statsCoverThirtyMinutesAHistogramAndTheRateChartsScale() throws Exception {
        postAuthorization(authorization(newId("stats"), newCard().token())).andExpect(status().isOk());
        mvc.perform(get("/console/api/stats"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.minutes.length()").value(30))
                .andExpect(jsonPath("$.minutes[0].start").isString())
                .andExpect(jsonPath("$.minutes[0].approved").isNumber())
                .andExpect(jsonPath("$.scoreHistogram.length()").value(20))
                .andExpect(jsonPath("$.rateAxisMax").isNumber())
                .andExpect(jsonPath("$.clippedMinutes").isNumber())
                .andExpect(jsonPath("$.busiestMinute").isNumber())
                .andExpect(jsonPath("$.histogramAxisMax").isNumber());
    }

    @Test
    void chartScriptIsServedWithoutSignIn() throws Exception {
        mvc.perform(get("/console/assets/console.js")).andExpect(status().isOk());
    }

    @Test
    void theListSaysHowManyOtherMainReasonsThereAreInWordsAndLeavesOutNegligibleOnes() throws Exception {
        String merchant = "M-CONSOLE-" + UUID.randomUUID();
        Card card = newCard();
        Instant t0 = aMomentOfItsOwn();
        List<StoredDecision> batch = List.of(
                decision(merchant + "-0", card.token(), merchant, "KAMOME DENKI TOKYO JP", t0, Decision.REVIEW, 0.7,
                        "model-7", List.of(new Reason(Reason.Kind.FEATURE, "card_tx_count_30d", "card_tx_count_30d=75", 0.8),
                                new Reason(Reason.Kind.FEATURE, "amount", "amount=98000", 0.4),
                                new Reason(Reason.Kind.FEATURE, "card_tx_count_1h", "card_tx_count_1h=5", 0.3),
                                new Reason(Reason.Kind.FEATURE, "is_weekend", "is_weekend=1", 0.001))),
                decision(merchant + "-1", card.token(), merchant, "KAMOME DENKI TOKYO JP", t0.plusSeconds(60),
                        Decision.APPROVE, 0.0, "model-7",
                        List.of(new Reason(Reason.Kind.FEATURE, "card_tx_count_30d", "card_tx_count_30d=75", 0.001))));
        StoredDecisionFixtures.insert(decisions, batch);
        stored.addAll(batch);

        String ja = page("merchant=" + merchant);
        // three reasons push the score noticeably: the first in words, "and 2 more" (not "+2", read as a score)
        org.assertj.core.api.Assertions.assertThat(row(ja, merchant + "-0")).contains("このカードの直近30日の利用 75件")
                .contains("ほか2件").doesNotContain("+2").doesNotContain("+3");
        // +0.001 on an approval scored 0.000 is no reason to name
        org.assertj.core.api.Assertions.assertThat(row(ja, merchant + "-1")).contains("目立つ理由なし")
                .doesNotContain("75件");
        org.assertj.core.api.Assertions.assertThat(row(page("lang=en&merchant=" + merchant), merchant + "-0"))
                .contains("and 2 more");
    }

    /** The list's row of one decision. */
    private static String row(String html, String authorizationId) {
        int start = html.indexOf("data-authorization=\"" + authorizationId + "\"");
        org.assertj.core.api.Assertions.assertThat(start).as("the row of " + authorizationId).isNotNegative();
        return html.substring(start, html.indexOf("</tr>", start));
    }
}
