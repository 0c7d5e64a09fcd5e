package dev.anshin.statistics;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A released table drawn as SVG on the server, from the released values only: a line over time when the
 * first dimension is MONTH or WEEK, bars otherwise, of the totals by the first dimension (for a count of
 * cardholders, which does not add up, of the cells of a one-dimension report; over more dimensions it has no
 * series, and the chart says it is not drawn). Over time, a month or week with nothing released is a gap marked
 * "suppressed", not a point. With a title and a text summary for
 * screen readers; the table itself stays the accessible form.
 */
final class ReleaseChart {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 300;
    private static final int LEFT = 70;
    private static final int BOTTOM = 70;
    private static final int TOP = 20;
    /** What a month or week with nothing released says, in the API's language (English, like its codes). */
    static final String SUPPRESSED = "suppressed";
    /**
     * What the chart says when the table has no series to draw (a count of cardholders over more than one
     * dimension: it does not add up by the first), in the same language.
     */
    static final String NOT_DRAWN = "No chart for this report: it has no series by its first dimension (a count of "
            + "cardholders over more than one dimension does not add up by the first). The table has the released values.";


    private ReleaseChart() {
    }

    /** The line under the chart, in the chart's language (English, the API's): what is missing and from what. */
    static String suppressedNote(int cells) {
        return cells + (cells == 1 ? " cell" : " cells") + " suppressed (fewer than k cardholders or below the noisy "
                + "threshold); totals exclude them";
    }

    /**
     * Whether the table has a series to draw: totals by the first dimension, or the cells of a one-dimension
     * report. A count of cardholders over several dimensions has neither.
     */
    static boolean drawable(Release.Table table) {
        return table.totalsByFirstDimension() != null && !table.dimensions().isEmpty()
                || table.dimensions().size() == 1;
    }

    /** The points drawn: label → value, in the domain's order of the first dimension. */
    static Map<String, Long> points(Release.Table table) {
        Map<String, Long> points = new LinkedHashMap<>();
        if (table.totalsByFirstDimension() != null) {
            for (Release.Row row : table.cells()) {
                String first = row.values().get(0);
                points.putIfAbsent(first, table.totalsByFirstDimension().get(first));
            }
        } else if (table.dimensions().size() == 1) {
            table.cells().forEach(row -> points.put(row.values().get(0), row.value()));
        }
        return points;
    }

    static String svg(Release.Table table, String title, Function<String, String> label) {
        return svg(table, null, title, label, "chart");
    }

    /**
     * The chart of a release of {@code definition}: over time, every month or week of the report is on the
     * axis, and one with nothing released is a gap in the line marked "suppressed", never joined over nor
     * drawn as 0.
     */
    static String svg(Release.Table table, ReportDefinition.Body definition, String title,
            Function<String, String> label) {
        return svg(table, definition, title, label, "chart");
    }

