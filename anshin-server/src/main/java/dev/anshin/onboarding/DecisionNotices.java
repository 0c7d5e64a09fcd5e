package dev.anshin.onboarding;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.notifications.CardholderNotice;
import dev.anshin.notifications.CardholderNotices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Tells a referred applicant the staff decision through the issuer's channel to its customers (the
 * notifications module's {@link CardholderNotices}: the same sender as usage notifications, a log line in
 * the sandbox). The channel looks the address up by the customer id; the notice carries no personal data:
 * on an approval the card's single-use, expiring setup link ({@link Applications#setupLink}, opened only
 * after the date-of-birth and phone-last-four check and a one-time code sent the same way: {@link SetupLinks};
 * masked wherever the notice is logged), on a decline only that no card is issued this time. An applicant who
 * opens the link after it expired can ask for a new one there ({@link SetupLinks#renew}).
 *
 * <p>Owed with the decision, in its transaction ({@code application_decision_notices}, written by
 * {@link Applications#decideReferral}, and by the automatic decline of a referred application whose identity
 * failed later); a later decision replaces one not sent yet. Sent at once after the staff decision and
 * otherwise by the recovery job: an approval once the card is issued (one not issued waits outside the queue).
 * Claimed for {@link #CLAIM} before sending, marked sent only after the channel took it, released on a
 * failure: two runs never send it at once, and a run that dies in between leaves it owed again once the
 * claim runs out (the channel drops a repeat by the notice's id). After {@link #MAX_ATTEMPTS} tries it is
 * left (audited {@code onboarding.notice.not-sent}).
 */
@Component
class DecisionNotices {

    static final int MAX_ATTEMPTS = 10;
    /** How long a run holds a notice it sends: far longer than a send takes. */
    static final Duration CLAIM = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(DecisionNotices.class);
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final Applications applications;
    private final ApplicationStore store;
    private final CardholderNotices notices;
    private final MessageSource messages;
    private final OnboardingProperties properties;
    private final AuditLog audit;
    private final Clock clock;

    DecisionNotices(Applications applications, ApplicationStore store, CardholderNotices notices,
            MessageSource messages, OnboardingProperties properties, AuditLog audit, Clock clock) {
        this.applications = applications;
        this.store = store;
        this.notices = notices;
        this.messages = messages;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /** Sends the notice owed for this application, if one is owed and can go now; whether it went. */
    boolean send(String applicationId) {
        return store.owedNotices(applicationId, MAX_ATTEMPTS, clock.instant(), 1).stream().anyMatch(this::send);
    }

    /** Sends every notice owed that can go now (the recovery job); how many went. */
    int sendOwed() {
        List<ApplicationStore.OwedNotice> owed = store.owedNotices(null, MAX_ATTEMPTS, clock.instant(), 100);
        return (int) owed.stream().filter(this::send).count();
    }

    private boolean send(ApplicationStore.OwedNotice owed) {
        Application application = applications.find(owed.applicationId()).orElse(null);
        if (application == null) {
            return false;
        }
        boolean approved = owed.outcome() == ApplicationOutcome.APPROVE;
        if (approved && application.status() != ApplicationStatus.ISSUED) {
            return false; // approved, the card not issued yet: the recovery job finishes it, then this sends
        }
        Instant now = clock.instant();
        if (!store.claimNotice(application.id(), now, now.plus(CLAIM))) {
            return false;
        }
        try {
            Optional<Applications.SetupLink> link = approved ? applications.setupLink(application) : Optional.empty();
            String kind = !approved ? "declined" : link.isPresent() ? "approved" : "approved-shown";
            // The link is a secret: the channel delivers it, nothing logs it (CardholderNotice.masked).
            notices.send(new CardholderNotice("onboarding-decision:" + application.id(), application.customerId(),
                    text(kind, link, Locale.JAPANESE), text(kind, link, Locale.ENGLISH),
                    link.map(l -> List.of(url(l), l.token())).orElse(List.of())));
            store.noticeSent(application.id(), clock.instant());
            audit.record(new AuditEvent("onboarding", "onboarding.notice.sent", "application/" + application.id(),
                    null, AuditOutcome.SUCCESS, null, kind + (link.isPresent() ? ", setup link until "
                            + link.get().expiresAt() : "")));
            return true;
        } catch (CardholderNotices.NotSent failed) {
            store.releaseNotice(application.id(), failed.code());
            log.info("onboarding: decision notice for {} not sent ({}), attempt {}", application.id(), failed.code(),
                    owed.attempts() + 1);
            if (owed.attempts() + 1 >= MAX_ATTEMPTS) {
                audit.record(new AuditEvent("onboarding", "onboarding.notice.not-sent", "application/"
                        + application.id(), null, AuditOutcome.FAILURE, null, failed.code()));
            }
            return false;
        } catch (RuntimeException e) {
            store.releaseNotice(application.id(), e.getClass().getSimpleName());
            throw e;
        }
    }

    private String url(Applications.SetupLink link) {
        return properties.baseUrl() + "/apply/resume/" + link.token();
    }

    private String text(String kind, Optional<Applications.SetupLink> link, Locale locale) {
        Object[] args = link.map(l -> new Object[] {url(l),
                DateTimeFormatter.ofPattern(locale.getLanguage().equals("ja") ? "yyyy年M月d日 H:mm" : "d MMM yyyy, HH:mm",
                        locale).format(l.expiresAt().atZone(TOKYO))}).orElse(new Object[0]);
        return messages.getMessage("onboarding.notice." + kind, args, locale);
    }
}
