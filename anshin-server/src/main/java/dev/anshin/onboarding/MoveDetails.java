package dev.anshin.onboarding;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * The history's detail in the staff's words. {@link Applications} stores each move's detail as a short
 * English record ("step ABOUT_YOU", "eKYC PASSED", "approved 300000/0") for the audit trail and support,
 * and those records stay as they are (old rows included); the case page shows them through the bundle
 * ({@code onboarding.console.detail.*}). A detail no pattern knows is shown as stored.
 */
final class MoveDetails {

    /** A stored detail's pattern and the words for it; groups become the words' arguments. */
    private record Form(Pattern pattern, String key, Function<Matcher, Object[]> arguments) {
    }

    private static final List<Form> FORMS = List.of(
            form("step (ABOUT_YOU|WORK_AND_MONEY|LIMITS_AND_CONSENT)", "step", m -> args(words("onboarding.step." + m.group(1)))),
            form("with a device observation", "device-observed", m -> args()),
            form("without a device observation", "no-device-observation", m -> args()),
            form("verification (\\S+)", "verification", m -> args(m.group(1))),
            form("eKYC (PASSED|FAILED|REVIEW|EXPIRED)", "ekyc", m -> args(words("ekyc.outcome." + m.group(1)))),
            form("decision (APPROVE|REFER|DECLINE)", "decision", m -> args(words("screening.outcome." + m.group(1)))),
            form("card (\\S.*)", "card", m -> args(m.group(1))),
            form("failed: (SCREEN|ISSUE)", "failed", m -> args(words("onboarding.console.failed-step." + m.group(1)))),
            form("approved (\\d{1,15})/(\\d{1,15})", "approved",
                    m -> args(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))),
            form("declined", "declined", m -> args()),
            form("identity FAILED after the referral", "identity-failed-after-referral", m -> args()),
            form("identity confirmed", "identity-confirmed", m -> args()),
            form("identity rejected", "identity-rejected", m -> args()),
            form("failed (\\d{1,9}) times: to staff", "failed-times", m -> args(Integer.parseInt(m.group(1)))),
            form("retry (SCREEN|ISSUE)", "retry", m -> args(words("onboarding.console.failed-step." + m.group(1)))),
            form("the applicant's data erased", "erased", m -> args()),
            form("unfinished since (\\S+)", "unfinished-since", m -> args(m.group(1))));

    private MoveDetails() {
    }

    /** The detail in the reader's language; {@code time} shows an instant the way the page shows times. */
    static String words(String detail, MessageSource messages, Locale locale, Function<Instant, String> time) {
        if (detail == null || detail.isBlank()) {
            return "—";
        }
        for (Form form : FORMS) {
            Matcher matcher = form.pattern().matcher(detail);
            if (matcher.matches()) {
                Object[] arguments = form.arguments().apply(matcher);
                if (form.key().equals("unfinished-since")) {
                    try {
                        arguments = args(time.apply(Instant.parse(matcher.group(1))));
                    } catch (DateTimeParseException notAnInstant) {
                        return detail;
                    }
                }
                return messages.getMessage(new DefaultMessageSourceResolvable(
                        new String[] {"onboarding.console.detail." + form.key()}, arguments), locale);
            }
        }
        return detail;
    }

    /** The keys of every form, for the test that each has words in both languages. */
    static List<String> keys() {
        return FORMS.stream().map(f -> "onboarding.console.detail." + f.key()).toList();
    }

    private static Form form(String regex, String key, Function<Matcher, Object[]> arguments) {
        return new Form(Pattern.compile(regex), key, arguments);
    }

    private static Object[] args(Object... values) {
        return values;
    }

    private static DefaultMessageSourceResolvable words(String key) {
        return new DefaultMessageSourceResolvable(key);
    }
}
