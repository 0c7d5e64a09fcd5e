package dev.anshin.voice;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.Purpose;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.voice.analysis.Analysis;
import dev.anshin.voice.analysis.Redactor;
import dev.anshin.voice.analysis.VoiceAnalyzer;
import dev.anshin.voice.workbench.VoiceRoutes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The intake ({@link VoiceIntake}) for every channel: checks the voice, redacts it, has the redacted text analysed,
 * routes it by its first topic, seals the original through the privacy module (with the customer's key, or with
 * the month's key for a voice from nobody registered) and stores the item with its topics and its audit entry in
 * one transaction.
 *
 * <p>Retries: a voice sent again under the same submitter and key is answered with the item stored the first time
 * ({@code created} false) when it is the same voice (channel, customer, redacted words and, when the sender dates
 * it (API, import), its time alike), and refused
 * ({@link VoiceRefused.Reason#KEY_REUSED}) when it is another. Two sends at once race on the unique key; the loser
 * answers the winner's item (caught outside the transaction: on PostgreSQL the duplicate aborts it).
 *
 * <p>Audit: one entry per voice ({@code voice.receive}), except for {@link Source#IMPORT}: the CSV import audits
 * once per file, so its rows are stored without an entry each. The words never go into a log or the audit log.
 */
@Service
public class VoiceReception implements VoiceIntake {

    /** How far ahead of this server's clock a sender's clock may be. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** The longest masked text the column keeps (redacted_text VARCHAR(4000), counted in UTF-16 chars to be safe). */
    static final int MAX_REDACTED_LENGTH = 4000;

    private final VoiceItems items;
    private final VoiceRoutes routes;
    private final PersonalData personalData;
    private final VoiceAnalyzer analyzer;
    private final Redactor redactor;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final VoiceRetention retention;

    VoiceReception(VoiceItems items, VoiceRoutes routes, PersonalData personalData, Redactor redactor,
            VoiceAnalyzer analyzer, AuditLog audit, TransactionTemplate transactions, Clock clock,
            VoiceRetention retention) {
        this.retention = retention;
        this.items = items;
        this.routes = routes;
        this.redactor = redactor;
        this.personalData = personalData;
        this.analyzer = analyzer;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public VoiceItem receive(Actor actor, Submission sent) {
        Objects.requireNonNull(actor, "actor");
        String text = checkedText(sent.text());
        if (sent.channel() == null) {
            throw new VoiceRefused(VoiceRefused.Reason.MISSING, "channel");
        }
        Instant now = clock.instant();
        Submission submission = timed(sent, now);
        String customerId = submission.customerId() == null || submission.customerId().isBlank()
                ? null : submission.customerId().trim();
        String redacted = redactor.redact(text).text();
        if (redacted.length() > MAX_REDACTED_LENGTH) {
            // Masks are longer than a one-letter name: a text of many of them does not fit once masked.
            throw new VoiceRefused(VoiceRefused.Reason.TEXT_TOO_LONG, "text");
        }
        if (submission.voiceKey() != null) {
            Optional<VoiceItems.Stored> earlier = items.byKey(submission.submittedBy(), submission.voiceKey());
            if (earlier.isPresent()) {
                return retried(earlier.get(), submission, customerId, redacted);
            }
        }
        if (customerId != null) {
            requireCustomer(customerId);
        }
        Analysis analysis = analyzer.analyze(redacted);
        String department = routes.departmentOf(analysis.primaryTopic());
        String id = UUID.randomUUID().toString();
        if (customerId == null) {
            // The month's key is made (in a transaction of its own) before the voice's opens: one connection each.
            personalData.prepareUnattributed(submission.receivedAt());
        }
        try {
            return transactions.execute(tx -> {
                String sealKey;
                String sealed;
                if (customerId != null) {
                    holdCustomer(customerId); // an erasure waits for this voice, then clears it
                    sealKey = customerId;
                    sealed = personalData.sealCached(customerId, context(id), text);
                } else {
                    // The month it was received in: the month key goes when the month's voices do.
                    PersonalData.Unattributed seal =
                            personalData.sealUnattributed(submission.receivedAt(), context(id), text);
                    sealKey = seal.sealKey();
                    sealed = seal.sealed();
                }
                items.insert(new VoiceItems.NewItem(id, submission.source(), submission.submittedBy(),
                        submission.voiceKey(), submission.channel(), submission.receivedAt(), now, customerId, sealKey,
                        sealed, redacted, analysis.kind(), analysis.topics(), analysis.sentiment(), department,
                        analysis.modelVersion(), submission.importId(), submission.importRow()));
                if (submission.source() != Source.IMPORT) {
                    // Last in the transaction: the audit chain's head is locked only for its end.
                    audit.record(new AuditEvent(AuditEvent.fit(actor.name(), AuditEvent.MAX_ACTOR), "voice.receive",
                            "voice/" + id, customerId == null ? null : Purpose.SERVICE_OPERATION.name(),
                            AuditOutcome.SUCCESS, AuditEvent.fit(actor.origin(), AuditEvent.MAX_ORIGIN),
                            submission.source() + " " + submission.channel() + " " + text.codePointCount(0, text.length())
                                    + " chars" + (customerId == null ? "" : " customer/" + customerId)));
                }
                VoiceItem stored = items.find(id).orElseThrow().item();
                return created(stored);
            });
        } catch (DuplicateKeyException raced) {
            if (submission.voiceKey() == null) {
                throw raced;
            }
            VoiceItems.Stored winner = items.byKey(submission.submittedBy(), submission.voiceKey())
                    .orElseThrow(() -> raced);
            return retried(winner, submission, customerId, redacted);
        }
    }

    /**
     * The submission with its time as the databases keep it (whole microseconds: PostgreSQL's and H2's timestamps),
     * so that a retry compares equal to what was stored; refused when missing, later than now (beyond
     * {@link #CLOCK_SKEW}) or before the voices' retention period (the voice would be deleted at once, and its
     * month's key may be shredded already: an absurd time is refused the same way, never a 500).
     */
    private Submission timed(Submission sent, Instant now) {
        Instant at = sent.receivedAt();
        if (at == null) {
            throw new VoiceRefused(VoiceRefused.Reason.MISSING, "receivedAt");
        }
        if (at.isAfter(now.plus(CLOCK_SKEW))) {
            throw new VoiceRefused(VoiceRefused.Reason.RECEIVED_IN_FUTURE, "receivedAt");
        }
        if (at.isBefore(now.minus(retention.period()))) {
            throw new VoiceRefused(VoiceRefused.Reason.RECEIVED_TOO_LONG_AGO, "receivedAt");
        }
        Instant kept = at.truncatedTo(ChronoUnit.MICROS);
        return kept.equals(at) ? sent : new Submission(sent.source(), sent.submittedBy(), sent.voiceKey(),
                sent.channel(), sent.text(), kept, sent.customerId(), sent.importId(), sent.importRow());
    }

    /** The text trimmed, refused when missing, blank or longer than {@link #MAX_TEXT_LENGTH} characters. */
    static String checkedText(String text) {
        if (text == null) {
            throw new VoiceRefused(VoiceRefused.Reason.MISSING, "text");
        }
        String trimmed = storable(text).strip();
        if (trimmed.isEmpty()) {
            throw new VoiceRefused(VoiceRefused.Reason.EMPTY_TEXT, "text");
        }
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_TEXT_LENGTH) {
            throw new VoiceRefused(VoiceRefused.Reason.TEXT_TOO_LONG, "text");
        }
        return trimmed;
    }

    /**
     * The words as a database and a PDF keep them: control characters other than line breaks and tabs dropped (a NUL
     * fails PostgreSQL), line breaks made {@code \n}, a lone surrogate replaced, the characters XML 1.0 does not
     * allow (U+FFFE, U+FFFF: the monthly review's PDF is XML) and the invisible ones dropped: Unicode format
     * characters (bidi controls, zero-width spaces, the soft hyphen, U+FEFF, tags; they hide a card number or turn
     * text around) and Hangul fillers, except a zero-width joiner inside an emoji sequence. Forms and files bring
     * such things; the JSON reader refuses some before.
     */
    static String storable(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        String unified = text.replace("\r\n", "\n").replace('\r', '\n');
        for (int i = 0; i < unified.length(); i++) {
            char c = unified.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < unified.length()
                    && Character.isLowSurrogate(unified.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, unified.charAt(i + 1));
                if (Character.getType(cp) != Character.FORMAT) {
                    clean.append(c).append(unified.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                clean.append('\uFFFD');
            } else if (c == '\n' || c == '\t' || !Character.isISOControl(c) && c != '\uFFFE' && c != '\uFFFF'
                    && !invisible(unified, i)) {
                clean.append(c);
            }
        }
        return clean.toString();
    }

    private static boolean invisible(String text, int i) {
        char c = text.charAt(i);
        if (c == '\u200D' && i > 0 && i + 1 < text.length()) {
            int before = Character.getType(text.codePointBefore(i));
            int after = Character.getType(text.codePointAt(i + 1));
            if ((before == Character.OTHER_SYMBOL || before == Character.NON_SPACING_MARK
                    || before == Character.MODIFIER_SYMBOL || before == Character.SURROGATE)
                    && (after == Character.OTHER_SYMBOL || after == Character.SURROGATE)) {
                return false; // 👨‍👩‍👧, ❤️‍🔥
            }
        }
        return Character.getType(c) == Character.FORMAT || c == '\u115F' || c == '\u1160' || c == '\u3164'
                || c == '\uFFA0';
    }

    private VoiceItem retried(VoiceItems.Stored earlier, Submission submission, String customerId, String redacted) {
        VoiceItem item = earlier.item();
        if (earlier.erasedAt() != null) {
            throw new VoiceRefused(VoiceRefused.Reason.CUSTOMER_ERASED, "customerId");
        }
        // A form's time is this server's, taken at each send: only a sender's own time tells voices apart.
        boolean senderTimed = submission.source() == Source.API || submission.source() == Source.IMPORT;
        boolean same = item.channel() == submission.channel()
                && (!senderTimed || item.receivedAt().equals(submission.receivedAt()))
                && Objects.equals(item.customerId(), customerId) && item.source() == submission.source()
                && item.redactedText().equals(redacted);
        if (!same) {
            throw new VoiceRefused(VoiceRefused.Reason.KEY_REUSED, "voiceId");
        }
        return item;
    }

    private void requireCustomer(String customerId) {
        if (!personalData.isActive(customerId)) {
            throw new VoiceRefused(personalData.tombstone(customerId).isPresent()
                    ? VoiceRefused.Reason.CUSTOMER_ERASED : VoiceRefused.Reason.UNKNOWN_CUSTOMER, "customerId");
        }
    }

    private void holdCustomer(String customerId) {
        try {
            personalData.holdActive(customerId);
        } catch (RequestProblem gone) {
            throw new VoiceRefused(gone.type() == ProblemType.ERASED
                    ? VoiceRefused.Reason.CUSTOMER_ERASED : VoiceRefused.Reason.UNKNOWN_CUSTOMER, "customerId");
        }
    }

    /** What the original is sealed for: bound to the item, so a sealed text cannot be moved to another. */
    static String context(String itemId) {
        return "voice/" + itemId;
    }

    private static VoiceItem created(VoiceItem i) {
        return new VoiceItem(i.id(), i.source(), i.channel(), i.receivedAt(), i.recordedAt(), i.customerId(),
                i.redactedText(), i.kind(), i.topics(), i.sentiment(), i.department(), i.modelVersion(), i.corrected(),
                true);
    }
}
