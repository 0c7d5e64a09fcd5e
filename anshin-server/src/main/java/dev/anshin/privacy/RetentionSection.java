package dev.anshin.privacy;

import dev.anshin.access.Role;
import dev.anshin.site.Display;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The data map's retention section, for the privacy officer and the administrator: each rule of the daily job with
 * its period, and what the last run removed before which cutoff, running or finished; then what other modules purge
 * on their own schedule. Added to the data map's model from here so the page's controller stays the catalog's.
 */
@ControllerAdvice(assignableTypes = DataMapPage.class)
class RetentionSection {

    /** One line of the section; {@code removed} and {@code cutoff} empty when the rule has not run yet. */
    record Line(String rule, String what, String period, String cutoff, String removed, String state,
            String stateCode) {
    }

    /** The section, or nothing for the other roles. */
    record View(String lastRun, String lastRunState, String lastRunStateCode, String schedule, List<Line> rules,
            List<Line> elsewhere) {
    }

    private final RetentionJob job;
    private final ObjectProvider<HeldElsewhere> holders;
    private final MessageSource messages;

    RetentionSection(RetentionJob job, ObjectProvider<HeldElsewhere> holders, MessageSource messages) {
        this.job = job;
        this.holders = holders;
        this.messages = messages;
    }

    @ModelAttribute("retention")
    View retention(Authentication auth, Locale locale) {
        if (auth == null || auth.getAuthorities().stream().noneMatch(a -> a.getAuthority().equals(Role.ADMIN.authority())
                || a.getAuthority().equals(Role.PRIVACY_OFFICER.authority()))) {
            return null;
        }
        boolean ja = "ja".equals(locale.getLanguage());
        Map<String, String> labels = holders.orderedStream().flatMap(holder -> holder.catalog().stream())
                .collect(Collectors.toMap(HeldElsewhere.Entry::name, e -> ja ? e.labelJa() : e.labelEn(), (a, b) -> a));
        RetentionStatus status = job.status();
        Optional<RetentionStatus.RetentionRun> last = Optional.ofNullable(status.lastRun());
        List<Line> rules = status.rules().stream().map(rule -> {
            Optional<RetentionStatus.RetentionRuleRun> ran = last.flatMap(run -> run.rules().stream()
                    .filter(r -> r.rule().equals(rule.rule())).findFirst());
            String state = ran.map(RetentionStatus.RetentionRuleRun::state).orElse("NOT_RUN");
            // The rule's own words first: several rules may sweep parts of one entry (the decision log and the
            // authorizations), and a rule says which part; the entry's label otherwise.
            String own = messages.getMessage("retention.what." + rule.rule(), null, null, locale);
            String what = own != null ? own : labels.getOrDefault(rule.entry(), rule.entry());
            return new Line(rule.rule(), what, period(rule.periodDays(), locale),
                    ran.map(r -> Display.time(r.cutoff())).orElse(""),
                    ran.map(r -> Display.count(r.removed())).orElse(""), text("retention.state." + state, locale), state);
        }).toList();
        List<Line> elsewhere = status.elsewhere().stream()
                .map(e -> new Line(e.what(), text("retention.what." + e.what(), locale), period(e.periodDays(), locale),
                        "", "", text("retention.schedule", locale, e.schedule()), "SCHEDULED"))
                .toList();
        return new View(last.map(run -> Display.time(run.startedAt())).orElse(null),
                last.map(run -> text("retention.state." + run.state(), locale)).orElse(null),
                last.map(RetentionStatus.RetentionRun::state).orElse(null),
                status.enabled() ? status.schedule() : text("retention.off", locale), rules, elsewhere);
    }

    /** Days, with years beside them when they come to whole years (2557 days: 7 years). */
    private String period(long days, Locale locale) {
        long years = Math.round(days / 365.25);
        if (years >= 1 && Math.abs(years * 365.25 - days) <= 1) {
            return text("retention.period.years", locale, String.valueOf(years), String.valueOf(days));
        }
        return text("retention.period.days", locale, String.valueOf(days));
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
