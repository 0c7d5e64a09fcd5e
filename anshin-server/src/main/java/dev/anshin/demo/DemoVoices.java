package dev.anshin.demo;

import dev.anshin.access.Role;
import dev.anshin.privacy.Actor;
import dev.anshin.voice.Channel;
import dev.anshin.voice.Source;
import dev.anshin.voice.Submission;
import dev.anshin.voice.VoiceIntake;
import dev.anshin.voice.VoiceItem;
import dev.anshin.voice.VoiceRefused;
import dev.anshin.voice.analysis.Kind;
import dev.anshin.voice.analysis.Topic;
import dev.anshin.voice.imports.VoiceImports;
import dev.anshin.voice.review.Countermeasure;
import dev.anshin.voice.review.CountermeasureStatus;
import dev.anshin.voice.review.Countermeasures;
import dev.anshin.voice.review.MonthlyReview;
import dev.anshin.voice.review.MonthlyReviews;
import dev.anshin.voice.workbench.VoiceQueues;
import dev.anshin.voice.workbench.SurgeRule;
import dev.anshin.voice.workbench.VoiceRoutes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The voice of the customer on the demo (issue 17): simulated customers give feedback through every channel and
 * source at a steady pace, a month of history is there from the first start, a fraud-complaint surge comes now and
 * then for the surge alert to catch, and simulated customer-experience staff correct what the model got wrong and
 * follow up last month's top complaint with a countermeasure.
 *
 * <ul>
 *   <li>The call center's and the stores' systems: {@code POST /api/v1/voices} with a key of their own
 *   (CUSTOMER_SERVICE), channels CALL_CENTER and STORE, now and then with a customer id;</li>
 *   <li>the portal's opinion form (source PORTAL, channel WEB, a demo cardholder), the public form (PUBLIC_FORM) and
 *   staff typing in what a customer said at a counter (STAFF, channel STORE): the intake those forms call;</li>
 *   <li>now and then a small call-center export through the CSV import, a few of its rows bad, so its error report
 *   has something.</li>
 * </ul>
 *
 * <p>The texts come from {@link DemoVoiceTexts}; their words are sealed and masked by the intake, never logged here.
 */
final class DemoVoices {

    private static final Logger log = LoggerFactory.getLogger(DemoVoices.class);
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    /** The API client of the call-center and store systems (its key: CUSTOMER_SERVICE). */
    static final String CLIENT = "demo-voices";
    /** The simulated customer-experience staff member, as audit entries and corrections name them. */
    static final String CX_STAFF = "demo-cx";
    /** The surge alert's baseline: the days before the last one (SurgeRule) and a day's margin. */
    private static final int BASELINE_DAYS = SurgeRule.BASELINE_DAYS + 2;
    /** Items remembered with what they meant, for the staff's corrections. */
    private static final int REMEMBERED = 500;
    /** The countermeasure left late on purpose (the review's follow-up shows one). */
    static final String LATE_ACTION = "オペレーター向けFAQの改訂（遅延中）";
    private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm", Locale.ROOT);

    private final VoiceIntake intake;
    private final VoiceQueues queues;
    private final VoiceRoutes routes;
    private final Countermeasures countermeasures;
    private final MonthlyReviews reviews;
    private final VoiceImports imports;
    private final DemoApi api;
    private final JsonMapper json;
    private final String apiKey;
    private final List<String> customers;
    private final DemoPeople people;
    private final DemoProperties properties;
    private final Clock clock;
    private final String run;
    private final SplittableRandom random;
    private final DemoVoiceTexts texts;
    private final Map<String, DemoVoiceTexts.Voice> meant = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DemoVoiceTexts.Voice> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger corrected = new AtomicInteger();
    private int step;
    private int exports;
    private int surges;

    DemoVoices(VoiceIntake intake, VoiceQueues queues, VoiceRoutes routes, Countermeasures countermeasures,
            MonthlyReviews reviews, VoiceImports imports, DemoApi api, JsonMapper json, String apiKey,
            List<String> customers, DemoPeople people, DemoProperties properties, Clock clock, String run) {
        this.intake = intake;
        this.queues = queues;
        this.routes = routes;
        this.countermeasures = countermeasures;
        this.reviews = reviews;
        this.imports = imports;
        this.api = api;
        this.json = json;
        this.apiKey = apiKey;
        this.customers = customers;
        this.people = people;
        this.properties = properties;
        this.clock = clock;
        this.run = run;
        this.random = new SplittableRandom(properties.seed() ^ clock.millis());
        this.texts = new DemoVoiceTexts(properties.seed() ^ clock.millis() ^ 0x701CEL);
    }