    /** The chart, its title and summary under ids that start with {@code id} (unique on a page of several). */
    static String svg(Release.Table table, ReportDefinition.Body definition, String title,
            Function<String, String> label, String id) {
        if (!drawable(table)) {
            // Nothing to draw: filling the time axis would mark every month or week "suppressed", which is untrue.
            StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                    + "role=\"img\" aria-labelledby=\"%s-title %s-desc\"><title id=\"%s-title\">%s</title>"
                    + "<desc id=\"%s-desc\">%s</desc><text x=\"%d\" y=\"%d\" font-size=\"13\" fill=\"#222\" "
                    + "text-anchor=\"middle\">%s</text>", WIDTH, HEIGHT, id, id, id, escape(title), id,
                    escape(NOT_DRAWN), WIDTH / 2, HEIGHT / 2, escape("No chart for this report: see the table.")));
            note(svg, table, HEIGHT - 12);
            return svg.append("</svg>").toString();
        }
        Map<String, Long> released = points(table);
        boolean line = !table.dimensions().isEmpty()
                && (table.dimensions().get(0).equals("MONTH") || table.dimensions().get(0).equals("WEEK"));
        Map<String, Long> points = released;
        if (line && definition != null) {
            points = new LinkedHashMap<>();
            for (String bucket : ReportDefinition.values(Dimension.valueOf(table.dimensions().get(0)),
                    YearMonth.parse(definition.from()), YearMonth.parse(definition.to()), Set.of())) {
                points.put(bucket, released.get(bucket));
            }
            released.forEach(points::putIfAbsent);
        }
        long max = Math.max(1, points.values().stream().filter(Objects::nonNull).mapToLong(Long::longValue).max()
                .orElse(1));
        int plotWidth = WIDTH - LEFT - 20;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        // the suppressed cells' line goes under the longest axis label (drawn at 45°, about 6.5 px a character)
        int longest = points.keySet().stream().mapToInt(k -> label.apply(k).length()).max().orElse(0);
        int noteY = Math.max(HEIGHT, TOP + plotHeight + 14 + (int) Math.ceil(longest * 6.5 * 0.71)) + 18;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                + "role=\"img\" aria-labelledby=\"%s-title %s-desc\">", WIDTH,
                table.suppressedCells() > 0 ? noteY + 6 : HEIGHT, id, id));
        svg.append("<title id=\"").append(id).append("-title\">").append(escape(title)).append("</title>");
        List<String> summary = new ArrayList<>();
        points.forEach((k, v) -> summary.add(label.apply(k) + ": " + (v == null ? SUPPRESSED : v)));
        svg.append("<desc id=\"").append(id).append("-desc\">").append(escape(String.join(", ", summary))).append("</desc>");
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>",
                LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\" "
                + "fill=\"#222\">%d</text>", LEFT - 6, TOP + 10, max));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\" "
                + "fill=\"#222\">0</text>", LEFT - 6, TOP + plotHeight));
        int n = points.size();
        if (n == 0) {
            note(svg, table, noteY);
            svg.append("</svg>");
            return svg.toString();
        }
        double step = (double) plotWidth / n;
        int i = 0;
        StringBuilder path = new StringBuilder();
        boolean gap = true;
        for (var point : points.entrySet()) {
            double x = LEFT + step * i + step / 2;
            if (point.getValue() == null) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#4a5866\" "
                        + "text-anchor=\"start\" transform=\"rotate(-90 %.1f %d)\">%s</text>", x + 4, TOP + plotHeight - 4,
                        x + 4, TOP + plotHeight - 4, SUPPRESSED));
                gap = true;
            }
            double h = point.getValue() == null ? 0 : (double) plotHeight * point.getValue() / max;
            double y = TOP + plotHeight - h;
            if (point.getValue() == null) {
                // nothing drawn: the line breaks here
            } else if (line) {
                path.append(gap ? (path.length() == 0 ? "M" : " M") : " L")
                        .append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
                gap = false;
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#1f5fa8\"/>", x, y));
            } else {
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        + "fill=\"#1f5fa8\"/>", x - step * 0.35, y, step * 0.7, h));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#222\" "
                    + "text-anchor=\"end\" transform=\"rotate(-45 %.1f %d)\">%s</text>", x, TOP + plotHeight + 14, x,
                    TOP + plotHeight + 14, escape(label.apply(point.getKey()))));
            i++;
        }
        if (line) {
            svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\"/>");
        }
        note(svg, table, noteY);
        svg.append("</svg>");
        return svg.toString();
    }

    /** The suppressed cells' line, under the axis labels (a table with none suppressed has none). */
    private static void note(StringBuilder svg, Release.Table table, int y) {
        if (table.suppressedCells() > 0) {
            svg.append(String.format(Locale.ROOT, "<text class=\"suppressed-note\" x=\"%d\" y=\"%d\" font-size=\"12\" "
                    + "fill=\"#222\">%s</text>", 8, y, escape(suppressedNote(table.suppressedCells()))));
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
