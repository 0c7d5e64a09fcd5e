package dev.anshin.voice.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.privacy.Actor;
import dev.anshin.site.Display;
import dev.anshin.voice.analysis.Topic;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The monthly review's numbers, quotes and countermeasure follow-up on inserted voices; its page and its PDF. */
class MonthlyReviewIntegrationTest extends IntegrationTestSupport {

    private static final RequestPostProcessor CX = user("review-cx").roles(Role.CUSTOMER_EXPERIENCE.name());
    private static final Actor ACTOR = new Actor("review-cx", Set.of(dev.anshin.access.Role.CUSTOMER_EXPERIENCE),
            "127.0.0.1");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MonthlyReviews reviews;

    @Autowired
    Countermeasures countermeasures;

    /** A month of its own (far from other tests' data), never December so that the month before is in its year. */
    private static YearMonth freshMonth() {
        return YearMonth.of(2300 + (int) (Math.random() * 600), 2 + (int) (Math.random() * 10));
    }

    /** One voice as the intake stores it (unattributed: sealed with the month's key), its topics ranked. */
    private String voice(YearMonth month, int day, String kind, String channel, String sentiment, String department,
            String redacted, Topic... topics) {
        String id = UUID.randomUUID().toString();
        Timestamp at = Timestamp.from(month.atDay(day).atTime(10, 0).atZone(Display.ZONE).toInstant());
        jdbc.sql("INSERT INTO voice_items (id, source, submitted_by, voice_key, channel, received_at, recorded_at, "
                        + "customer_id, seal_key, original_text, redacted_text, kind, sentiment, department, "
                        + "model_version, corrected) VALUES (?, 'API', 'review-test', ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, "
                        + "'test-model', FALSE)")
                .params(id, "k-" + id, channel, at, at, "month:" + month, "SEALED-ORIGINAL-" + id, redacted, kind,
                        sentiment, department)
                .update();
        for (int rank = 0; rank < topics.length; rank++) {
            jdbc.sql("INSERT INTO voice_item_topics (item_id, topic, topic_rank) VALUES (?, ?, ?)")
                    .params(id, topics[rank].name(), rank).update();
        }
        return id;
    }

    @Test
    void countsByKindTopicChannelAndSentimentAgainstLastMonthWithTopTopicsAndRedactedQuotes() {
        YearMonth month = freshMonth();
        YearMonth last = month.minusMonths(1);
        voice(last, 3, "COMPLAINT", "WEB", "NEGATIVE", "FRAUD_PREVENTION", "前月の不正", Topic.FRAUD_SECURITY);
        voice(last, 4, "INQUIRY", "APP", "NEUTRAL", "DIGITAL", "アプリ", Topic.WEB_APP);
        voice(month, 2, "REQUEST", "WEB", "NEUTRAL", "FRAUD_PREVENTION", "古い要望です", Topic.FRAUD_SECURITY);
        voice(month, 5, "COMPLAINT", "CALL_CENTER", "NEGATIVE", "FRAUD_PREVENTION", "カード番号 ****-1234 が不正利用されました",
                Topic.FRAUD_SECURITY, Topic.CALL_CENTER);
        String erased = voice(month, 6, "COMPLAINT", "WEB", "NEGATIVE", "FRAUD_PREVENTION", "", Topic.FRAUD_SECURITY);
        jdbc.sql("UPDATE voice_items SET erased_at = CURRENT_TIMESTAMP, original_text = NULL WHERE id = ?")
                .param(erased).update();
        voice(month, 7, "PRAISE", "STORE", "POSITIVE", "STORES", "店舗の方が親切でした", Topic.STORE_COUNTER);
        voice(month, 8, "COMPLAINT", "APP", "NEGATIVE", "DIGITAL", "アプリが" + "とても".repeat(60) + "遅い",
                Topic.WEB_APP);

        MonthlyReview company = reviews.review(month, null);
        assertThat(company.total().count()).isEqualTo(5);
        assertThat(company.total().previous()).isEqualTo(2);
        assertThat(company.total().percent()).isEqualTo(150);
        assertThat(count(company.kinds(), "COMPLAINT")).containsExactly(3L, 1L);
        assertThat(count(company.channels(), "WEB")).containsExactly(2L, 1L);
        assertThat(count(company.sentiments(), "POSITIVE")).containsExactly(1L, 0L);
        assertThat(count(company.topics(), "FRAUD_SECURITY")).containsExactly(3L, 1L);
        assertThat(count(company.topics(), "CALL_CENTER")).containsExactly(1L, 0L);
        assertThat(company.topTopics()).extracting(MonthlyReview.TopTopic::topic)
                .containsExactly(Topic.FRAUD_SECURITY, Topic.WEB_APP, Topic.CALL_CENTER); // a tie goes by topic order
        var fraud = company.topTopics().get(0);
        // complaints first, the newest first; the erased voice is never quoted
        assertThat(fraud.quotes()).extracting(MonthlyReview.Quote::text)
                .containsExactly("カード番号 ****-1234 が不正利用されました", "古い要望です");
        var app = company.topTopics().get(1);
        assertThat(app.quotes().get(0).text()).hasSize(MonthlyReviews.QUOTE_LENGTH + 1).endsWith("…");

        MonthlyReview stores = reviews.review(month, "STORES");
        assertThat(stores.total().count()).isEqualTo(1);
        assertThat(stores.topTopics()).singleElement().satisfies(t -> {
            assertThat(t.topic()).isEqualTo(Topic.STORE_COUNTER);
            assertThat(t.quotes()).extracting(MonthlyReview.Quote::text).containsExactly("店舗の方が親切でした");
        });
        MonthlyReview fraudDepartment = reviews.review(month, "FRAUD_PREVENTION");
        assertThat(fraudDepartment.topTopics()).flatExtracting(MonthlyReview.TopTopic::quotes)
                .extracting(MonthlyReview.Quote::text).doesNotContain("店舗の方が親切でした")
                .noneMatch(text -> text.startsWith("アプリ"));
        assertThat(reviews.review(month.plusMonths(30), null).empty()).isTrue();
    }