    /**
     * The previous full month and this month so far, about {@code voices-per-day} a day, the surge alert's baseline
     * days (the last 30) as dense as the live stream (at most ten times that), so the alert's usual level matches
     * what arrives now and only a real surge raises one; each voice under a fixed key: a restart adds nothing. A share of the items the model got wrong is corrected, as staff would have done.
     */
    void backfill() {
        LocalDate today = LocalDate.now(clock.withZone(JAPAN));
        LocalDate from = YearMonth.from(today).minusMonths(1).atDay(1);
        Instant now = clock.instant();
        int perDay = Math.max(1, properties.voicesPerDay());
        int recent = perDay;
        if (!properties.voiceEvery().isZero() && !properties.voiceEvery().isNegative()) {
            long live = Duration.ofDays(1).toSeconds() / Math.max(1, properties.voiceEvery().toSeconds());
            recent = (int) Math.max(perDay, Math.min(live, 10L * perDay));
        }
        int added = 0;
        int all = 0;
        for (LocalDate day = from; !day.isAfter(today); day = day.plusDays(1)) {
            SplittableRandom daily = new SplittableRandom(properties.seed() * 31 + day.toEpochDay());
            DemoVoiceTexts dayTexts = new DemoVoiceTexts(daily.nextLong());
            boolean dense = !day.isBefore(today.minusDays(BASELINE_DAYS));
            int count = dense ? recent : perDay * 2 / 3 + daily.nextInt(perDay * 2 / 3 + 1);
            for (int i = 0; i < count; i++) {
                DemoVoiceTexts.Voice voice = dayTexts.next();
                Instant at = day.atStartOfDay(JAPAN).toInstant().plusSeconds(daily.nextInt(86_400));
                int source = daily.nextInt(10);
                int who = daily.nextInt(Math.max(1, customers.size()));
                boolean correct = daily.nextInt(3) == 0;
                if (!at.isBefore(now)) {
                    continue;
                }
                all++;
                String key = "demo-h-" + day + "-" + i;
                try {
                    VoiceItem item = intake.receive(actor(), historySubmission(source, key, voice, at, who));
                    if (item.created()) {
                        added++;
                        if (correct) {
                            correct(item, voice);
                        }
                    }
                } catch (VoiceRefused e) {
                    refused.incrementAndGet();
                }
            }
        }
        log.info("demo: voice history {} .. {}: {} voices, {} of them new", from, today, all, added);
    }

    private Submission historySubmission(int source, String key, DemoVoiceTexts.Voice voice, Instant at, int who) {
        String customer = customers.isEmpty() ? null : customers.get(who);
        return switch (source) {
            case 0, 1, 2, 3 -> new Submission(Source.API, CLIENT, key, Channel.CALL_CENTER, voice.text(), at,
                    source == 0 ? customer : null, null, null);
            case 4 -> new Submission(Source.API, CLIENT, key, Channel.STORE, voice.text(), at, null, null, null);
            case 5, 6 -> new Submission(Source.PORTAL, "portal", key, Channel.WEB, voice.text(), at, customer, null,
                    null);
            case 7, 8 -> new Submission(Source.PUBLIC_FORM, "public-form", key, Channel.WEB, voice.text(), at, null,
                    null, null);
            default -> new Submission(Source.STAFF, "demo-counter", key, Channel.STORE, voice.text(), at, null, null,
                    null);
        };
    }

    /** One customer's voice, by the next channel in turn; every tenth step a staff member corrects one. */
    synchronized void act() {
        try {
            DemoVoiceTexts.Voice voice = texts.next();
            Instant now = clock.instant();
            String key = "demo-" + run + "-" + step;
            switch (step++ % 5) {
                case 0 -> viaApi("CALL_CENTER", voice, key, random.nextInt(3) == 0 ? customer() : null);
                case 1 -> viaApi("STORE", voice, key, null);
                case 2 -> {
                    String cardholder = customer();
                    remember(intake.receive(Actor.cardholder(cardholder, "demo"), new Submission(Source.PORTAL,
                            "portal", key, Channel.WEB, voice.text(), now, cardholder, null, null)), voice);
                }
                case 3 -> remember(intake.receive(new Actor("public-form", EnumSet.noneOf(Role.class), "demo"),
                        new Submission(Source.PUBLIC_FORM, "public-form", key, Channel.WEB, voice.text(), now, null,
                                null, null)), voice);
                default -> remember(intake.receive(counterStaff(), new Submission(Source.STAFF, "demo-counter", key,
                        Channel.STORE, voice.text(), now, null, null, null)), voice);
            }
            sent.incrementAndGet();
            if (step % 10 == 0) {
                correctOne();
            }
        } catch (VoiceRefused e) {
            refused.incrementAndGet();
        } catch (RuntimeException e) {
            log.debug("demo: a voice step failed: {}", e.getClass().getSimpleName());
        }
    }

