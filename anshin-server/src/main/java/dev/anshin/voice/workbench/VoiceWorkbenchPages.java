package dev.anshin.voice.workbench;

import dev.anshin.notifications.SandboxInboxes;
import dev.anshin.problems.ErrorPages;
import dev.anshin.problems.RequestProblem;
import dev.anshin.site.Display;
import dev.anshin.voice.Channel;
import dev.anshin.voice.Department;
import dev.anshin.voice.VoiceItem;
import dev.anshin.voice.analysis.Kind;
import dev.anshin.voice.analysis.Sentiment;
import dev.anshin.voice.analysis.Topic;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The customer-experience staff's voice pages (CUSTOMER_EXPERIENCE): the dashboard ({@code /voice}), the
 * departments' queues ({@code /voice/queues}, {@code /voice/queues/{department}}), an item and its correction
 * ({@code /voice/items/{id}}), the topic → department map ({@code /voice/routes}) and the surge alerts
 * ({@code /voice/alerts}). Staff see the redacted text only.
 */
@Controller
@ErrorPages
class VoiceWorkbenchPages {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("M/d");
    private static final int ALERTS_SHOWN = 50;

    /** A select's option. */
    record Option(String value, String label) {
    }

    /** One chart: the statistics console's chart script draws {@code data}; the table below has every value. */
    record Chart(String id, String caption, String summary, String data, List<String> headers, List<TableRow> rows) {
    }

    record TableRow(String bucket, List<String> values) {
    }

    /** A queue's or the item page's line for an item. */
    record ItemRow(String id, String received, String channel, String kind, String kindCode, List<String> topics,
            String sentiment, String sentimentCode, boolean corrected, String text) {
    }

    private final VoiceQueues queues;
    private final VoiceRoutes routes;
    private final VoiceDashboard dashboard;
    private final VoiceAlerts alerts;
    private final WorkbenchProperties properties;
    private final SandboxInboxes inboxes;
    private final MessageSource messages;
    private final JsonMapper json;

    VoiceWorkbenchPages(VoiceQueues queues, VoiceRoutes routes, VoiceDashboard dashboard, VoiceAlerts alerts,
            WorkbenchProperties properties, SandboxInboxes inboxes, MessageSource messages, JsonMapper json) {
        this.queues = queues;
        this.routes = routes;
        this.dashboard = dashboard;
        this.alerts = alerts;
        this.properties = properties;
        this.inboxes = inboxes;
        this.messages = messages;
        this.json = json;
    }

    // ---- dashboard

    @GetMapping("/voice")
    String dashboard(@RequestParam(required = false) String period, Model model, Locale locale) {
        VoiceDashboard.Period p = "weekly".equals(period) ? VoiceDashboard.Period.WEEKLY
                : period == null || period.isEmpty() || "daily".equals(period) ? VoiceDashboard.Period.DAILY : null;
        if (p == null) {
            throw RequestProblem.badParameter("period", "must be daily or weekly");
        }
        model.addAttribute("period", p.name().toLowerCase(Locale.ROOT));
        model.addAttribute("openAlerts", alerts.open().stream().map(a -> alertRow(a, locale)).toList());
        List<Chart> charts = new ArrayList<>();
        charts.add(volume("kind", VoiceDashboard.Dimension.KIND, p, names(Kind.values()), "voice.kind.", locale));
        charts.add(volume("topic", VoiceDashboard.Dimension.TOPIC, p, names(Topic.values()), "voice.topic.", locale));
        charts.add(volume("channel", VoiceDashboard.Dimension.CHANNEL, p, names(Channel.values()), "voice.channel.",
                locale));
        charts.add(sentiment(locale));
        model.addAttribute("charts", charts);
        return "voice/dashboard";
    }

    private Chart volume(String id, VoiceDashboard.Dimension dimension, VoiceDashboard.Period period,
            List<String> labels, String prefix, Locale locale) {
        VoiceDashboard.Counts counts = dashboard.counts(dimension, period, labels);
        List<String> categories = counts.buckets().stream().map(d -> bucket(d, period, locale)).toList();
        Map<String, List<Long>> series = new LinkedHashMap<>();
        counts.counts().forEach((label, values) -> series.put(text(prefix + label, locale), values));
        String dimensionName = text("voice.workbench.dash.by." + id, locale);
        String caption = text("voice.workbench.dash.caption." + period, locale, dimensionName);
        long total = 0;
        for (int b = 0; b < counts.buckets().size(); b++) {
            total += counts.total(b);
        }
        String summary = text("voice.workbench.dash.summary.LINE", locale, dimensionName, categories.size(),
                Display.count(total), busiest(series, locale));
        return chart(id, "LINE", false, caption, summary, categories, series, v -> Display.count(v), locale);
    }

