package dev.anshin.disputes;

import java.util.Locale;
import java.util.Map;
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
}