    private void viaApi(String channel, DemoVoiceTexts.Voice voice, String key, String customerId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", channel);
        body.put("text", voice.text());
        body.put("receivedAt", clock.instant().toString());
        if (customerId != null) {
            body.put("customerId", customerId);
        }
        body.put("voiceId", key);
        DemoApi.Answer answer = api.post("/api/v1/voices", apiKey, json.writeValueAsString(body));
        if (!answer.ok()) {
            refused.incrementAndGet();
            log.debug("demo: POST /api/v1/voices answered {}", answer.status());
            return;
        }
        JsonNode item = json.readTree(answer.body());
        remember(item.get("id").asString(), voice);
    }

    /**
     * A burst of fraud complaints within a minute or two, through the call center's API (as when a card's data leaked
     * somewhere): the surge alert catches it at its next check.
     */
    void surge() {
        int burst = Math.max(properties.voiceSurgeSize(), 1);
        String key = "demo-surge-" + run + "-" + surges++;
        for (int i = 0; i < burst; i++) {
            viaApi(i % 3 == 2 ? "STORE" : "CALL_CENTER", texts.of(Kind.COMPLAINT, Topic.FRAUD_SECURITY), key + "-" + i,
                    random.nextInt(2) == 0 ? customer() : null);
        }
        log.info("demo: a surge of {} fraud complaints sent; the surge check raises an alert (/voice/alerts)", burst);
    }

