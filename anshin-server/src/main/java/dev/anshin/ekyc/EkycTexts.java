package dev.anshin.ekyc;

import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The words for a verification in the reader's language ({@code i18n/ekyc*.properties}): each
 * reason as staff read it and, in plain words, as the applicant does; methods, statuses, outcomes
 * and documents. For onboarding's decision page and review queue.
 */
@Component
public class EkycTexts {

    private final MessageSource messages;

    EkycTexts(MessageSource messages) {
        this.messages = messages;
    }

    /** The reason as staff read it (the rule, the threshold's meaning). */
    public String staffReason(EkycReason reason, Locale locale) {
        return word("ekyc.reason." + reason.name() + ".staff", reason.name(), locale);
    }

    /** The reason in plain words for the applicant (what happened, what to do); never a score or a threshold. */
    public String applicantReason(EkycReason reason, Locale locale) {
        return word("ekyc.reason." + reason.name() + ".applicant", reason.name(), locale);
    }

    public List<String> applicantReasons(List<EkycReason> reasons, Locale locale) {
        return reasons.stream().map(r -> applicantReason(r, locale)).distinct().toList();
    }

    public String method(EkycMethod method, Locale locale) {
        return word("ekyc.method." + method.name(), method.name(), locale);
    }

    public String status(EkycStatus status, Locale locale) {
        return word("ekyc.status." + status.name(), status.name(), locale);
    }

    public String outcome(EkycOutcome outcome, Locale locale) {
        return word("ekyc.outcome." + outcome.name(), outcome.name(), locale);
    }

    public String document(DocumentType document, Locale locale) {
        return word("ekyc.document." + document.name(), document.name(), locale);
    }

    private String word(String key, String fallback, Locale locale) {
        return messages.getMessage(key, null, fallback, locale);
    }
}
