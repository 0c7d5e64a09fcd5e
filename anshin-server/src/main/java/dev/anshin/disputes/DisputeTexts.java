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

    public String finding(Finding finding, Locale locale) {
        String text = messages.getMessage("dispute.finding." + finding.code(), null, finding.code(), locale);
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
