package dev.anshin.statistics;

import dev.anshin.access.Role;
import dev.anshin.privacy.Actor;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.site.Display;
import jakarta.servlet.http.HttpServletRequest;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's statistics pages: the reports with the budgets left ({@code /console/statistics}), where an
 * analyst defines a report with the default protection; one report with its releases
 * ({@code /console/statistics/reports/{id}}), each drawn as a chart (a line over time, bars otherwise; drawn
 * in the browser by ECharts from JSON in the page, see {@link ReleaseFigure}) and listed as a table, with "preview" for analysts (spends budget) and "publish" for a privacy officer who
 * did not compute it. The same service as the API; every refusal shown in words, nothing half-done.
 */
@Controller
class StatisticsPages {

    /** A report as the list shows it. */
    record ReportRow(String id, String name, String measure, String dimensions, String period, int releases) {
    }

    /**
     * A release as the report page shows it, labels in the reader's language: its table (every cell of the
     * domain, suppressed ones said so, when it is small enough), and its chart as the JSON the page's
     * script draws ({@code null}: no chart), with a caption and a text summary.
     */
    record ReleaseRow(String id, String status, String statusCode, String createdAt, String parameters,
            List<String> headers, List<TableLine> cells, boolean releasedOnly, String suppressed, String total,
            String chartCaption, String chartSummary, String chartData, boolean tooManySeries, boolean publishable) {
    }

    /** A line of a release's table: the dimension values, then value and cardholders (or "suppressed"). */
    record TableLine(List<String> values, boolean suppressed) {
    }

    /** A table of more cells lists the released ones only (a report may have up to 20,000). */
    static final int MAX_TABLE_CELLS = 1_000;

    private final StatisticsReports reports;
    private final ReferenceData reference;
    private final MessageSource messages;
    private final JsonMapper json;
    private final StatisticsProperties properties;

    StatisticsPages(StatisticsReports reports, ReferenceData reference, MessageSource messages, JsonMapper json,
            StatisticsProperties properties) {
        this.properties = properties;
        this.reports = reports;
        this.reference = reference;
        this.messages = messages;
        this.json = json;
    }

    @GetMapping("/console/statistics")
    String list(Model model, Locale locale, Authentication auth) {
        List<ReportRow> rows = new ArrayList<>();
        for (var report : reports.reports(100)) {
            var d = report.definition();
            rows.add(new ReportRow(report.id(), d.name(), text("statistics.measure." + d.measure(), locale),
                    String.join(" × ", d.dimensions().stream().map(x -> text("statistics.dimension." + x, locale))
                            .toList()), d.from() + " – " + d.to(), reports.releases(report.id()).size()));
        }
        model.addAttribute("reports", rows);
        model.addAttribute("budgets", reports.budgets());
        model.addAttribute("analyst", has(auth, Role.ANALYST));
        model.addAttribute("measures", List.of(Measure.values()));
        model.addAttribute("dimensions", List.of(Dimension.values()));
        YearMonth now = YearMonth.now(Display.ZONE);
        // the last complete month only: each month of a report's period pays for every preview of it
        model.addAttribute("defaultFrom", now.minusMonths(1).toString());
        model.addAttribute("defaultTo", now.minusMonths(1).toString());
        return "statistics/reports";
    }

    @PostMapping("/console/statistics/reports")
    String define(@RequestParam(required = false) String name, @RequestParam(required = false) String measure,
            @RequestParam(required = false) String dimension1, @RequestParam(required = false) String dimension2,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String requestId, Locale locale, Authentication auth,
            HttpServletRequest request, RedirectAttributes redirect) {
        List<String> dimensions = new ArrayList<>();
        if (dimension1 != null && !dimension1.isBlank()) {
            dimensions.add(dimension1);
        }
        if (dimension2 != null && !dimension2.isBlank()) {
            dimensions.add(dimension2);
        }
        try {
            var defined = reports.define(Actor.staff(auth, request), new ReportDefinition.Body(requestId, name, measure,
                    dimensions, from, to, Map.of(), null));
            redirect.addFlashAttribute("done", text("statistics.defined", locale));
            return "redirect:/console/statistics/reports/" + defined.report().id();
        } catch (RequestProblem refused) {
            redirect.addFlashAttribute("error", text("statistics.refused", locale, refusal(refused)));
            return "redirect:/console/statistics";
        }
    }

