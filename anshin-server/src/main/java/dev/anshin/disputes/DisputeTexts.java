package dev.anshin.disputes;

import java.util.Locale;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The words for a case in the reader's language ({@code i18n/disputes*.properties}): statuses,
 * actions, answers, and each finding with its parameters filled in.
 */
@Component
public class DisputeTexts {

    private final MessageSource messages;

    DisputeTexts(MessageSource messages) {
        this.messages = messages;
    }

    /** A finding as told to the cardholder ("you", "your cards"). */
    public String finding(Finding finding, Locale locale) {
        return fill(finding, text(finding, "dispute.finding.", locale), locale);
    }

    /**
     * A finding as told to staff: in the analyst's voice ("the cardholder says", "the customer's
     * cards"), where it differs from the cardholder's.
     */
    public String staffFinding(Finding finding, Locale locale) {
        String text = text(finding, "dispute.staff.finding.", locale);
        return fill(finding, text != null ? text : text(finding, "dispute.finding.", locale), locale);
    }

    /** A status as staff read it ("waiting for the cardholder's answer", not "your answer"). */
    public String staffStatus(DisputeStatus status, Locale locale) {
        return messages.getMessage("dispute.staff.status." + status.name(), null, status(status, locale), locale);
    }

    /** The finding's message under {@code prefix}: its ".one" form when its count is 1; null when none. */
    private String text(Finding finding, String prefix, Locale locale) {
        String key = prefix + finding.code();
        if ("1".equals(finding.params().get("count")) || "1".equals(finding.params().get("cards"))) {
            String one = messages.getMessage(key + ".one", null, null, locale);
            if (one != null) {
                return one;
            }
        }
        return messages.getMessage(key, null, null, locale);
    }

    private static String fill(Finding finding, String message, Locale locale) {
        String text = message == null ? finding.code() : message;
        for (Map.Entry<String, String> param : finding.params().entrySet()) {
            text = text.replace("{" + param.getKey() + "}", param.getValue());
        }
        return text;
    }

    public String status(DisputeStatus status, Locale locale) {
        return messages.getMessage("dispute.status." + status.name(), null, status.name(), locale);
    }

    /** An action by its name: a {@link DisputeAction}, or a history line's REPORT or UPDATE. */
    public String action(String action, Locale locale) {
        return messages.getMessage("dispute.action." + action, null, action, locale);
    }

    public String answer(Answer answer, Locale locale) {
        return messages.getMessage("dispute.answer." + answer.name(), null, answer.name(), locale);
    }

    public String assessment(Assessment assessment, Locale locale) {
        return assessment == null ? "" : messages.getMessage("dispute.assessment." + assessment.name(), null,
                assessment.name(), locale);
    }

    private static final Pattern WEIGHT = Pattern.compile("weight (-?\\d+)");
    private static final Pattern BLOCKED = Pattern.compile(
            "card blocked(, no replacement|, replacement (\\*{4}\\d{0,4}))?(, credited)?");
    private static final Map<String, String> FIXED = Map.of(
            "declined: nothing was charged", "declined",
            "for an analyst: the network takes no automatic chargeback", "analyst.no-automatic-chargeback",
            "for an analyst: compelling evidence would defeat a chargeback", "analyst.compelling-evidence",
            "for an analyst: the filing window has closed", "analyst.window-closed");

    /**
     * A history note in the reader's language. The automatic investigation writes its notes in a fixed
     * form ({@code AutomaticInvestigation}: "weight 2", "card blocked, replacement ****7532, credited"),
     * stored as written in the case's history since the first case; they are read back here into
     * words ({@code dispute.note.*}). A person's note, or one this does not know, is shown as written.
     */
    public String note(Party party, String note, Locale locale) {
        if (note == null || note.isBlank()) {
            return "";
        }
        if (party != Party.INVESTIGATOR) {
            return note;
        }
        Matcher weight = WEIGHT.matcher(note);
        if (weight.matches()) {
            return messages.getMessage("dispute.note.weight", new Object[] {weight.group(1)}, note, locale);
        }
        String fixed = FIXED.get(note);
        if (fixed != null) {
            return messages.getMessage("dispute.note." + fixed, null, note, locale);
        }
        Matcher blocked = BLOCKED.matcher(note);
        if (blocked.matches()) {
            List<String> parts = new ArrayList<>();
            parts.add(messages.getMessage("dispute.note.blocked", null, locale));
            if (blocked.group(2) != null) {
                parts.add(messages.getMessage("dispute.note.replacement", new Object[] {blocked.group(2)}, locale));
            } else if (blocked.group(1) != null) {
                parts.add(messages.getMessage("dispute.note.no-replacement", null, locale));
            }
            if (blocked.group(3) != null) {
                parts.add(messages.getMessage("dispute.note.credited", null, locale));
            }
            return String.join(messages.getMessage("dispute.note.separator", null, locale), parts);
        }
        return note;
    }
}
