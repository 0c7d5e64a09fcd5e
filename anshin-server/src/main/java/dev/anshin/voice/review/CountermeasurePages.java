package dev.anshin.voice.review;

import dev.anshin.privacy.Actor;
import dev.anshin.problems.ErrorPages;
import dev.anshin.problems.RequestProblem;
import dev.anshin.site.Display;
import dev.anshin.voice.analysis.Topic;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The countermeasures' pages: the list ({@code /voice/countermeasures}), a new one
 * ({@code /voice/countermeasures/new?month=&department=&topic=…&item=…}, from a report with its top topics
 * preselected, or from a voice item), and one countermeasure to edit and move ({@code /voice/countermeasures/{id}}).
 * A refused form comes back with every fault beside its field (status 422); a double submit stores one.
 */
@Controller
@ErrorPages
class CountermeasurePages {

    private final Countermeasures countermeasures;
    private final MessageSource messages;
    private final Clock clock;

    CountermeasurePages(Countermeasures countermeasures, MessageSource messages, Clock clock) {
        this.countermeasures = countermeasures;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/voice/countermeasures")
    String list(@RequestParam(required = false) String department, Model model, Locale locale) {
        String code = department == null || department.isBlank() ? null : department;
        if (code != null && !countermeasures.departmentExists(code)) {
            throw RequestProblem.invalid("department", "No such department.");
        }
        model.addAttribute("countermeasures", countermeasures.list(code, 200));
        model.addAttribute("department", code);
        model.addAttribute("departments", departments(locale));
        model.addAttribute("today", countermeasures.today());
        return "voice/countermeasures";
    }

    @GetMapping("/voice/countermeasures/new")
    String draft(@RequestParam(required = false) String month, @RequestParam(required = false) String department,
            @RequestParam(required = false) List<String> topic, @RequestParam(required = false) String item,
            Model model, Locale locale) {
        YearMonth chosen = Countermeasures.parseMonth(month);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("month", (chosen == null ? YearMonth.now(clock.withZone(Display.ZONE)) : chosen).toString());
        form.put("department", department == null ? "" : department);
        form.put("itemIds", item == null ? "" : item);
        form.put("action", "");
        form.put("owner", "");
        form.put("dueDate", "");
        form.put("formToken", "cm-" + UUID.randomUUID());
        return form(model, locale, form, topic == null ? List.of() : topic, Map.of());
    }

    @PostMapping("/voice/countermeasures")
    String raise(@RequestParam Map<String, String> params, @RequestParam(required = false) List<String> topics,
            Authentication auth, HttpServletRequest request, HttpServletResponse response, Model model, Locale locale,
            RedirectAttributes redirect) {
        Countermeasures.Draft draft = new Countermeasures.Draft(params.get("action"), params.get("owner"),
                params.get("dueDate"), params.get("department"), params.get("month"), topics, params.get("itemIds"),
                params.get("formToken"));
        try {
            Countermeasure raised = countermeasures.raise(Actor.staff(auth, request), draft);
            redirect.addFlashAttribute("done", text("voice.review.cm.raised", locale));
            return "redirect:/voice/countermeasures/" + raised.id();
        } catch (CountermeasureRefused refused) {
            response.setStatus(422);
            Map<String, String> form = new LinkedHashMap<>();
            for (String field : List.of("month", "department", "itemIds", "action", "owner", "dueDate", "formToken")) {
                form.put(field, shown(refused, field, params.getOrDefault(field, "")));
            }
            return form(model, locale, form, topics == null ? List.of() : topics, errors(refused, locale));
        }
    }

    @GetMapping("/voice/countermeasures/{id}")
    String show(@PathVariable String id, Model model, Locale locale) {
        Countermeasure c = countermeasures.find(id).orElseThrow(() -> RequestProblem.notFound("No such countermeasure."));
        return edit(model, locale, c, Map.of("action", c.action(), "owner", c.owner(), "dueDate",
                c.dueDate().toString()), c.topics().stream().map(Topic::name).toList(), Map.of());
    }

    @PostMapping("/voice/countermeasures/{id}")
    String change(@PathVariable String id, @RequestParam Map<String, String> params,
            @RequestParam(required = false) List<String> topics, Authentication auth, HttpServletRequest request,
            HttpServletResponse response, Model model, Locale locale, RedirectAttributes redirect) {
        Countermeasure c = countermeasures.find(id).orElseThrow(() -> RequestProblem.notFound("No such countermeasure."));
        try {
            countermeasures.edit(Actor.staff(auth, request), id, new Countermeasures.Edit(params.get("action"),
                    params.get("owner"), params.get("dueDate"), topics));
            redirect.addFlashAttribute("done", text("voice.review.cm.saved", locale));
            return "redirect:/voice/countermeasures/" + id;
        } catch (CountermeasureRefused refused) {
            response.setStatus(422);
            return edit(model, locale, c, Map.of("action", shown(refused, "action", nz(params.get("action"))),
                    "owner", shown(refused, "owner", nz(params.get("owner"))), "dueDate", nz(params.get("dueDate"))), topics == null ? List.of() : topics, errors(refused, locale));
        }
    }

    @PostMapping("/voice/countermeasures/{id}/status")
    String move(@PathVariable String id, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, Authentication auth, HttpServletRequest request,
            Locale locale, RedirectAttributes redirect) {
        CountermeasureStatus seen = status(from, "from");
        CountermeasureStatus target = status(to, "to");
        try {
            countermeasures.move(Actor.staff(auth, request), id, seen, target);
            redirect.addFlashAttribute("done", text("voice.review.cm.moved", locale,
                    text("voice.review.status." + target, locale)));
        } catch (CountermeasureRefused refused) {
            if (refused.reason() == CountermeasureRefused.Reason.NOT_FOUND) {
                throw RequestProblem.notFound("No such countermeasure.");
            }
            redirect.addFlashAttribute("error", text("voice.review.refused." + refused.reason(), locale));
        }
        return "redirect:/voice/countermeasures/" + id;
    }

    private static CountermeasureStatus status(String value, String field) {
        try {
            return CountermeasureStatus.valueOf(value == null ? "" : value);
        } catch (IllegalArgumentException unknown) {
            throw RequestProblem.invalid(field, "Not a countermeasure status.");
        }
    }

    private String form(Model model, Locale locale, Map<String, String> form, List<String> topics,
            Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("checked", topics);
        model.addAttribute("errors", errors);
        model.addAttribute("topics", List.of(Topic.values()));
        model.addAttribute("departments", departments(locale));
        return "voice/countermeasure-new";
    }

    private String edit(Model model, Locale locale, Countermeasure c, Map<String, String> form, List<String> topics,
            Map<String, String> errors) {
        model.addAttribute("cm", c);
        model.addAttribute("form", form);
        model.addAttribute("checked", topics);
        model.addAttribute("errors", errors);
        model.addAttribute("topics", List.of(Topic.values()));
        model.addAttribute("moves", CountermeasureTransitions.available(c.status()));
        model.addAttribute("late", c.lateOn(countermeasures.today()));
        model.addAttribute("departments", departments(locale));
        return "voice/countermeasure";
    }

    private Map<String, String> errors(CountermeasureRefused refused, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        refused.faults().forEach((field, reason) -> errors.put(field,
                text("voice.review.refused." + reason, locale)));
        return errors;
    }

    private Map<String, String> departments(Locale locale) {
        Map<String, String> out = new LinkedHashMap<>();
        countermeasures.departments().forEach(d -> out.put(d.code(), d.name(locale)));
        return out;
    }

    /** A field refused for a card number comes back empty: the number is not written into another page. */
    private static String shown(CountermeasureRefused refused, String field, String value) {
        return refused.faults().get(field) == CountermeasureRefused.Reason.CARD_NUMBER ? "" : value;
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
