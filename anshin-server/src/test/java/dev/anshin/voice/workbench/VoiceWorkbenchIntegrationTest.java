package dev.anshin.voice.workbench;

import static dev.anshin.voice.workbench.VoiceRows.voice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.site.Display;
import dev.anshin.voice.Channel;
import dev.anshin.voice.VoiceItem;
import dev.anshin.voice.analysis.Kind;
import dev.anshin.voice.analysis.Sentiment;
import dev.anshin.voice.analysis.Topic;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The queues, corrections, routes and dashboard counts over voices written as the intake writes them, each test in a
 * department of its own (a fresh code) or on days long past, so other tests' voices do not count.
 */
class VoiceWorkbenchIntegrationTest extends IntegrationTestSupport {

    private static final RequestPostProcessor CX = user("cx-test").roles(Role.CUSTOMER_EXPERIENCE.name());

    @Autowired
    VoiceQueues queues;

    @Autowired
    VoiceRoutes routes;

    @Autowired
    VoiceDashboard dashboard;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate template;

    private VoiceRows rows;
    private String department;

    @BeforeEach
    void setUp() {
        rows = new VoiceRows(template);
        department = freshDepartment();
    }

    private String freshDepartment() {
        StringBuilder code = new StringBuilder("VWT_");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 12; i++) {
            code.append((char) ('A' + random.nextInt(26)));
        }
        routes.addDepartment("cx-test", code.toString(), "テスト部", "Test department", "127.0.0.1");
        return code.toString();
    }

    @Test
    void aQueueFiltersByKindTopicSentimentChannelAndReviewAndPagesNewestFirst() {
        Instant t = Instant.now().minusSeconds(3600);
        List<String> ids = rows.write(List.of(
                voice(Kind.COMPLAINT, Topic.FRAUD_SECURITY, t, department),
                new VoiceRows.Voice(Channel.WEB, t.plusSeconds(10), "アプリが使いやすいです", Kind.PRAISE,
                        List.of(Topic.WEB_APP, Topic.POINTS), Sentiment.POSITIVE, department),
                new VoiceRows.Voice(Channel.STORE, t.plusSeconds(20), "年会費について教えてください", Kind.INQUIRY,
                        List.of(Topic.FEES_INTEREST), Sentiment.NEUTRAL, department),
                voice(Kind.COMPLAINT, Topic.POINTS, t.plusSeconds(30), department)));
        queues.correct("cx-test", ids.get(2), seen(ids.get(2)), new VoiceQueues.Labels(Kind.INQUIRY, List.of(Topic.FEES_INTEREST),
                Sentiment.NEUTRAL), "127.0.0.1");

        assertThat(ids(VoiceQueues.Filter.NONE)).containsExactly(ids.get(3), ids.get(2), ids.get(1), ids.get(0));
        assertThat(ids(new VoiceQueues.Filter(Kind.COMPLAINT, null, null, null, null)))
                .containsExactly(ids.get(3), ids.get(0));
        // a topic matches whatever its rank
        assertThat(ids(new VoiceQueues.Filter(null, Topic.POINTS, null, null, null)))
                .containsExactly(ids.get(3), ids.get(1));
        assertThat(ids(new VoiceQueues.Filter(null, null, Sentiment.POSITIVE, null, null))).containsExactly(ids.get(1));
        assertThat(ids(new VoiceQueues.Filter(null, null, null, Channel.STORE, null))).containsExactly(ids.get(2));
        assertThat(ids(new VoiceQueues.Filter(null, null, null, null, true))).containsExactly(ids.get(2));
        assertThat(ids(new VoiceQueues.Filter(null, null, null, null, false)))
                .containsExactly(ids.get(3), ids.get(1), ids.get(0));
        assertThat(ids(new VoiceQueues.Filter(Kind.COMPLAINT, Topic.POINTS, Sentiment.NEGATIVE, Channel.CALL_CENTER,
                false))).containsExactly(ids.get(3));

        VoiceQueues.Page first = queues.items(department, VoiceQueues.Filter.NONE, 0, 3);
        VoiceQueues.Page second = queues.items(department, VoiceQueues.Filter.NONE, 1, 3);
        assertThat(first.total()).isEqualTo(4);
        assertThat(first.hasNext()).isTrue();
        assertThat(second.items()).extracting(VoiceItem::id).containsExactly(ids.get(0));
        assertThat(second.hasNext()).isFalse();
        assertThat(queues.items(department, VoiceQueues.Filter.NONE, 0, 3).items().get(1).topics())
                .containsExactly(Topic.FEES_INTEREST);

        assertThat(queues.queues()).filteredOn(q -> q.department().code().equals(department)).singleElement()
                .satisfies(q -> {
                    assertThat(q.open()).isEqualTo(3);
                    assertThat(q.total()).isEqualTo(4);
                });
    }

    @Test
    void aCorrectionFromAFormShownBeforeAnothersCorrectionIsRefusedAndTheirsKept() {
        String id = rows.write(List.of(voice(Kind.INQUIRY, Topic.FRAUD_SECURITY, Instant.now().minusSeconds(60),
                department))).get(0);
        String shownToBoth = seen(id);
        VoiceQueues.Labels first = new VoiceQueues.Labels(Kind.COMPLAINT, List.of(Topic.FRAUD_SECURITY),
                Sentiment.NEGATIVE);
        VoiceQueues.Labels second = new VoiceQueues.Labels(Kind.PRAISE, List.of(Topic.FRAUD_SECURITY),
                Sentiment.POSITIVE);
        queues.correct("cx-first", id, shownToBoth, first, "127.0.0.1");

        assertThatThrownBy(() -> queues.correct("cx-second", id, shownToBoth, second, "127.0.0.1"))
                .isInstanceOfSatisfying(WorkbenchRefused.class, refused -> assertThat(refused.reason())
                        .isEqualTo(WorkbenchRefused.Reason.CHANGED_MEANWHILE));

        VoiceItem kept = queues.item(id).orElseThrow();
        assertThat(kept.kind()).isEqualTo(Kind.COMPLAINT);
        assertThat(kept.sentiment()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM voice_corrections WHERE item_id = ?").param(id).query(Long.class)
                .single()).isEqualTo(1);
        // with the form shown again, the second correction goes through
        assertThat(queues.correct("cx-second", id, seen(id), second, "127.0.0.1").outcome())
                .isEqualTo(VoiceQueues.Outcome.CORRECTED);
    }

    private String seen(String id) {
        return VoiceQueues.seen(queues.item(id).orElseThrow());
    }

    private List<String> ids(VoiceQueues.Filter filter) {
        return queues.items(department, filter, 0, 20).items().stream().map(VoiceItem::id).toList();
    }

    @Test
    void aCorrectionIsKeptAuditedAndReroutesWhenTheMainTopicsDepartmentDiffers() {
        String id = rows.write(List.of(voice(Kind.INQUIRY, Topic.FRAUD_SECURITY, Instant.now().minusSeconds(60),
                department))).get(0);
        VoiceQueues.Labels labels = new VoiceQueues.Labels(Kind.COMPLAINT, List.of(Topic.POINTS, Topic.FRAUD_SECURITY),
                Sentiment.NEGATIVE);

        String seen = seen(id);
        VoiceQueues.Correction correction = queues.correct("cx-test", id, seen, labels, "127.0.0.1");

        String points = routes.departmentOf(Topic.POINTS);
        assertThat(correction.outcome()).isEqualTo(VoiceQueues.Outcome.CORRECTED);
        assertThat(correction.rerouted()).isTrue();
        VoiceItem item = queues.item(id).orElseThrow();
        assertThat(item.kind()).isEqualTo(Kind.COMPLAINT);
        assertThat(item.topics()).containsExactly(Topic.POINTS, Topic.FRAUD_SECURITY);
        assertThat(item.corrected()).isTrue();
        assertThat(item.department()).isEqualTo(points);
        assertThat(jdbc.sql("SELECT kind_before, kind_after, topics_before, topics_after, sentiment_before, "
                + "sentiment_after, corrected_by FROM voice_corrections WHERE item_id = ?").param(id).query()
                .listOfRows()).singleElement().satisfies(row -> assertThat(row.values()).containsExactly(
                        "INQUIRY", "COMPLAINT", "FRAUD_SECURITY", "POINTS,FRAUD_SECURITY", "NEGATIVE", "NEGATIVE",
                        "cx-test"));
        assertThat(audited(id)).containsExactly("voice.item.corrected");
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE resource = ?").param("voice-item/" + id)
                .query(String.class).single()).contains("rerouted " + department + "->" + points)
                .doesNotContain("カード");

        // the same form again (a double click, a reload): nothing more written
        assertThat(queues.correct("cx-test", id, seen, labels, "127.0.0.1").outcome())
                .isEqualTo(VoiceQueues.Outcome.UNCHANGED);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM voice_corrections WHERE item_id = ?").param(id).query(Long.class)
                .single()).isEqualTo(1);
        assertThat(audited(id)).containsExactly("voice.item.corrected");
    }

    @Test
    void savingTheModelsOwnLabelsConfirmsThemOnceAndKeepsTheDepartment() {
        String id = rows.write(List.of(voice(Kind.COMPLAINT, Topic.FRAUD_SECURITY, Instant.now().minusSeconds(60),
                department))).get(0);
        VoiceQueues.Labels same = new VoiceQueues.Labels(Kind.COMPLAINT, List.of(Topic.FRAUD_SECURITY),
                Sentiment.NEGATIVE);
        String seen = seen(id);

        assertThat(queues.correct("cx-test", id, seen, same, "127.0.0.1").outcome()).isEqualTo(VoiceQueues.Outcome.CONFIRMED);
        assertThat(queues.correct("cx-test", id, seen, same, "127.0.0.1").outcome()).isEqualTo(VoiceQueues.Outcome.UNCHANGED);

        assertThat(queues.item(id).orElseThrow().department()).isEqualTo(department);
        assertThat(queues.item(id).orElseThrow().corrected()).isTrue();
        assertThat(audited(id)).containsExactly("voice.item.confirmed");
    }

    @Test
    void labelsRefuseAMissingMainTopicAndTheSameTopicTwice() {
        assertThatThrownBy(() -> new VoiceQueues.Labels(Kind.COMPLAINT, java.util.Arrays.asList(null, Topic.POINTS),
                Sentiment.NEGATIVE)).isInstanceOfSatisfying(WorkbenchRefused.class,
                        r -> assertThat(r.field()).isEqualTo("topic1"));
        assertThatThrownBy(() -> new VoiceQueues.Labels(Kind.COMPLAINT, List.of(Topic.POINTS, Topic.POINTS),
                Sentiment.NEGATIVE)).isInstanceOfSatisfying(WorkbenchRefused.class,
                        r -> assertThat(r.reason()).isEqualTo(WorkbenchRefused.Reason.DUPLICATE_TOPIC));
    }

    @Test
    void aRouteChangeAppliesToNewItemsAndMovesOpenOnesOnlyWhenAsked() {
        Topic topic = Topic.STORE_COUNTER;
        String before = routes.departmentOf(topic);
        String target = freshDepartment();
        String third = freshDepartment();
        Instant t = Instant.now().minusSeconds(120);
        try {
            routes.change("cx-test", topic, department, false, "127.0.0.1");
            List<String> ids = rows.write(List.of(voice(Kind.COMPLAINT, topic, t, department),
                    voice(Kind.COMPLAINT, topic, t.plusSeconds(1), department),
                    voice(Kind.COMPLAINT, topic, t.plusSeconds(2), department)));
            queues.correct("cx-test", ids.get(1), seen(ids.get(1)), new VoiceQueues.Labels(Kind.COMPLAINT, List.of(topic),
                    Sentiment.NEGATIVE), "127.0.0.1");

            assertThat(routes.change("cx-test", topic, target, false, "127.0.0.1")).isZero();
            assertThat(routes.departmentOf(topic)).isEqualTo(target);
            assertThat(queues.item(ids.get(0)).orElseThrow().department()).isEqualTo(department);
            assertThat(routes.routes()).filteredOn(r -> r.topic() == topic).singleElement()
                    .satisfies(r -> assertThat(r.changedBy()).isEqualTo("cx-test"));

            // moving the open ones from the previous owner: the reviewed item stays where staff left it
            assertThat(routes.change("cx-test", topic, department, false, "127.0.0.1")).isZero();
            assertThat(routes.change("cx-test", topic, third, true, "127.0.0.1")).isEqualTo(2);
            assertThat(queues.item(ids.get(0)).orElseThrow().department()).isEqualTo(third);
            assertThat(queues.item(ids.get(2)).orElseThrow().department()).isEqualTo(third);
            assertThat(queues.item(ids.get(1)).orElseThrow().department()).isEqualTo(department);
            assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE resource = ? AND action = 'voice.route.changed' "
                    + "AND detail LIKE ?").params("voice-route/" + topic, "%->" + third + "%").query(String.class)
                    .single()).isEqualTo(department + "->" + third + "; open items moved: 2");
            assertThatThrownBy(() -> routes.change("cx-test", topic, "NO_SUCH_DEPARTMENT", false, "x"))
                    .isInstanceOf(WorkbenchRefused.class);
        } finally {
            routes.change("cx-test", topic, before, false, "127.0.0.1");
        }
    }

    @Test
    void aDepartmentCodeIsCapitalsAndUnderscoresAndTakenOnce() {
        assertThatThrownBy(() -> routes.addDepartment("cx-test", "lower", "部", "Dept", "x"))
                .isInstanceOfSatisfying(WorkbenchRefused.class,
                        r -> assertThat(r.reason()).isEqualTo(WorkbenchRefused.Reason.INVALID_CODE));
        assertThatThrownBy(() -> routes.addDepartment("cx-test", department, "部", "Dept", "x"))
                .isInstanceOfSatisfying(WorkbenchRefused.class,
                        r -> assertThat(r.reason()).isEqualTo(WorkbenchRefused.Reason.CODE_TAKEN));
        assertThatThrownBy(() -> routes.addDepartment("cx-test", "NEW_ONE_" + "X".repeat(5), " ", "Dept", "x"))
                .isInstanceOfSatisfying(WorkbenchRefused.class, r -> assertThat(r.field()).isEqualTo("nameJa"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE resource = ? AND action = 'voice.department.added'")
                .param("voice-department/" + department).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aDepartmentNameWithACardNumberOrHiddenCharactersIsRefusedAndNotStored() {
        String code = "NEW_" + UUID.randomUUID().toString().replaceAll("[^a-f]", "").toUpperCase();
        assertThatThrownBy(() -> routes.addDepartment("cx-test", code, "4111 1111 1111 1111", "Dept", "x"))
                .isInstanceOfSatisfying(WorkbenchRefused.class, r -> {
                    assertThat(r.reason()).isEqualTo(WorkbenchRefused.Reason.CARD_NUMBER);
                    assertThat(r.field()).isEqualTo("nameJa");
                });
        assertThatThrownBy(() -> routes.addDepartment("cx-test", code, "部", "Dept\u202Etxt", "x"))
                .isInstanceOfSatisfying(WorkbenchRefused.class, r -> {
                    assertThat(r.reason()).isEqualTo(WorkbenchRefused.Reason.NOT_PLAIN_TEXT);
                    assertThat(r.field()).isEqualTo("nameEn");
                });
        assertThatThrownBy(() -> routes.addDepartment("cx-test", code, "部\u200B", "Dept", "x"))
                .isInstanceOfSatisfying(WorkbenchRefused.class,
                        r -> assertThat(r.reason()).isEqualTo(WorkbenchRefused.Reason.NOT_PLAIN_TEXT));
        assertThat(routes.department(code)).isEmpty();
    }

    @Test
    void theDashboardCountsByTheIssuersCalendarDayAndSumsWeeks() {
        // A Wednesday long past, so no other test's voices fall in its weeks.
        LocalDate today = LocalDate.of(2001, 1, 3).plusWeeks(ThreadLocalRandom.current().nextInt(0, 800));
        Instant lateYesterday = today.minusDays(1).atTime(LocalTime.of(23, 30)).atZone(Display.ZONE).toInstant();
        Instant earlyToday = today.atTime(LocalTime.of(0, 30)).atZone(Display.ZONE).toInstant();
        Instant lastWeek = today.minusDays(7).atTime(12, 0).atZone(Display.ZONE).toInstant();
        rows.write(List.of(voice(Kind.COMPLAINT, Topic.FRAUD_SECURITY, lateYesterday, department),
                voice(Kind.COMPLAINT, Topic.FRAUD_SECURITY, earlyToday, department),
                new VoiceRows.Voice(Channel.APP, earlyToday, "ポイントをもっと", Kind.REQUEST,
                        List.of(Topic.POINTS, Topic.WEB_APP), Sentiment.NEUTRAL, department),
                voice(Kind.PRAISE, Topic.CALL_CENTER, lastWeek, department)));
        List<String> kinds = List.of("REQUEST", "COMPLAINT", "PRAISE", "INQUIRY");

        VoiceDashboard.Counts daily = dashboard.counts(VoiceDashboard.Dimension.KIND, VoiceDashboard.Period.DAILY,
                kinds, today);
        assertThat(daily.buckets()).hasSize(VoiceDashboard.DAYS).last().isEqualTo(today);
        assertThat(last(daily, "COMPLAINT", 0)).isEqualTo(1);
        assertThat(last(daily, "COMPLAINT", 1)).isEqualTo(1);
        assertThat(last(daily, "REQUEST", 0)).isEqualTo(1);
        assertThat(last(daily, "PRAISE", 7)).isEqualTo(1);

        VoiceDashboard.Counts weekly = dashboard.counts(VoiceDashboard.Dimension.KIND, VoiceDashboard.Period.WEEKLY,
                kinds, today);
        assertThat(weekly.buckets()).hasSize(VoiceDashboard.WEEKS).last().isEqualTo(today.minusDays(2)); // Monday
        assertThat(last(weekly, "COMPLAINT", 0)).isEqualTo(2);
        assertThat(last(weekly, "PRAISE", 1)).isEqualTo(1);
        assertThat(weekly.total(VoiceDashboard.WEEKS - 1)).isEqualTo(3);

        // an item counts under each of its topics
        VoiceDashboard.Counts topics = dashboard.counts(VoiceDashboard.Dimension.TOPIC, VoiceDashboard.Period.DAILY,
                List.of("POINTS", "WEB_APP", "FRAUD_SECURITY"), today);
        assertThat(last(topics, "POINTS", 0)).isEqualTo(1);
        assertThat(last(topics, "WEB_APP", 0)).isEqualTo(1);
        VoiceDashboard.Counts channels = dashboard.counts(VoiceDashboard.Dimension.CHANNEL,
                VoiceDashboard.Period.DAILY, List.of("APP", "CALL_CENTER"), today);
        assertThat(last(channels, "APP", 0)).isEqualTo(1);
        assertThat(last(channels, "CALL_CENTER", 0)).isEqualTo(1);
    }

    /** The count {@code back} buckets before the last. */
    private static long last(VoiceDashboard.Counts counts, String label, int back) {
        List<Long> values = counts.counts().get(label);
        return values.get(values.size() - 1 - back);
    }

    @Test
    void thePagesShowTheQueuesAnItemAndTakeACorrection() throws Exception {
        String id = rows.write(List.of(voice(Kind.INQUIRY, Topic.FRAUD_SECURITY, Instant.now().minusSeconds(60),
                department))).get(0);

        assertThat(page(get("/voice"), CX)).contains("id=\"chart-kind\"").contains("id=\"voice-nav\"")
                .contains("/voice/model").contains("/voice/reviews").contains("/voice/countermeasures");
        assertThat(page(get("/voice").param("period", "weekly"), CX)).contains("id=\"chart-sentiment\"");
        assertThat(page(get("/voice/queues"), CX)).contains("data-department=\"" + department + "\"");
        assertThat(page(get("/voice/queues/" + department).param("kind", "INQUIRY"), CX)).contains(id);
        assertThat(page(get("/voice/items/" + id), CX)).contains("[電話番号]").contains("test-model-1");

        MockHttpServletResponse refused = mvc.perform(post("/voice/items/" + id + "/correction").with(csrf()).with(CX)
                .param("kind", "NOT_A_KIND").param("topic1", "POINTS").param("sentiment", "NEGATIVE")).andReturn()
                .getResponse();
        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(refused.getContentAsString()).contains("id=\"error\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM voice_corrections WHERE item_id = ?").param(id).query(Long.class)
                .single()).isZero();

        String seen = seen(id);
        assertThat(page(get("/voice/items/" + id), CX)).contains("name=\"seen\" value=\"" + seen + "\"");
        MockHttpServletResponse done = mvc.perform(post("/voice/items/" + id + "/correction").with(csrf()).with(CX)
                .param("kind", "COMPLAINT").param("topic1", "FRAUD_SECURITY").param("topic2", "")
                .param("sentiment", "NEGATIVE").param("seen", seen)).andReturn().getResponse();
        assertThat(done.getStatus()).isEqualTo(302);
        assertThat(done.getRedirectedUrl()).isEqualTo("/voice/items/" + id + "?done=CORRECTED");
        assertThat(queues.item(id).orElseThrow().kind()).isEqualTo(Kind.COMPLAINT);

        // a second form shown before that correction: refused beside the form, the first correction kept
        MockHttpServletResponse stale = mvc.perform(post("/voice/items/" + id + "/correction").with(csrf()).with(CX)
                .param("kind", "PRAISE").param("topic1", "FRAUD_SECURITY").param("sentiment", "POSITIVE")
                .param("seen", seen)).andReturn().getResponse();
        assertThat(stale.getStatus()).isEqualTo(409);
        assertThat(stale.getContentAsString()).contains("id=\"stale\"").contains(seen(id));
        assertThat(queues.item(id).orElseThrow().kind()).isEqualTo(Kind.COMPLAINT);

        assertThat(mvc.perform(get("/voice").param("period", "yearly").with(CX)).andReturn().getResponse()
                .getStatus()).isEqualTo(400);
        assertThat(mvc.perform(get("/voice/queues/" + department).param("kind", "x").with(CX)).andReturn()
                .getResponse().getStatus()).isEqualTo(400);
        assertThat(mvc.perform(get("/voice/items/" + UUID.randomUUID()).with(CX)).andReturn().getResponse()
                .getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/voice/queues").with(user("a").roles(Role.ANALYST.name()))).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void theRoutesPageAddsADepartmentAndRefusesABadCodeBesideTheField() throws Exception {
        assertThat(page(get("/voice/routes"), CX)).contains("id=\"routes-effect\"").contains("data-topic=\"PRIVACY\"");
        MockHttpServletResponse bad = mvc.perform(post("/voice/departments").with(csrf()).with(CX)
                .param("code", "bad code").param("nameJa", "部").param("nameEn", "Dept")).andReturn().getResponse();
        assertThat(bad.getStatus()).isEqualTo(422);
        assertThat(bad.getContentAsString()).contains("id=\"department-error\"");
        MockHttpServletResponse card = mvc.perform(post("/voice/departments").with(csrf()).with(CX)
                .param("code", "CARD_NAMED").param("nameJa", "4111 1111 1111 1111").param("nameEn", "Dept"))
                .andReturn().getResponse();
        assertThat(card.getStatus()).isEqualTo(422);
        assertThat(card.getContentAsString()).contains("id=\"department-error\"").doesNotContain("4111");
    }

    @Test
    void theRoutesFormMovesTheOpenVoicesWhenTickedAndSaysHowMany() throws Exception {
        Topic topic = Topic.PRIVACY;
        String before = routes.departmentOf(topic);
        String target = freshDepartment();
        try {
            routes.change("cx-test", topic, department, false, "127.0.0.1");
            String id = rows.write(List.of(voice(Kind.COMPLAINT, topic, Instant.now().minusSeconds(30), department)))
                    .get(0);
            MockHttpServletResponse saved = mvc.perform(post("/voice/routes/" + topic).with(csrf()).with(CX)
                    .param("department", target).param("rerouteOpen", "on")).andReturn().getResponse();
            assertThat(saved.getStatus()).isEqualTo(302);
            assertThat(saved.getRedirectedUrl()).isEqualTo("/voice/routes?done=route&moved=1");
            assertThat(queues.item(id).orElseThrow().department()).isEqualTo(target);
            assertThat(page(get("/voice/routes").param("done", "route").param("moved", "1"), CX))
                    .contains("未確認の声1件");
            MockHttpServletResponse refused = mvc.perform(post("/voice/routes/" + topic).with(csrf()).with(CX)
                    .param("department", "NOT_THERE")).andReturn().getResponse();
            assertThat(refused.getStatus()).isEqualTo(422);
            assertThat(routes.departmentOf(topic)).isEqualTo(target);
            assertThat(mvc.perform(post("/voice/routes/NO_TOPIC").with(csrf()).with(CX).param("department", target))
                    .andReturn().getResponse().getStatus()).isEqualTo(404);
        } finally {
            routes.change("cx-test", topic, before, false, "127.0.0.1");
        }
    }

    private List<String> audited(String itemId) {
        return jdbc.sql("SELECT action FROM audit_log WHERE resource = ? ORDER BY seq").param("voice-item/" + itemId)
                .query(String.class).list();
    }
}