    @GetMapping("/console/statistics/reports/{id}")
    String report(@PathVariable String id, Model model, Locale locale, Authentication auth) {
        var report = reports.report(id).orElseThrow(() -> RequestProblem.notFound("No such report."));
        var d = report.definition();
        model.addAttribute("report", new ReportRow(report.id(), d.name(), text("statistics.measure." + d.measure(), locale),
                String.join(" × ", d.dimensions().stream().map(x -> text("statistics.dimension." + x, locale)).toList()),
                d.from() + " – " + d.to(), 0));
        String epsilon = epsilon(d);
        model.addAttribute("previewHint", text("statistics.preview.hint", locale, epsilon, d.from() + " – " + d.to(),
                d.protection().delta() == null ? Delta.DEFAULT.toString() : d.protection().delta()));
        String shortOfBudget = shortOfBudget(d, locale);
        model.addAttribute("budgetShort", shortOfBudget == null ? null
                : text("statistics.budget.short", locale, shortOfBudget, epsilon));
        model.addAttribute("analyst", has(auth, Role.ANALYST));
        boolean officer = has(auth, Role.PRIVACY_OFFICER);
        Set<String> countries = reference.countries();
        model.addAttribute("releases", reports.releases(report.id()).stream()
                .map(r -> row(r, countries, locale, officer && !r.createdBy().equals(auth.getName()))).toList());
        return "statistics/report";
    }

    @PostMapping("/console/statistics/reports/{id}/releases")
    String preview(@PathVariable String id, @RequestParam(required = false) String requestId, Locale locale,
            Authentication auth, HttpServletRequest request, RedirectAttributes redirect) {
        try {
            reports.preview(Actor.staff(auth, request), id, requestId);
            redirect.addFlashAttribute("done", text("statistics.previewed", locale));
        } catch (RequestProblem refused) {
            String shortOfBudget = refused.type() == ProblemType.PRIVACY_BUDGET_EXHAUSTED
                    ? reports.report(id).map(r -> shortOfBudget(r.definition(), locale)).orElse(null) : null;
            redirect.addFlashAttribute("error", shortOfBudget != null
                    ? text("statistics.budget.short", locale, shortOfBudget, epsilon(reports.report(id).orElseThrow()
                            .definition()))
                    : refused.type() == ProblemType.PRIVACY_BUDGET_EXHAUSTED
                            ? text("statistics.budget.exhausted", locale)
                            : text("statistics.refused", locale, refusal(refused)));
        }
        return "redirect:/console/statistics/reports/" + id;
    }

    @PostMapping("/console/statistics/releases/{id}/publication")
    String publish(@PathVariable String id, Locale locale, Authentication auth, HttpServletRequest request,
            RedirectAttributes redirect) {
        Release release = reports.release(id).orElseThrow(() -> RequestProblem.notFound("No such release."));
        try {
            reports.publish(Actor.staff(auth, request), id);
            redirect.addFlashAttribute("done", text("statistics.published", locale));
        } catch (RequestProblem refused) {
            redirect.addFlashAttribute("error", text("statistics.refused", locale, refusal(refused)));
        }
        return "redirect:/console/statistics/reports/" + release.reportId();
    }

