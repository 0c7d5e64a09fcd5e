package dev.anshin.voice.review;

import dev.anshin.problems.ErrorPages;
import dev.anshin.problems.RequestProblem;
import dev.anshin.site.Display;
import dev.anshin.voice.analysis.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;

/**
 * The monthly review's pages (role CUSTOMER_EXPERIENCE, as all of /voice): {@code /voice/reviews} to pick a month
 * and a department or the company, {@code /voice/reviews/{yyyy-MM}?department=CODE} the report, and
 * {@code /voice/reviews/{yyyy-MM}.pdf?department=CODE} the same report as PDF. Page and PDF share one Thymeleaf
 * fragment ({@code voice/review-body}) and one chart code ({@link ReviewChart}).
 */
@Controller
@ErrorPages
class ReviewPages {

    private final MonthlyReviews reviews;
    private final Countermeasures countermeasures;
    private final MessageSource messages;
    private final SpringTemplateEngine templates;
    private final Clock clock;

    ReviewPages(MonthlyReviews reviews, Countermeasures countermeasures, MessageSource messages,
            SpringTemplateEngine templates, Clock clock) {
        this.reviews = reviews;
        this.countermeasures = countermeasures;
        this.messages = messages;
        this.templates = templates;
        this.clock = clock;
    }

    @GetMapping("/voice/reviews")
    String pick(@RequestParam(required = false) String month, @RequestParam(required = false) String department,
            Model model, Locale locale) {
        if (month != null) {
            YearMonth chosen = month(month);
            String code = department(department);
            return "redirect:/voice/reviews/" + chosen + (code == null ? "" : "?department=" + code);
        }
        YearMonth last = YearMonth.now(clock.withZone(Display.ZONE)).minusMonths(1);
        List<YearMonth> recent = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            recent.add(last.minusMonths(i));
        }
        model.addAttribute("defaultMonth", last.toString());
        model.addAttribute("recent", recent);
        model.addAttribute("departments", departments(locale));
        return "voice/reviews";
    }

    @GetMapping("/voice/reviews/{month}")
    String report(@PathVariable String month, @RequestParam(required = false) String department, Model model,
            Locale locale) {
        model.addAllAttributes(report(month(month), department(department), locale));
        model.addAttribute("pdf", false);
        return "voice/review";
    }

    @GetMapping("/voice/reviews/{month}.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String month, @RequestParam(required = false) String department,
            Locale locale) {
        YearMonth chosen = month(month);
        String code = department(department);
        Context context = new Context(locale, report(chosen, code, locale));
        context.setVariable("pdf", true);
        byte[] body = ReviewPdf.render(templates.process("voice/review-pdf", context));
        String name = "voice-review-" + chosen + (code == null ? "" : "-" + code) + ".pdf";
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(name,
                        StandardCharsets.UTF_8).build().toString())
                .body(body);
    }

    /** What the report fragment reads, for the page and the PDF alike. */
    private Map<String, Object> report(YearMonth month, String department, Locale locale) {
        MonthlyReview review = reviews.review(month, department);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("review", review);
        model.put("month", month.toString());
        model.put("previousMonth", month.minusMonths(1).toString());
        model.put("nextMonth", month.plusMonths(1).toString());
        model.put("department", department);
        Map<String, String> names = departments(locale);
        model.put("departments", names);
        model.put("scope", department == null ? text("voice.review.company", locale) : names.get(department));
        model.put("kindChart", ReviewChart.bars(review.kinds(), l -> text("voice.kind." + l, locale)));
        model.put("topicChart", ReviewChart.bars(review.topics(), l -> text("voice.topic." + l, locale)));
        model.put("channelChart", ReviewChart.bars(review.channels(), l -> text("voice.channel." + l, locale)));
        model.put("sentimentChart", ReviewChart.bars(review.sentiments(), l -> text("voice.sentiment." + l, locale)));
        model.put("topTopicCodes", review.topTopics().stream().map(t -> t.topic().name()).toList());
        model.put("generatedAt", Display.time(clock.instant()));
        return model;
    }

    private Map<String, String> departments(Locale locale) {
        Map<String, String> out = new LinkedHashMap<>();
        countermeasures.departments().forEach(d -> out.put(d.code(), d.name(locale)));
        return out;
    }

    private static YearMonth month(String value) {
        YearMonth month = Countermeasures.parseMonth(value);
        if (month == null) {
            throw RequestProblem.invalid("month", "Not a month (YYYY-MM).");
        }
        return month;
    }

    private String department(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.matches("[A-Z_]{1,40}") || !countermeasures.departmentExists(value)) {
            throw RequestProblem.invalid("department", "No such department.");
        }
        return value;
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    /** The topics in their order, for the countermeasure form's checkboxes. */
    static List<Topic> topics() {
        return List.of(Topic.values());
    }
}