    private static List<Long> count(List<MonthlyReview.Count> counts, String label) {
        var c = counts.stream().filter(x -> x.label().equals(label)).findFirst().orElseThrow();
        return List.of(c.count(), c.previous());
    }

    @Test
    void countermeasuresMoveByTheTableAndAreFollowedUpDoneLateAndByTheirTopicsVolume() {
        // a past month: lateness is judged on today or the month's end, whichever is sooner
        YearMonth raisedIn = YearMonth.of(2000 + (int) (Math.random() * 20), 2 + (int) (Math.random() * 10));
        YearMonth next = raisedIn.plusMonths(1);
        for (int day = 1; day <= 4; day++) {
            voice(raisedIn, day, "COMPLAINT", "WEB", "NEGATIVE", "DIGITAL", "ログインできない", Topic.WEB_APP);
        }
        String item = voice(next, 3, "COMPLAINT", "WEB", "NEGATIVE", "DIGITAL", "まだ遅い", Topic.WEB_APP);

        Countermeasure fix = countermeasures.raise(ACTOR, new Countermeasures.Draft("ログイン画面を改修する", "デジタル推進部 山田",
                raisedIn.atDay(20).toString(), "DIGITAL", raisedIn.toString(), List.of("WEB_APP"), "", "t-" + UUID.randomUUID()));
        Countermeasure late = countermeasures.raise(ACTOR, new Countermeasures.Draft("FAQを書き直す", "サポート", raisedIn
                .atEndOfMonth().toString(), "DIGITAL", raisedIn.toString(), List.of("WEB_APP"), item, "t-" + UUID.randomUUID()));
        assertThat(fix.status()).isEqualTo(CountermeasureStatus.PLANNED);
        assertThat(late.itemIds()).containsExactly(item);

        countermeasures.move(ACTOR, fix.id(), CountermeasureStatus.PLANNED, CountermeasureStatus.IN_PROGRESS);
        Countermeasure done = countermeasures.move(ACTOR, fix.id(), CountermeasureStatus.IN_PROGRESS,
                CountermeasureStatus.DONE);
        assertThat(done.doneAt()).isNotNull();
        assertThatThrownBy(() -> countermeasures.move(ACTOR, fix.id(), CountermeasureStatus.DONE,
                CountermeasureStatus.IN_PROGRESS))
                .isInstanceOfSatisfying(CountermeasureRefused.class,
                        r -> assertThat(r.reason()).isEqualTo(CountermeasureRefused.Reason.ILLEGAL_MOVE));
        Countermeasure edited = countermeasures.edit(ACTOR, fix.id(), new Countermeasures.Edit("ログイン画面とFAQを改修する",
                "デジタル推進部", raisedIn.atDay(25).toString(), List.of("WEB_APP", "CALL_CENTER")));
        assertThat(edited.dueDate()).isEqualTo(raisedIn.atDay(25));
        assertThat(edited.topics()).containsExactly(Topic.WEB_APP, Topic.CALL_CENTER);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE resource = ?").param("voice-countermeasure/"
                + fix.id()).query(Integer.class).single()).isEqualTo(4);

        MonthlyReview review = reviews.review(next, "DIGITAL");
        assertThat(reviews.review(raisedIn, "DIGITAL").raised()).extracting(Countermeasure::id)
                .contains(fix.id(), late.id());
        var followUps = review.followUps().stream().filter(f -> List.of(fix.id(), late.id())
                .contains(f.countermeasure().id())).toList();
        assertThat(followUps).hasSize(2);
        var first = followUps.stream().filter(f -> f.countermeasure().id().equals(fix.id())).findFirst().orElseThrow();
        assertThat(first.done()).isTrue();
        assertThat(first.late()).isFalse();
        assertThat(first.effects()).filteredOn(e -> e.topic() == Topic.WEB_APP).singleElement().satisfies(e -> {
            assertThat(e.topic()).isEqualTo(Topic.WEB_APP);
            assertThat(e.then()).isEqualTo(4);
            assertThat(e.now()).isEqualTo(1);
            assertThat(e.percent()).isEqualTo(-75);
        });
        var second = followUps.stream().filter(f -> f.countermeasure().id().equals(late.id())).findFirst().orElseThrow();
        assertThat(second.done()).isFalse();
        assertThat(second.late()).isTrue();
    }

    @Test
    void strictValidationNamesEveryFieldAndADoubleSubmitStoresOne() throws Exception {
        assertThatThrownBy(() -> countermeasures.raise(ACTOR, new Countermeasures.Draft(" ", "x".repeat(101), "2026-02-30",
                "NOWHERE", "2026-13", List.of("NOT_A_TOPIC"), "no-such-item", "t-1")))
                .isInstanceOfSatisfying(CountermeasureRefused.class, r -> assertThat(r.faults()).containsOnlyKeys(
                        "action", "owner", "dueDate", "department", "month", "topics", "itemIds"));
        String token = "t-" + UUID.randomUUID();
        YearMonth month = freshMonth();
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/voice/countermeasures").with(csrf()).with(CX).param("action", "案内文を見直す")
                            .param("owner", "お客様センター").param("dueDate", month.atDay(10).toString())
                            .param("department", "CONTACT_CENTER").param("month", month.toString())
                            .param("topics", "CALL_CENTER").param("formToken", token))
                    .andExpect(status().is3xxRedirection());
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM voice_countermeasures WHERE form_token = ?").param(token)
                .query(Integer.class).single()).isEqualTo(1);
        String id = jdbc.sql("SELECT id FROM voice_countermeasures WHERE form_token = ?").param(token)
                .query(String.class).single();
        assertThat(mvc.perform(get("/voice/countermeasures/" + id).with(CX)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString()).contains("案内文を見直す").contains("id=\"move-IN_PROGRESS\"")
                .contains("data-status=\"PLANNED\"");
        mvc.perform(post("/voice/countermeasures/" + id + "/status").with(csrf()).with(CX).param("from", "PLANNED")
                .param("to", "DONE")).andExpect(status().is3xxRedirection());
        mvc.perform(post("/voice/countermeasures/" + id + "/status").with(csrf()).with(CX).param("from", "DONE")
                .param("to", "PLANNED")).andExpect(status().is3xxRedirection());
        assertThat(countermeasures.find(id).orElseThrow().status()).isEqualTo(CountermeasureStatus.DONE);
        mvc.perform(post("/voice/countermeasures/" + id + "/status").with(csrf()).with(CX).param("from", "DONE")
                .param("to", "SOMEWHERE")).andExpect(status().is(422));
        assertThat(mvc.perform(get("/voice/countermeasures").with(CX)).andReturn().getResponse()
                .getContentAsString()).contains("data-cm=\"" + id + "\"");
        String refused = mvc.perform(post("/voice/countermeasures").with(csrf()).with(CX).param("action", "")
                        .param("owner", "o").param("dueDate", "tomorrow").param("month", month.toString())
                        .param("formToken", "t-" + UUID.randomUUID()))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"action-error\"").contains("id=\"dueDate-error\"")
                .contains("aria-invalid=\"true\"").doesNotContain("id=\"owner-error\"");
    }

    @Test
    void aCardNumberOrHiddenCharactersInAnActionOrOwnerAreRefusedBesideTheFieldAndNothingIsStored() throws Exception {
        assertThatThrownBy(() -> countermeasures.raise(ACTOR, new Countermeasures.Draft(
                "お客様 4111 1111 1111 1111 に折り返す", "担当\u202Eチーム", "2030-01-10", "CONTACT_CENTER", "2026-01",
                List.of("CALL_CENTER"), "", "t-" + UUID.randomUUID())))
                .isInstanceOfSatisfying(CountermeasureRefused.class, r -> assertThat(r.faults())
                        .containsEntry("action", CountermeasureRefused.Reason.CARD_NUMBER)
                        .containsEntry("owner", CountermeasureRefused.Reason.NOT_PLAIN_TEXT));
        String token = "t-" + UUID.randomUUID();
        MockHttpServletResponse refused = mvc.perform(post("/voice/countermeasures").with(csrf()).with(CX)
                .param("action", "案内文を\u200B見直す").param("owner", "4111-1111-1111-1111")
                .param("dueDate", "2030-01-10").param("month", "2026-01").param("formToken", token))
                .andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(refused.getContentAsString()).contains("id=\"action-error\"").contains("id=\"owner-error\"")
                .doesNotContain("4111");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM voice_countermeasures WHERE form_token = ?").param(token)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void theReportPageAndItsPdfShowTheMonthAndJapaneseLabelsWithAnEmbeddedFont() throws Exception {
        YearMonth month = freshMonth();
        voice(month, 9, "COMPLAINT", "WEB", "NEGATIVE", "FRAUD_PREVENTION", "身に覚えのない請求があります",
                Topic.FRAUD_SECURITY);
        String page = mvc.perform(get("/voice/reviews/" + month).with(CX)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains(month + "の月次レビュー").contains("不正利用・セキュリティ")
                .contains("身に覚えのない請求があります").contains("<svg").doesNotContain("SEALED-ORIGINAL");
        assertThat(mvc.perform(get("/voice/reviews/" + month.plusMonths(40)).with(CX)).andReturn().getResponse()
                .getContentAsString()).contains("id=\"review-empty\"");
        mvc.perform(get("/voice/reviews/2026-13").with(CX)).andExpect(status().is4xxClientError());
        mvc.perform(get("/voice/reviews/" + month).with(user("other").roles(Role.ANALYST.name())))
                .andExpect(status().isForbidden());

        byte[] pdf = mvc.perform(get("/voice/reviews/" + month + ".pdf").with(CX)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        java.nio.file.Files.write(java.nio.file.Path.of("target/voice-review-sample.pdf"), pdf); // to look at
        try (PDDocument document = Loader.loadPDF(pdf)) {
            // NFKC: the subset font's ToUnicode maps a few shared glyphs to their Kangxi radical (⽉ for 月)
            String text = java.text.Normalizer.normalize(new PDFTextStripper().getText(document),
                    java.text.Normalizer.Form.NFKC);
            // (and ・ comes out as ‧: the label is checked around it)
            assertThat(text).contains(month.toString()).contains("不正利用").contains("セキュリティ").contains("身に覚えのない請求");
            PDFont font = null;
            var resources = document.getPage(0).getResources();
            for (var name : resources.getFontNames()) {
                PDFont candidate = resources.getFont(name);
                if (candidate.getName().contains("NotoSansJP")) {
                    font = candidate;
                }
            }
            assertThat(font).as("Noto Sans JP on the first page").isNotNull();
            assertThat(font.isEmbedded()).isTrue();
        }
    }

    @Test
    void aQuoteWithCharactersXmlDoesNotAllowStillMakesThePdf() throws Exception {
        YearMonth month = freshMonth();
        // As a voice stored before the intake dropped them: U+FFFF, U+FFFE and a control character in the quote.
        voice(month, 11, "COMPLAINT", "WEB", "NEGATIVE", "FRAUD_PREVENTION", "身に覚えのない\uFFFF請求\uFFFEです\u0001",
                Topic.FRAUD_SECURITY);
        byte[] pdf = mvc.perform(get("/voice/reviews/" + month + ".pdf").with(CX)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = java.text.Normalizer.normalize(new PDFTextStripper().getText(document),
                    java.text.Normalizer.Form.NFKC);
            assertThat(text).contains("身に覚えのない請求です");
        }
    }
}