    private ReleaseRow row(Release release, Set<String> countries, Locale locale, boolean mayPublish) {
        var p = release.parameters().definition().protection();
        String parameters = text("statistics.release.parameters", locale, p.k(), p.thresholdEpsilon(),
                p.valueEpsilon() == null ? "—" : p.valueEpsilon(), p.cap(), p.maxCells(),
                release.parameters().delta() == null ? "—" : release.parameters().delta(),
                release.parameters().threshold() == null ? "—" : release.parameters().threshold());
        List<String> headers = new ArrayList<>();
        List<TableLine> cells = new ArrayList<>();
        boolean releasedOnly = false;
        String suppressed = "";
        String total = null;
        String caption = null;
        String summary = null;
        String chart = null;
        boolean tooMany = false;
        Release.Table table = release.table();
        if (table != null) {
            table.dimensions().forEach(x -> headers.add(text("statistics.dimension." + x, locale)));
            ReleaseFigure figure = ReleaseFigure.of(table, release.parameters().definition(), countries,
                    v -> label(v, locale));
            releasedOnly = figure.cells().size() > MAX_TABLE_CELLS;
            String withheld = text("statistics.release.suppressed-cell", locale);
            for (ReleaseFigure.DomainCell cell : figure.cells()) {
                if (cell.released() == null && releasedOnly) {
                    continue;
                }
                List<String> line = new ArrayList<>();
                cell.values().forEach(v -> line.add(label(v, locale)));
                line.add(cell.released() == null ? withheld : Display.count(cell.released().value()));
                line.add(cell.released() == null ? withheld : Display.count(cell.released().cardholders()));
                cells.add(new TableLine(line, cell.released() == null));
            }
            suppressed = text("statistics.release.suppressed", locale, Display.count(table.suppressedCells()));
            total = table.total() == null ? null : Display.count(table.total());
            if (!table.cells().isEmpty()) {
                String measure = text("statistics.measure." + table.measure(), locale);
                caption = text("statistics.chart.caption", locale, measure, String.join(" × ", headers));
                tooMany = !figure.drawable();
                if (!tooMany) {
                    summary = text("statistics.chart.summary." + figure.kind(), locale, measure,
                            String.join(" × ", headers), figure.categories().size(), figure.suppressedCategories());
                    chart = chartData(figure, measure, locale);
                }
            }
        }
        return new ReleaseRow(release.id(), text("statistics.status." + release.status(), locale),
                release.status().name(), Display.time(release.createdAt()), parameters, headers, cells, releasedOnly,
                suppressed, total, caption, summary, chart, tooMany,
                mayPublish && release.status() == Release.Status.PREVIEW);
    }

    /**
     * What the page's script (console/assets/statistics-charts.js) draws, as JSON in a data attribute: the
     * categories in words and whether each was suppressed (the chart shades and labels those), the series
     * with {@code null} for a suppressed cell, and the words the chart itself shows.
     */
    private String chartData(ReleaseFigure figure, String measure, Locale locale) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", figure.kind().name());
        data.put("stacked", figure.stacked());
        data.put("measure", measure);
        data.put("categories", figure.categories());
        data.put("states", figure.states());
        data.put("series", figure.series());
        data.put("suppressed", text("statistics.chart.suppressed", locale));
        return json.writeValueAsString(data);
    }

    /** A dimension value in words: categories, regions, prefectures and age bands from the bundle. */
    private String label(String value, Locale locale) {
        return messages.getMessage("statistics.value." + value, null, value, locale);
    }

    /** The ε one preview of the report spends from each month (both parts). */
    private static String epsilon(ReportDefinition.Body d) {
        return d.protection().valueEpsilon() == null ? d.protection().thresholdEpsilon()
                : new java.math.BigDecimal(d.protection().thresholdEpsilon())
                        .add(new java.math.BigDecimal(d.protection().valueEpsilon())).stripTrailingZeros().toPlainString();
    }

    /**
     * The months of the report's period with less budget left than one preview spends, each with what is
     * left (a month never spent from has the whole budget), in words; {@code null} when every month has enough.
     */
    private String shortOfBudget(ReportDefinition.Body d, Locale locale) {
        Epsilon cost = Epsilon.parse("epsilon", epsilon(d));
        long whole = Epsilon.parse("anshin.statistics.budget-per-period", properties.budgetPerPeriod()).thousandths();
        Map<String, Long> left = new LinkedHashMap<>();
        for (PrivacyBudgets.Budget budget : reports.budgets()) {
            if (StatisticsReports.DATASET.equals(budget.dataset())) {
                left.put(budget.period(), budget.total().thousandths() - budget.spentThousandths());
            }
        }
        List<String> months = new ArrayList<>();
        for (String month : TimeBuckets.months(YearMonth.parse(d.from()), YearMonth.parse(d.to()))) {
            long remaining = left.getOrDefault(month, whole);
            if (remaining < cost.thousandths()) {
                months.add(text("statistics.budget.month-left", locale, month,
                        java.math.BigDecimal.valueOf(Math.max(0, remaining), 3).stripTrailingZeros().toPlainString()));
            }
        }
        return months.isEmpty() ? null : String.join(text("statistics.list.separator", locale), months);
    }

    private static String refusal(RequestProblem refused) {
        return refused.errors().isEmpty() ? refused.getMessage()
                : refused.errors().get(0).field() + " " + refused.errors().get(0).message();
    }

    private static boolean has(Authentication auth, Role role) {
        return auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(role.authority()));
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