    /**
     * A small call-center export through the CSV import (as customer service uploads it at /voice/imports): a dozen
     * rows, two or three of them bad (no text, a time that is not one, an unknown channel), so the import's error
     * report has something.
     */
    void importExport() {
        StringBuilder csv = new StringBuilder("受付番号,受付日時,チャネル,お客様番号,内容\r\n");
        Instant now = clock.instant();
        String batch = run + "-" + exports++;
        int rows = 10 + random.nextInt(5);
        for (int i = 0; i < rows; i++) {
            DemoVoiceTexts.Voice voice = texts.next();
            String at = CSV_TIME.format(now.minusSeconds(60L * (rows - i) * 3).atZone(JAPAN));
            String channel = "電話";
            String text = voice.text();
            if (i == 3) {
                text = ""; // an empty row's text
            } else if (i == 7) {
                at = "昨日の午後"; // not a time
            } else if (i == 9) {
                channel = "FAX"; // not a channel
            }
            int who = random.nextInt(Math.max(1, customers.size()));
            String number = random.nextInt(3) == 0 && !customers.isEmpty() ? people.customerNumber(who) : "";
            csv.append("CC-").append(batch).append('-').append(i).append(',').append(at).append(',').append(channel)
                    .append(',').append(number).append(',').append(quoted(text)).append("\r\n");
        }
        try {
            String id = imports.importExport(counterStaff(), "callcenter-" + batch + ".csv",
                    csv.toString().getBytes(StandardCharsets.UTF_8));
            log.info("demo: a call-center export of {} rows imported (/voice/imports/{})", rows, id);
        } catch (Exception e) {
            log.warn("demo: the call-center export was not imported: {}", e.getMessage());
        }
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    /** One remembered item whose label the model got wrong (the newest first), corrected as staff would. */
    synchronized void correctOne() {
        List<Map.Entry<String, DemoVoiceTexts.Voice>> recent = new ArrayList<>(meant.entrySet());
        for (int i = recent.size() - 1; i >= 0; i--) {
            var entry = recent.get(i);
            VoiceItem item = queues.item(entry.getKey()).orElse(null);
            meant.remove(entry.getKey());
            if (item != null && !item.corrected() && correct(item, entry.getValue())) {
                return;
            }
        }
    }

    /** Corrects the item to what the voice meant when the model read it otherwise; whether it did. */
    private boolean correct(VoiceItem item, DemoVoiceTexts.Voice voice) {
        boolean right = item.kind() == voice.kind() && !item.topics().isEmpty() && item.topics().get(0) == voice.topic()
                && item.sentiment() == voice.sentiment();
        if (right) {
            return false;
        }
        List<Topic> topics = new ArrayList<>();
        topics.add(voice.topic());
        for (Topic t : item.topics()) {
            if (t != voice.topic() && topics.size() < VoiceQueues.MAX_TOPICS) {
                topics.add(t);
            }
        }
        try {
            queues.correct(CX_STAFF, item.id(), VoiceQueues.seen(item), new VoiceQueues.Labels(voice.kind(), topics, voice.sentiment()), "demo");
            corrected.incrementAndGet();
            return true;
        } catch (RuntimeException e) {
            log.debug("demo: a correction failed: {}", e.getClass().getSimpleName());
            return false;
        }
    }

    /**
     * Once a month, a countermeasure for last month's top complaint topic (its department's), and the earlier ones
     * moved along: planned ones started, started ones done, except one left late on purpose. At the first start, two
     * from the month before last (one done, one late), so last month's review has a follow-up to show.
     */
    void followUp() {
        Actor cx = new Actor(CX_STAFF, EnumSet.of(Role.CUSTOMER_EXPERIENCE), "demo");
        YearMonth last = YearMonth.now(clock.withZone(JAPAN)).minusMonths(1);
        LocalDate today = LocalDate.now(clock.withZone(JAPAN));
        try {
            YearMonth before = last.minusMonths(1);
            raise(cx, before, Topic.CALL_CENTER, "折り返し予約の受付枠を夕方に増やす", "コールセンター運営チーム",
                    before.plusMonths(1).atDay(15), "demo-cm-" + before + "-a");
            raise(cx, before, Topic.CALL_CENTER, LATE_ACTION, "コールセンター教育担当",
                    today.minusDays(10), "demo-cm-" + before + "-b");
            Topic top = topComplaint(last);
            raise(cx, last, top, "「" + topicWords(top) + "」への苦情の原因を調べ、対応手順を見直す", "お客様相談室",
                    last.plusMonths(2).atDay(10), "demo-cm-" + last);
            for (Countermeasure c : countermeasures.list(null, 200)) {
                if (!c.createdMonth().isBefore(last) || !CX_STAFF.equals(c.createdBy()) || c.status().closed()) {
                    continue;
                }
                if (c.status() == CountermeasureStatus.PLANNED) {
                    c = countermeasures.move(cx, c.id(), CountermeasureStatus.PLANNED, CountermeasureStatus.IN_PROGRESS);
                }
                if (c.status() == CountermeasureStatus.IN_PROGRESS && !LATE_ACTION.equals(c.action())) {
                    countermeasures.move(cx, c.id(), CountermeasureStatus.IN_PROGRESS, CountermeasureStatus.DONE);
                }
            }
        } catch (RuntimeException e) {
            log.warn("demo: the countermeasures' follow-up failed: {}", e.getClass().getSimpleName());
        }
    }

    private void raise(Actor cx, YearMonth month, Topic topic, String action, String owner, LocalDate due,
            String token) {
        countermeasures.raise(cx, new Countermeasures.Draft(action, owner, due.toString(), routes.departmentOf(topic),
                month.toString(), List.of(topic.name()), "", token));
    }

    /** The month's top topic, company-wide, as its review ranks it (the call center when the month was empty). */
    private Topic topComplaint(YearMonth month) {
        MonthlyReview review = reviews.review(month, null);
        return review.topTopics().isEmpty() ? Topic.CALL_CENTER : review.topTopics().get(0).topic();
    }

    private static String topicWords(Topic topic) {
        return switch (topic) {
            case FRAUD_SECURITY -> "不正利用・セキュリティ";
            case FEES_INTEREST -> "手数料・金利・年会費";
            case WEB_APP -> "ウェブ・アプリ";
            case POINTS -> "ポイント・特典";
            case CALL_CENTER -> "電話窓口";
            case CARD_DELIVERY -> "カード発行・到着";
            case SCREENING_LIMITS -> "審査・利用可能枠";
            case BILLING_PAYMENT -> "請求・支払い";
            case PRIVACY -> "個人情報・勧誘";
            case STORE_COUNTER -> "店舗・カウンター";
        };
    }

    /** One log line a minute: what the simulated customers and staff did. */
    void summarize() {
        log.info("demo: voices sent {}, refused {}, corrected by the simulated staff {}", sent.get(), refused.get(),
                corrected.get());
    }

    private void remember(VoiceItem item, DemoVoiceTexts.Voice voice) {
        remember(item.id(), voice);
    }

    private synchronized void remember(String id, DemoVoiceTexts.Voice voice) {
        meant.put(id, voice);
    }

    private String customer() {
        return customers.get(random.nextInt(customers.size()));
    }

    private static Actor actor() {
        return new Actor("demo", EnumSet.of(Role.CUSTOMER_SERVICE), "demo");
    }

    private static Actor counterStaff() {
        return new Actor("demo-counter", EnumSet.of(Role.CUSTOMER_SERVICE), "demo");
    }

}
