package dev.anshin.voice.analysis;

import dev.anshin.privacy.Actor;
import dev.anshin.site.Display;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The classifier's page ({@code /voice/model}, role CUSTOMER_EXPERIENCE): the active model with its per-label
 * precision, recall and F1 on the corpus's held-out split, every model trained (activated, retired, rejected and
 * why), and "retrain now".
 */
@Controller
class VoiceModelPage {

    /** One label's line in a metrics table, its name in the reader's language. */
    record LabelLine(String label, String precision, String recall, String f1, int support) {
    }

    /** A model in the history. */
    record HistoryLine(String version, String trainedAt, String trainedBy, int trainingItems, int corrections,
            String kindAccuracy, String topicTop1, String sentimentAccuracy, String score, String status,
            String statusCode, String reason) {
    }

    private final VoiceModels models;
    private final MessageSource messages;

    VoiceModelPage(VoiceModels models, MessageSource messages) {
        this.models = models;
        this.messages = messages;
    }

    @GetMapping("/voice/model")
    String page(Model model, Locale locale) {
        VoiceModels.StoredModel active = models.activeModel();
        Evaluation e = active.metrics();
        model.addAttribute("active", active);
        model.addAttribute("trainedAt", Display.time(active.trainedAt()));
        model.addAttribute("kindAccuracy", percent(e.kindAccuracy()));
        model.addAttribute("topicTop1", percent(e.topicTop1()));
        model.addAttribute("sentimentAccuracy", percent(e.sentimentAccuracy()));
        model.addAttribute("heldOut", e.items());
        model.addAttribute("kinds", lines(e.kinds(), "kind", locale));
        model.addAttribute("topics", lines(e.topics(), "topic", locale));
        model.addAttribute("sentiments", lines(e.sentiments(), "sentiment", locale));
        model.addAttribute("margin", percent(models.margin()));
        List<HistoryLine> history = new ArrayList<>();
        for (VoiceModels.StoredModel m : models.history()) {
            Evaluation me = m.metrics();
            history.add(new HistoryLine(m.version(), Display.time(m.trainedAt()), m.trainedBy(), m.trainingItems(),
                    m.correctionsUsed(), percent(me.kindAccuracy()), percent(me.topicTop1()),
                    percent(me.sentimentAccuracy()), String.format(Locale.ROOT, "%.3f", me.score()),
                    text("voice.analysis.status." + m.status().name(), locale), m.status().name(),
                    reason(m.statusReason(), locale)));
        }
        model.addAttribute("history", history);
        return "voice/model";
    }

    @PostMapping("/voice/model/retrain")
    String retrain(Authentication auth, HttpServletRequest request, Locale locale, RedirectAttributes redirect) {
        VoiceModels.Retraining r = models.retrain(Actor.staff(auth, request));
        redirect.addFlashAttribute("done", r.activated()
                ? messages.getMessage("voice.analysis.retrain.activated", new Object[] {r.version(), r.correctionsUsed()}, locale)
                : messages.getMessage("voice.analysis.retrain.rejected", new Object[] {r.version(), reason(r.reasonCode(), locale)}, locale));
        return "redirect:/voice/model";
    }

    private List<LabelLine> lines(Map<String, Evaluation.Scores> scores, String kind, Locale locale) {
        List<LabelLine> lines = new ArrayList<>();
        scores.forEach((label, s) -> lines.add(new LabelLine(text("voice." + kind + "." + label, locale),
                percent(s.precision()), percent(s.recall()), percent(s.f1()), s.support())));
        return lines;
    }

    /** A stored reason ({@code CODE|figure|...}, {@link VoiceModels#reasonCode}) in the reader's language. */
    String reason(String stored, Locale locale) {
        if (stored == null || !stored.matches("[A-Z_]+(\\|.*)?")) {
            return stored; // stored before reasons had codes
        }
        String[] parts = stored.split("\\|", -1);
        Object[] figures = java.util.Arrays.copyOfRange(parts, 1, parts.length, Object[].class);
        if ("MEASURE_DROPPED".equals(parts[0]) && figures.length > 0) {
            figures[0] = messages.getMessage("voice.analysis.measure." + figures[0], null, (String) figures[0], locale);
        }
        return messages.getMessage("voice.analysis.reason." + parts[0], figures, stored, locale);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f%%", value * 100);
    }
}
