package dev.anshin.voice.review;

import java.util.List;
import java.util.Locale;

/**
 * The review's bar charts, drawn on the server as inline SVG so that the page and the PDF show the same drawing
 * from the same code (openhtmltopdf draws SVG through Batik). Each bar is its own small SVG in a row whose label
 * and numbers are HTML text: no text inside the SVG, so the PDF needs no font for it (Batik would look for system
 * fonts, and a fresh machine has none), the numbers stay selectable and searchable, and screen readers read the
 * row rather than the drawing (the SVG is {@code aria-hidden}). This month is a filled bar, last month an outlined
 * thinner bar below it: told apart by shape, not by colour alone.
 */
public final class ReviewChart {

    /** One row: the label's text, this month's and last month's counts, and the drawing. */
    public record Bar(String label, String text, long count, long previous, String svg) {
    }

    private static final int WIDTH = 200;

    private ReviewChart() {
    }

    /** The rows of one chart, scaled to the largest count among them (this month or last). */
    public static List<Bar> bars(List<MonthlyReview.Count> counts, java.util.function.Function<String, String> text) {
        long max = Math.max(1, counts.stream().mapToLong(c -> Math.max(c.count(), c.previous())).max().orElse(1));
        return counts.stream()
                .map(c -> new Bar(c.label(), text.apply(c.label()), c.count(), c.previous(),
                        svg(c.count(), c.previous(), max)))
                .toList();
    }

    /** The drawing of one row: viewBox 200×24, a filled bar for this month over an outlined one for last month. */
    static String svg(long count, long previous, long max) {
        double now = WIDTH * (double) count / max;
        double before = WIDTH * (double) previous / max;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bar\" viewBox=\"0 0 " + WIDTH + " 24\" "
                + "width=\"100%\" height=\"24\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\">"
                + "<rect x=\"0\" y=\"1\" width=\"" + WIDTH + "\" height=\"22\" fill=\"#f3f4f6\"/>"
                + "<rect x=\"0\" y=\"2\" width=\"" + format(now) + "\" height=\"12\" fill=\"#1d4ed8\"/>"
                + (previous > 0 ? "<rect x=\"0.5\" y=\"16.5\" width=\"" + format(Math.max(0, before - 1))
                        + "\" height=\"5\" fill=\"none\" stroke=\"#374151\" stroke-width=\"1\"/>" : "")
                + "</svg>";
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