    /** Each week's share of negative, neutral and positive voices, in percent (stacked bars, 100 each). */
    private Chart sentiment(Locale locale) {
        List<String> labels = List.of(Sentiment.NEGATIVE.name(), Sentiment.NEUTRAL.name(), Sentiment.POSITIVE.name());
        VoiceDashboard.Counts counts = dashboard.counts(VoiceDashboard.Dimension.SENTIMENT,
                VoiceDashboard.Period.WEEKLY, labels);
        List<String> categories = counts.buckets().stream().map(d -> bucket(d, VoiceDashboard.Period.WEEKLY, locale))
                .toList();
        Map<String, List<Long>> shares = new LinkedHashMap<>();
        counts.counts().forEach((label, values) -> {
            List<Long> share = new ArrayList<>();
            for (int b = 0; b < values.size(); b++) {
                long all = counts.total(b);
                share.add(all == 0 ? null : Math.round(100.0 * values.get(b) / all));
            }
            shares.put(text("voice.sentiment." + label, locale), share);
        });
        int last = counts.buckets().size() - 1;
        String latest = counts.total(last) == 0 ? text("voice.workbench.dash.none", locale)
                : shares.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().get(last) + "%")
                        .reduce((a, b) -> a + ", " + b).orElse("");
        String caption = text("voice.workbench.dash.caption.sentiment", locale);
        String summary = text("voice.workbench.dash.summary.sentiment", locale, categories.size(), latest);
        return chart("sentiment", "BARS", true, caption, summary, categories, shares,
                v -> v + "%", locale);
    }

    private Chart chart(String id, String kind, boolean stacked, String caption, String summary,
            List<String> categories, Map<String, List<Long>> series, Function<Long, String> format, Locale locale) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", kind);
        data.put("stacked", stacked);
        data.put("measure", text("voice.workbench.dash.measure", locale));
        data.put("categories", categories);
        List<String> states = new ArrayList<>();
        for (int b = 0; b < categories.size(); b++) {
            int bucket = b;
            states.add(series.values().stream().allMatch(v -> v.get(bucket) == null) ? "SUPPRESSED" : "RELEASED");
        }
        data.put("states", states);
        data.put("series", series.entrySet().stream().map(e -> Map.of("name", e.getKey(), "values", e.getValue()))
                .toList());
        data.put("suppressed", text("voice.workbench.dash.no-voices", locale));
        List<TableRow> rows = new ArrayList<>();
        for (int b = 0; b < categories.size(); b++) {
            List<String> values = new ArrayList<>();
            for (List<Long> v : series.values()) {
                values.add(v.get(b) == null ? "–" : format.apply(v.get(b)));
            }
            rows.add(new TableRow(categories.get(b), values));
        }
        return new Chart(id, caption, summary, json.writeValueAsString(data), List.copyOf(series.keySet()), rows);
    }

    /** The series with the most voices over the period, for the summary. */
    private String busiest(Map<String, List<Long>> series, Locale locale) {
        return series.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().stream().mapToLong(v -> v == null ? 0 : v).sum()))
                .filter(e -> e.getValue() > 0).max(Map.Entry.comparingByValue())
                .map(e -> text("voice.workbench.dash.busiest", locale, e.getKey(), Display.count(e.getValue())))
                .orElse(text("voice.workbench.dash.none", locale));
    }

    private String bucket(java.time.LocalDate day, VoiceDashboard.Period period, Locale locale) {
        return period == VoiceDashboard.Period.DAILY ? day.format(DAY)
                : text("voice.workbench.dash.week-of", locale, day.format(DAY));
    }

    // ---- queues

    @GetMapping("/voice/queues")
    String queues(Model model, Locale locale) {
        model.addAttribute("queues", queues.queues());
        model.addAttribute("locale", locale);
        return "voice/queues";
    }

    @GetMapping("/voice/queues/{department}")
    String queue(@PathVariable String department, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String topic, @RequestParam(required = false) String sentiment,
            @RequestParam(required = false) String channel, @RequestParam(required = false) String corrected,
            @RequestParam(required = false) String page, Model model, Locale locale) {
        Department d = routes.department(department)
                .orElseThrow(() -> RequestProblem.notFound("No such department."));
        VoiceQueues.Filter filter = new VoiceQueues.Filter(choice(Kind.class, kind, "kind"),
                choice(Topic.class, topic, "topic"), choice(Sentiment.class, sentiment, "sentiment"),
                choice(Channel.class, channel, "channel"),
                corrected == null || corrected.isEmpty() ? null : switch (corrected) {
                    case "yes" -> Boolean.TRUE;
                    case "no" -> Boolean.FALSE;
                    default -> throw RequestProblem.badParameter("corrected", "must be yes or no");
                });
        int p = page(page);
        VoiceQueues.Page items = queues.items(d.code(), filter, p, properties.pageSize());
        model.addAttribute("department", d);
        model.addAttribute("departmentName", d.name(locale));
        model.addAttribute("items", items.items().stream().map(i -> itemRow(i, locale)).toList());
        model.addAttribute("page", items);
        Map<String, String> f = new LinkedHashMap<>();
        f.put("kind", kind == null ? "" : kind);
        f.put("topic", topic == null ? "" : topic);
        f.put("sentiment", sentiment == null ? "" : sentiment);
        f.put("channel", channel == null ? "" : channel);
        f.put("corrected", corrected == null ? "" : corrected);
        model.addAttribute("f", f);
        model.addAttribute("kinds", options(Kind.values(), "voice.kind.", locale));
        model.addAttribute("topics", options(Topic.values(), "voice.topic.", locale));
        model.addAttribute("sentiments", options(Sentiment.values(), "voice.sentiment.", locale));
        model.addAttribute("channels", options(Channel.values(), "voice.channel.", locale));
        model.addAttribute("showing", text("voice.workbench.queue.showing", locale, Display.count(items.total()),
                p + 1, items.pages()));
        return "voice/queue";
    }

    // ---- an item and its correction

    @GetMapping("/voice/items/{id}")
    String item(@PathVariable String id, @RequestParam(required = false) String done, Model model, Locale locale) {
        VoiceItem item = queues.item(id).orElseThrow(() -> RequestProblem.notFound("No such item."));
        fill(model, item, locale);
        if (done != null && List.of("CORRECTED", "CONFIRMED", "UNCHANGED", "REROUTED").contains(done)) {
            model.addAttribute("done", text("voice.workbench.item.done." + done, locale,
                    routes.department(item.department()).map(d -> d.name(locale)).orElse(item.department())));
        }
        return "voice/item";
    }

    @PostMapping("/voice/items/{id}/correction")
    String correct(@PathVariable String id, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String topic1, @RequestParam(required = false) String topic2,
            @RequestParam(required = false) String topic3, @RequestParam(required = false) String sentiment,
            @RequestParam(required = false) String seen, Authentication auth, Model model, Locale locale,
            HttpServletRequest request,
            HttpServletResponse response) {
        VoiceItem item = queues.item(id).orElseThrow(() -> RequestProblem.notFound("No such item."));
        try {
            VoiceQueues.Labels labels = new VoiceQueues.Labels(formChoice(Kind.class, kind, "kind"),
                    Arrays.asList(formChoice(Topic.class, topic1, "topic1"), formChoice(Topic.class, topic2, "topic2"),
                            formChoice(Topic.class, topic3, "topic3")),
                    formChoice(Sentiment.class, sentiment, "sentiment"));
            VoiceQueues.Correction c = queues.correct(auth.getName(), id, seen, labels, request.getRemoteAddr());
            String done = c.rerouted() ? "REROUTED" : c.outcome().name();
            return "redirect:/voice/items/" + id + "?done=" + done;
        } catch (VoiceQueues.UnknownItem gone) {
            throw RequestProblem.notFound("No such item.");
        } catch (WorkbenchRefused refused) {
            boolean stale = refused.reason() == WorkbenchRefused.Reason.CHANGED_MEANWHILE;
            response.setStatus(stale ? HttpStatus.CONFLICT.value() : HttpStatus.UNPROCESSABLE_CONTENT.value());
            // A stale form is shown again with the labels as they are now (and their new "seen"), the choices posted
            // kept in the selects so that nothing typed is lost.
            fill(model, stale ? queues.item(id).orElse(item) : item, locale);
            model.addAttribute("error", text(refused.messageKey(), locale));
            model.addAttribute("errorField", refused.field());
            Map<String, String> chosen = new LinkedHashMap<>();
            chosen.put("kind", kind);
            chosen.put("topic1", topic1);
            chosen.put("topic2", topic2);
            chosen.put("topic3", topic3);
            chosen.put("sentiment", sentiment);
            model.addAttribute("chosen", chosen);
            return "voice/item";
        }
    }

    private void fill(Model model, VoiceItem item, Locale locale) {
        model.addAttribute("item", itemRow(item, locale));
        model.addAttribute("receivedAt", Display.time(item.receivedAt()));
        model.addAttribute("modelVersion", item.modelVersion());
        model.addAttribute("departmentCode", item.department());
        model.addAttribute("departmentName",
                routes.department(item.department()).map(d -> d.name(locale)).orElse(item.department()));
        Map<String, String> chosen = new LinkedHashMap<>();
        chosen.put("kind", item.kind().name());
        for (int i = 0; i < VoiceQueues.MAX_TOPICS; i++) {
            chosen.put("topic" + (i + 1), i < item.topics().size() ? item.topics().get(i).name() : "");
        }
        chosen.put("sentiment", item.sentiment().name());
        model.addAttribute("chosen", chosen);
        model.addAttribute("seen", VoiceQueues.seen(item));
        model.addAttribute("kinds", options(Kind.values(), "voice.kind.", locale));
        model.addAttribute("topics", options(Topic.values(), "voice.topic.", locale));
        model.addAttribute("sentiments", options(Sentiment.values(), "voice.sentiment.", locale));
    }

    // ---- routes

    @GetMapping("/voice/routes")
    String routes(@RequestParam(required = false) String done, @RequestParam(required = false) String moved,
            Model model, Locale locale) {
        fillRoutes(model, locale);
        if (done != null && List.of("route", "department").contains(done)) {
            model.addAttribute("done", text("voice.workbench.routes.done." + done, locale));
            if ("route".equals(done) && moved != null && moved.matches("[0-9]{1,9}")) {
                model.addAttribute("done", text("voice.workbench.routes.done.moved", locale,
                        Display.count(Long.parseLong(moved))));
            }
        }
        return "voice/routes";
    }

    @PostMapping("/voice/routes/{topic}")
    String changeRoute(@PathVariable String topic, @RequestParam(required = false) String department,
            @RequestParam(required = false) String rerouteOpen, Authentication auth, Model model, Locale locale,
            HttpServletRequest request, HttpServletResponse response) {
        Topic t = Arrays.stream(Topic.values()).filter(x -> x.name().equals(topic)).findFirst()
                .orElseThrow(() -> RequestProblem.notFound("No such topic."));
        try {
            int moved = routes.change(auth.getName(), t, department, "on".equals(rerouteOpen) || "true".equals(rerouteOpen),
                    request.getRemoteAddr());
            return "redirect:/voice/routes?done=route" + (moved > 0 ? "&moved=" + moved : "");
        } catch (WorkbenchRefused refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            fillRoutes(model, locale);
            model.addAttribute("error", text(refused.messageKey(), locale));
            model.addAttribute("errorTopic", t.name());
            return "voice/routes";
        }
    }

    @PostMapping("/voice/departments")
    String addDepartment(@RequestParam(required = false) String code, @RequestParam(required = false) String nameJa,
            @RequestParam(required = false) String nameEn, Authentication auth, Model model, Locale locale,
            HttpServletRequest request, HttpServletResponse response) {
        try {
            routes.addDepartment(auth.getName(), code, nameJa, nameEn, request.getRemoteAddr());
            return "redirect:/voice/routes?done=department";
        } catch (WorkbenchRefused refused) {
            response.setStatus(refused.reason() == WorkbenchRefused.Reason.CODE_TAKEN ? HttpStatus.CONFLICT.value()
                    : HttpStatus.UNPROCESSABLE_CONTENT.value());
            fillRoutes(model, locale);
            model.addAttribute("departmentError", text(refused.messageKey(), locale));
            model.addAttribute("departmentErrorField", refused.field());
            model.addAttribute("code", code);
            // a name refused for a card number comes back empty: the number is not written into another page
            boolean card = refused.reason() == WorkbenchRefused.Reason.CARD_NUMBER;
            model.addAttribute("nameJa", card && refused.field().equals("nameJa") ? "" : nameJa);
            model.addAttribute("nameEn", card && refused.field().equals("nameEn") ? "" : nameEn);
            return "voice/routes";
        }
    }

    record RouteRow(String topic, String topicLabel, String department, String changedAt, String changedBy) {
    }

    private void fillRoutes(Model model, Locale locale) {
        model.addAttribute("routes", routes.routes().stream().map(r -> new RouteRow(r.topic().name(),
                text("voice.topic." + r.topic().name(), locale), r.department(), Display.time(r.changedAt()),
                r.changedBy())).toList());
        model.addAttribute("departments", routes.departments().stream()
                .map(d -> new Option(d.code(), d.name(locale) + " (" + d.code() + ")")).toList());
    }

    // ---- alerts

    record AlertRow(String id, String topic, String scope, String observed, String baseline, String threshold,
            String window, String department, String raisedAt, boolean open, String acknowledged, int notified,
            List<String> inboxes) {
    }

    @GetMapping("/voice/alerts")
    String alerts(@RequestParam(required = false) String done, Model model, Locale locale) {
        model.addAttribute("alerts", alerts.recent(ALERTS_SHOWN).stream().map(a -> alertRow(a, locale)).toList());
        model.addAttribute("rule", text("voice.workbench.alerts.rule", locale, properties.alertMinimum(),
                properties.alertRatio().stripTrailingZeros().toPlainString(), SurgeRule.BASELINE_DAYS));
        if ("acknowledged".equals(done)) {
            model.addAttribute("done", text("voice.workbench.alerts.done", locale));
        }
        return "voice/alerts";
    }

    @PostMapping("/voice/alerts/{id}/acknowledgement")
    String acknowledge(@PathVariable String id, Authentication auth, Model model, Locale locale,
            HttpServletRequest request, HttpServletResponse response) {
        if (id.length() > 36 || alerts.find(id).isEmpty()) {
            throw RequestProblem.notFound("No such alert.");
        }
        try {
            alerts.acknowledge(auth.getName(), id, request.getRemoteAddr());
            return "redirect:/voice/alerts?done=acknowledged";
        } catch (WorkbenchRefused refused) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("error", text(refused.messageKey(), locale));
            return alerts(null, model, locale);
        }
    }

    private AlertRow alertRow(VoiceAlerts.Alert a, Locale locale) {
        SurgeRule rule = new SurgeRule(a.minimum(), a.ratio());
        return new AlertRow(a.id(), text("voice.topic." + a.topic().name(), locale),
                text(a.complaintsOnly() ? "voice.workbench.alerts.scope.complaints" : "voice.workbench.alerts.scope.all",
                        locale),
                Display.count(a.observed()), a.baseline().stripTrailingZeros().toPlainString(),
                rule.threshold(a.baseline()).stripTrailingZeros().toPlainString(),
                Display.time(a.windowFrom()) + " – " + Display.time(a.windowTo()),
                routes.department(a.department()).map(d -> d.name(locale)).orElse(a.department()),
                Display.time(a.raisedAt()), a.open(),
                a.open() ? null : text("voice.workbench.alerts.acknowledged-by", locale, a.acknowledgedBy(),
                        Display.time(a.acknowledgedAt())),
                a.notified(), properties.recipients(a.department()).stream().map(inboxes::address)
                        .flatMap(Optional::stream).toList());
    }

    // ---- helpers

    private ItemRow itemRow(VoiceItem i, Locale locale) {
        return new ItemRow(i.id(), Display.time(i.receivedAt()), text("voice.channel." + i.channel(), locale),
                text("voice.kind." + i.kind(), locale), i.kind().name(),
                i.topics().stream().map(t -> text("voice.topic." + t, locale)).toList(),
                text("voice.sentiment." + i.sentiment(), locale), i.sentiment().name(), i.corrected(),
                i.redactedText());
    }

    private static <E extends Enum<E>> List<String> names(E[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private <E extends Enum<E>> List<Option> options(E[] values, String prefix, Locale locale) {
        return Arrays.stream(values).map(v -> new Option(v.name(), text(prefix + v.name(), locale))).toList();
    }

    /** A filter's value: empty for any; not one of the enum's names is a bad request. */
    private static <E extends Enum<E>> E choice(Class<E> type, String value, String parameter) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(value)).findFirst()
                .orElseThrow(() -> RequestProblem.badParameter(parameter, "is not one of the choices"));
    }

    /** A form's choice: empty for none; not one of the enum's names is refused beside the field. */
    private static <E extends Enum<E>> E formChoice(Class<E> type, String value, String field) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(value)).findFirst()
                .orElseThrow(() -> new WorkbenchRefused(WorkbenchRefused.Reason.INVALID_CHOICE, field));
    }

    private static int page(String page) {
        if (page == null || page.isEmpty()) {
            return 0;
        }
        if (!page.matches("[0-9]{1,6}")) {
            throw RequestProblem.badParameter("page", "must be a page number");
        }
        return Integer.parseInt(page);
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
