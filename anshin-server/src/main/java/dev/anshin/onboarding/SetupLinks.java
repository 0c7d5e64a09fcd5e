package dev.anshin.onboarding;

import dev.anshin.access.Role;
import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.notifications.CardholderNotice;
import dev.anshin.notifications.CardholderNotices;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import dev.anshin.privacy.Purpose;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a setup link ({@link Applications#setupLink}) takes before it attaches a browser to an application, in
 * two steps. First the check: the date of birth and the last four digits of the phone, compared with the vault.
 * A partner knows those (it submitted them), so a right answer only sends a one-time code to the applicant's
 * own contact, through the issuer's channel ({@link CardholderNotices}: the channel looks the address up by the
 * customer id; Anshin hands over no personal data). Then the code: right, the link is used up and a new resume
 * token answered (the browser's cookie from now on).
 *
 * <p>The check's tries and the code's tries are each taken before the answer is compared, in one statement,
 * so answers sent at once cannot get past the count: {@link Applications#LINK_TRIES} wrong checks kill the
 * link; {@link #CODE_TRIES} wrong codes kill the code (a right check sends another, at most
 * {@link #CODES_PER_LINK} per link; a code the channel did not take is not counted, and cannot be answered). A
 * code works {@link #CODE_LIFETIME}; only its keyed hash is kept. Every
 * answer and every code sent is audited ({@code onboarding.link.confirm}, {@code onboarding.link.code}), under the
 * link's name ({@code setup-link:<application>#<serial>}): whoever answers may not be the applicant.
 *
 * <p>An expired link, or one that sent every code it may (never used, not answered wrongly too often), can be
 * asked for again ({@link #renew}): a new link goes to the applicant's registered contact, never to the page, at
 * most {@link #RENEWALS_PER_DAY} a day per application (and per address, by the page); nothing once a link of the
 * application was used.
 */
@Service
public class SetupLinks {

    /** Wrong codes before a code dies (a right check sends a new one). */
    static final int CODE_TRIES = 5;
    /** Codes one link may send (each after a right check). */
    static final int CODES_PER_LINK = 3;
    /** How long a code works. */
    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    /** New links an applicant may ask for per application in a day. */
    static final int RENEWALS_PER_DAY = 3;
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    /**
     * What an answer to a setup link's check or code came to; the new resume token only when confirmed, until when
     * the last code works only when {@link Outcome#LAST_CODE_LIVE}.
     */
    public record LinkAnswer(Outcome outcome, String resumeToken, Instant codeUntil) {

        /**
         * CODE_SENT: the check was right, the channel took a code; LAST_CODE_LIVE: the check was right, the link
         * sent all its codes and nothing new went out, but the last code still works (until {@code codeUntil});
         * CONFIRMED: the code was right; WRONG: a wrong answer, tries left; CODE_EXPIRED: no code that works
         * (expired, too many wrong tries): answer the check again; NOT_SENT: the channel did not take the code, try
         * later; SPENT: the link no longer works (one out of codes is {@link SetupLinks#expired}: a new one may be
         * asked for).
         */
        public enum Outcome { CODE_SENT, LAST_CODE_LIVE, CONFIRMED, WRONG, CODE_EXPIRED, NOT_SENT, SPENT }

        static LinkAnswer of(Outcome outcome) {
            return new LinkAnswer(outcome, null, null);
        }

        @Override
        public String toString() {
            return "LinkAnswer[" + outcome + "]";
        }
    }

    /** What asking again for an expired link came to (the page says the same for SENT whoever asked). */
    public enum Renewal { SENT, LIMITED, NOT_SENT, NONE }

    private final Applications applications;
    private final ApplicationStore store;
    private final OnboardingKeys keys;
    private final OnboardingProperties properties;
    private final PersonalData personalData;
    private final CardholderNotices notices;
    private final MessageSource messages;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SetupLinks(Applications applications, ApplicationStore store, OnboardingKeys keys, OnboardingProperties properties,
            PersonalData personalData, CardholderNotices notices, MessageSource messages, AuditLog audit,
            TransactionTemplate transactions, Clock clock) {
        this.applications = applications;
        this.store = store;
        this.keys = keys;
        this.properties = properties;
        this.personalData = personalData;
        this.notices = notices;
        this.messages = messages;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * The check: the date of birth and the phone's last four digits, compared with the vault (the read audited
     * there, under the link's name). Right: a one-time code to the applicant's own contact ({@code CODE_SENT}),
     * or {@code NOT_SENT} when the channel did not take it; once the link sent its {@link #CODES_PER_LINK} codes,
     * nothing new: {@code LAST_CODE_LIVE} while the last code works, {@code SPENT} after. Wrong: counted on the link, which dies after
     * {@link Applications#LINK_TRIES}.
     */
    public LinkAnswer confirmLink(String token, String dateOfBirth, String phoneLastFour, String origin) {
        String hash = hash(token);
        Instant now = clock.instant();
        ApplicationStore.Link link = live(hash, now);
        Application application = link == null ? null : applicant(link);
        if (application == null) {
            return LinkAnswer.of(LinkAnswer.Outcome.SPENT);
        }
        // The try is taken first, atomically: of answers sent at once only as many as tries are left get compared.
        if (!store.takeLinkTry(hash, now, Applications.LINK_TRIES)) {
            return LinkAnswer.of(LinkAnswer.Outcome.SPENT);
        }
        int tries = store.link(hash).map(ApplicationStore.Link::failures).orElse(Applications.LINK_TRIES);
        String linkActor = actor(link);
        String where = AuditEvent.fit(origin, AuditEvent.MAX_ORIGIN);
        Map<PersonalField, String> held = personalData.read(new Actor(linkActor, Set.of(Role.CUSTOMER_SERVICE),
                        origin == null ? "onboarding" : where), Purpose.SERVICE_OPERATION, null,
                application.customerId(), EnumSet.of(PersonalField.DATE_OF_BIRTH, PersonalField.PHONE));
        boolean right = sameDate(dateOfBirth, held.get(PersonalField.DATE_OF_BIRTH))
                && lastFour(phoneLastFour, held.get(PersonalField.PHONE));
        if (!right) {
            audit.record(new AuditEvent(linkActor, "onboarding.link.confirm", "application/" + application.id(), null,
                    AuditOutcome.FAILURE, where, "link " + link.serial() + ": wrong answer " + tries + " of "
                            + Applications.LINK_TRIES));
            return LinkAnswer.of(tries >= Applications.LINK_TRIES ? LinkAnswer.Outcome.SPENT : LinkAnswer.Outcome.WRONG);
        }
        String code = OnboardingKeys.freshCode();
        String codeHash = keys.codeHash(hash, code);
        Instant codeUntil = now.plus(CODE_LIFETIME);
        if (!store.passCheck(hash, codeHash, now, codeUntil, CODES_PER_LINK)) {
            // Out of codes for this link (or used or expired meanwhile): nothing new is sent; the last code may
            // still work, and once it does not, the link offers a new one (expired()).
            Optional<Instant> lastCodeUntil = store.link(hash).filter(l -> l.live(now, Applications.LINK_TRIES))
                    .filter(l -> l.codeLive(now)).map(ApplicationStore.Link::codeExpiresAt);
            audit.record(new AuditEvent(linkActor, "onboarding.link.confirm", "application/" + application.id(), null,
                    AuditOutcome.SUCCESS, where, "link " + link.serial() + ": answer right, no further code ("
                            + CODES_PER_LINK + " sent)"));
            return lastCodeUntil.map(until -> new LinkAnswer(LinkAnswer.Outcome.LAST_CODE_LIVE, null, until))
                    .orElseGet(() -> LinkAnswer.of(LinkAnswer.Outcome.SPENT));
        }
        audit.record(new AuditEvent(linkActor, "onboarding.link.confirm", "application/" + application.id(), null,
                AuditOutcome.SUCCESS, where, "link " + link.serial() + ": answer right, a code to the applicant"));
        int sent = store.link(hash).map(ApplicationStore.Link::codesSent).orElse(0);
        try {
            // The channel's idempotency key, unique per code (two right answers at once read the same count).
            notices.send(new CardholderNotice("onboarding-code:" + application.id() + "#" + link.serial() + "/"
                    + codeHash.substring(0, 16), application.customerId(), codeText(code, codeUntil, Locale.JAPANESE),
                    codeText(code, codeUntil, Locale.ENGLISH), List.of(code)));
        } catch (CardholderNotices.NotSent failed) {
            // Not delivered: not counted against the link, and not a code anyone could answer.
            store.codeNotSent(hash, codeHash);
            audit.record(new AuditEvent(linkActor, "onboarding.link.code", "application/" + application.id(), null,
                    AuditOutcome.FAILURE, where, "link " + link.serial() + ": code " + sent + " of " + CODES_PER_LINK
                            + " not sent (" + failed.code() + ")"));
            return LinkAnswer.of(LinkAnswer.Outcome.NOT_SENT);
        }
        audit.record(new AuditEvent(linkActor, "onboarding.link.code", "application/" + application.id(), null,
                AuditOutcome.SUCCESS, where, "link " + link.serial() + ": code " + sent + " of " + CODES_PER_LINK
                        + " sent to the applicant's contact, until " + codeUntil));
        return LinkAnswer.of(LinkAnswer.Outcome.CODE_SENT);
    }

    /**
     * The code the check sent. Right: the link is used up and a new resume token answered, in one transaction
     * (any earlier token opens nothing). Wrong: counted on the code, which dies after {@link #CODE_TRIES}.
     */
    public LinkAnswer confirmCode(String token, String typedCode, String origin) {
        String hash = hash(token);
        Instant now = clock.instant();
        ApplicationStore.Link link = live(hash, now);
        Application application = link == null ? null : applicant(link);
        if (application == null) {
            return LinkAnswer.of(LinkAnswer.Outcome.SPENT);
        }
        if (!link.codeLive(now) || !store.takeCodeTry(hash, now, CODE_TRIES)) {
            return LinkAnswer.of(LinkAnswer.Outcome.CODE_EXPIRED);
        }
        // The code as it stands after the try was taken: a right check meanwhile may have replaced it.
        ApplicationStore.Link tried = store.link(hash).orElse(link);
        String linkActor = actor(link);
        String where = AuditEvent.fit(origin, AuditEvent.MAX_ORIGIN);
        String code = digits(typedCode);
        String codeHash = code == null ? null : keys.codeHash(hash, code);
        boolean right = codeHash != null && tried.codeHash() != null && MessageDigest.isEqual(
                codeHash.getBytes(StandardCharsets.US_ASCII), tried.codeHash().getBytes(StandardCharsets.US_ASCII));
        if (!right) {
            audit.record(new AuditEvent(linkActor, "onboarding.link.confirm", "application/" + application.id(), null,
                    AuditOutcome.FAILURE, where, "link " + link.serial() + ": wrong code " + tried.codeFailures()
                            + " of " + CODE_TRIES));
            return LinkAnswer.of(tried.codeFailures() >= CODE_TRIES ? LinkAnswer.Outcome.CODE_EXPIRED
                    : LinkAnswer.Outcome.WRONG);
        }
        String resumeToken = OnboardingKeys.freshToken();
        // The link used up and the new token in one transaction: never a used link without a browser attached.
        boolean used = Boolean.TRUE.equals(transactions.execute(tx -> {
            if (!store.useLink(hash, codeHash, now)) {
                return false; // used at the same moment by another browser, or the code replaced
            }
            store.replaceResumeHash(application.id(), OnboardingKeys.hash(resumeToken));
            return true;
        }));
        if (!used) {
            return LinkAnswer.of(store.link(hash).filter(l -> l.live(now, Applications.LINK_TRIES)).isPresent()
                    ? LinkAnswer.Outcome.CODE_EXPIRED : LinkAnswer.Outcome.SPENT);
        }
        audit.record(new AuditEvent(linkActor, "onboarding.link.confirm", "application/" + application.id(), null,
                AuditOutcome.SUCCESS, where, "link " + link.serial() + " used: code right, a browser attached"));
        return new LinkAnswer(LinkAnswer.Outcome.CONFIRMED, resumeToken, null);
    }

    /**
     * Whether the link expired (or sent every code it may) without being used or answered wrongly too often, and no
     * link of its application was used: its applicant may ask for a new one.
     */
    public boolean expired(String token) {
        String hash = hash(token);
        return hash != null && store.link(hash).filter(l -> l.renewable(clock.instant(), Applications.LINK_TRIES))
                .filter(l -> !store.linkUsed(l.applicationId())).isPresent();
    }

    /**
     * "Send me a new link" on an expired link (or one out of codes): the application's live link, or a new one, to
     * the applicant's registered contact (never shown), audited ({@code onboarding.link.renew}). NONE when the link
     * is not {@link #expired}, or a link of the application was used, or the card was shown; LIMITED after
     * {@link #RENEWALS_PER_DAY} tries in a day; SENT at once when the live link was already sent to the applicant by
     * such a request (moments ago). A live link they were not sent (a renewal whose send failed, or one only the
     * partner holds, made by its status read) is sent, as a new one would be.
     */
    public Renewal renew(String token, String origin) {
        String hash = hash(token);
        Instant now = clock.instant();
        ApplicationStore.Link link = hash == null ? null
                : store.link(hash).filter(l -> l.renewable(now, Applications.LINK_TRIES)).orElse(null);
        Application application = link == null ? null : applicant(link);
        if (application == null || store.linkUsed(application.id())) {
            return Renewal.NONE;
        }
        String linkActor = actor(link);
        String where = AuditEvent.fit(origin, AuditEvent.MAX_ORIGIN);
        Optional<ApplicationStore.Link> latest = store.latestLink(application.id());
        if (latest.isPresent() && latest.get().live(now, Applications.LINK_TRIES)
                && store.linkSentToApplicant(application.id(), latest.get().serial())) {
            return Renewal.SENT; // sent to them since: the applicant has it
        }
        if (store.renewalsSince(application.id(), now.minus(Duration.ofDays(1))) >= RENEWALS_PER_DAY) {
            audit.record(new AuditEvent(linkActor, "onboarding.link.renew", "application/" + application.id(), null,
                    AuditOutcome.FAILURE, where, "refused: " + RENEWALS_PER_DAY + " new links in a day already"));
            return Renewal.LIMITED;
        }
        Optional<Applications.SetupLink> fresh = applications.setupLink(application, true);
        if (fresh.isEmpty()) {
            return Renewal.NONE;
        }
        String url = properties.baseUrl() + "/apply/resume/" + fresh.get().token();
        Optional<ApplicationStore.Link> sending = store.link(OnboardingKeys.hash(fresh.get().token()));
        if (sending.isEmpty()) {
            return Renewal.NONE;
        }
        String serial = Integer.toString(sending.get().serial());
        String sendId = store.linkSendAsked(application.id(), sending.get().serial(), now);
        try {
            notices.send(new CardholderNotice("onboarding-link:" + application.id() + "#" + serial,
                    application.customerId(), linkText(url, fresh.get().expiresAt(), Locale.JAPANESE),
                    linkText(url, fresh.get().expiresAt(), Locale.ENGLISH), List.of(url, fresh.get().token())));
        } catch (CardholderNotices.NotSent failed) {
            audit.record(new AuditEvent(linkActor, "onboarding.link.renew", "application/" + application.id(), null,
                    AuditOutcome.FAILURE, where, "link " + serial + " made, not sent (" + failed.code() + ")"));
            return Renewal.NOT_SENT;
        }
        store.linkSent(sendId, clock.instant());
        audit.record(new AuditEvent(linkActor, "onboarding.link.renew", "application/" + application.id(), null,
                AuditOutcome.SUCCESS, where, "link " + serial + " sent to the applicant's contact, until "
                        + fresh.get().expiresAt()));
        return Renewal.SENT;
    }

    /** The application of a link in whatever state (the page after "send me a new link" names its inbox in the demo). */
    Optional<Application> applicationOf(String token) {
        String hash = hash(token);
        return hash == null ? Optional.empty()
                : store.link(hash).flatMap(l -> applications.find(l.applicationId()));
    }

    private String codeText(String code, Instant until, Locale locale) {
        return messages.getMessage("onboarding.notice.code", new Object[] {code, time(until, locale)}, locale);
    }

    private String linkText(String url, Instant until, Locale locale) {
        return messages.getMessage("onboarding.notice.new-link", new Object[] {url, time(until, locale)}, locale);
    }

    /** A time as the applicant reads it (Tokyo), in their language. */
    static String time(Instant at, Locale locale) {
        return DateTimeFormatter.ofPattern("ja".equals(locale.getLanguage()) ? "yyyy年M月d日 H:mm" : "d MMM yyyy, HH:mm",
                locale).format(at.atZone(TOKYO));
    }

    private ApplicationStore.Link live(String hash, Instant now) {
        return hash == null ? null : store.link(hash).filter(l -> l.live(now, Applications.LINK_TRIES)).orElse(null);
    }

    /** The link's application, while its applicant's personal data stands (the check and the channel need it). */
    private Application applicant(ApplicationStore.Link link) {
        Application application = applications.find(link.applicationId()).orElse(null);
        return application == null || application.customerId() == null
                || !personalData.isActive(application.customerId()) ? null : application;
    }

    private static String actor(ApplicationStore.Link link) {
        return "setup-link:" + link.applicationId() + "#" + link.serial();
    }

    private static String hash(String token) {
        return token == null || token.isBlank() || token.length() > 64 ? null : OnboardingKeys.hash(token);
    }

    /** Six digits as typed (full-width digits and spaces allowed), or null. */
    static String digits(String typed) {
        if (typed == null || typed.length() > 32) {
            return null;
        }
        String digits = Normalizer.normalize(typed, Normalizer.Form.NFKC).replaceAll("[\\s-]", "");
        return digits.matches("[0-9]{6}") ? digits : null;
    }

    private static boolean sameDate(String typed, String held) {
        if (typed == null || held == null) {
            return false;
        }
        try {
            // Written as the form takes it (1990/4/1, 1990年4月1日…), not only as yyyy-MM-dd.
            return LocalDate.parse(ApplicationForm.eased(Map.of("dateOfBirth", typed)).get("dateOfBirth").strip())
                    .equals(LocalDate.parse(held));
        } catch (DateTimeParseException notADate) {
            return false;
        }
    }

    private static boolean lastFour(String typed, String held) {
        if (typed == null || held == null) {
            return false;
        }
        String digits = Normalizer.normalize(typed.strip(), Normalizer.Form.NFKC);
        return digits.matches("[0-9]{4}") && Applications.phone(held).endsWith(digits);
    }
}
