package dev.anshin.onboarding;

import dev.anshin.devices.AutomationMarker;
import dev.anshin.screening.Limits;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The applications table: an application is written only over the version it was read at (optimistic
 * locking), together with the row of its move.
 */
@Repository
class ApplicationStore {

    /** One move as recorded. */
    record Move(String applicationId, int version, ApplicationAction action, ApplicationStatus from,
            ApplicationStatus to, ApplicationParty party, String actor, Instant movedAt, String detail,
            String sealedNote) {
    }

    private static final String COLUMNS = """
            id, version, status, channel, client, client_reference, request_digest, language, customer_id, steps_done,
            annual_credit_repayments, requested_revolving, requested_cash_advance, consent_at, identity_key, phone_key,
            email_key, device_observation, device_id, device_markers, ekyc_verification_id, ekyc_continue_url, screening_id, decision,
            reasons, granted_revolving, granted_cash_advance, card_token, card_revealed_at, issued_at, decided_at,
            errored_step, attempts, created_at, updated_at, submitted_at, decision_policy""";

    private final JdbcClient jdbc;

    ApplicationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Application application, String resumeHash) {
        jdbc.sql("INSERT INTO applications (id, version, status, channel, client, client_reference, request_digest, "
                        + "language, resume_hash, steps_done, attempts, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")
                .params(application.id(), application.version(), application.status().name(),
                        application.channel().name(),
                        application.partner() == null ? null : application.partner().client(),
                        application.partner() == null ? null : application.partner().reference(),
                        application.partner() == null ? null : application.partner().requestDigest(),
                        application.language(), resumeHash, "", ts(application.times().createdAt()),
                        ts(application.times().updatedAt()))
                .update();
    }

    /**
     * Writes the next version over {@code previous} and records the move; false when someone else moved
     * the application first (nothing written).
     */
    boolean update(Application previous, Application next, ApplicationAction action, ApplicationParty party,
            String actor, String detail, String sealedNote) {
        Application.Declared d = next.declared();
        Application.DuplicateKeys k = next.keys();
        Application.Decision decision = next.decision();
        Application.Issue issue = next.issue();
        int updated = jdbc.sql("""
                        UPDATE applications SET version = ?, status = ?, customer_id = ?, steps_done = ?,
                            annual_credit_repayments = ?, requested_revolving = ?, requested_cash_advance = ?, consent_at = ?,
                            identity_key = ?, phone_key = ?, email_key = ?, device_observation = ?, device_id = ?, device_markers = ?,
                            ekyc_verification_id = ?, ekyc_continue_url = ?, screening_id = ?, decision = ?, reasons = ?,
                            granted_revolving = ?, granted_cash_advance = ?, card_token = ?,
                            card_revealed_at = COALESCE(card_revealed_at, ?), issued_at = ?, decided_at = ?, errored_step = ?, attempts = ?, updated_at = ?, submitted_at = ?,
                            decision_policy = ?
                        WHERE id = ? AND version = ?""")
                .params(next.version(), next.status().name(), next.customerId(), steps(next.steps()),
                        d.annualCreditRepayments(), d.requested() == null ? null : d.requested().revolving(),
                        d.requested() == null ? null : d.requested().cashAdvance(), ts(d.consentAt()),
                        k == null ? null : k.identity(), k == null ? null : k.phone(), k == null ? null : k.email(),
                        next.device().observationRef(), next.device().deviceId(),
                        next.device().markers().stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
                        next.identity().verificationId(),
                        next.identity().continueUrl(), decision == null ? null : decision.screeningId(),
                        decision == null ? null : decision.outcome().name(),
                        decision == null ? null : decision.reasons().stream().map(Enum::name).collect(Collectors.joining(",")),
                        decision == null || decision.granted() == null ? null : decision.granted().revolving(),
                        decision == null || decision.granted() == null ? null : decision.granted().cashAdvance(),
                        issue == null ? null : issue.cardToken(), issue == null ? null : ts(issue.revealedAt()),
                        issue == null ? null : ts(issue.issuedAt()), decision == null ? null : ts(decision.decidedAt()),
                        next.failure().step(), next.failure().attempts(), ts(next.times().updatedAt()),
                        ts(next.times().submittedAt()),
                        decision == null || decision.policy() == ApplicationRiskPolicy.Version.BEFORE_FRAUD_SCORE ? null
                                : decision.policy().name(),
                        next.id(), previous.version())
                .update();
        if (updated != 1) {
            return false;
        }
        jdbc.sql("""
                        INSERT INTO application_moves (application_id, version, action, from_status, to_status, party,
                            actor, moved_at, detail, sealed_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(next.id(), next.version(), action.name(), previous.status().name(), next.status().name(),
                        party.name(), fit(actor, 128), ts(next.times().updatedAt()), fit(detail, 500), sealedNote)
                .update();
        return true;
    }

    Optional<Application> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM applications WHERE id = ?").param(id)
                .query(ApplicationStore::application).optional();
    }

    Optional<Application> byResumeHash(String hash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM applications WHERE resume_hash = ?").param(hash)
                .query(ApplicationStore::application).optional();
    }

    Optional<Application> ofPartner(String client, String reference) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM applications WHERE client = ? AND client_reference = ?")
                .params(client, reference).query(ApplicationStore::application).optional();
    }

    List<Application> ofVerification(String verificationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM applications WHERE ekyc_verification_id = ?").param(verificationId)
                .query(ApplicationStore::application).list();
    }

    /** Applications in this status last moved before {@code before}, oldest first. */
    List<Application> inStatus(ApplicationStatus status, Instant before, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM applications WHERE status = ? AND updated_at < ? "
                        + "ORDER BY updated_at, id")
                .params(status.name(), ts(before)).withMaxRows(limit).query(ApplicationStore::application).list();
    }

    /**
     * Applications in this status last moved before {@code before}, the ones the recovery job looked at
     * longest ago (or never) first: a batch of applications that never move cannot hide the others.
     */
    List<Application> toRecover(ApplicationStatus status, Instant before, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM applications WHERE status = ? AND updated_at < ? "
                        + "ORDER BY COALESCE(polled_at, updated_at), id")
                .params(status.name(), ts(before)).withMaxRows(limit).query(ApplicationStore::application).list();
    }

    /** Records that the recovery job looked at the application (not a move: nothing of it changes). */
    void markPolled(String applicationId, Instant at) {
        jdbc.sql("UPDATE applications SET polled_at = ? WHERE id = ?").params(ts(at), applicationId).update();
    }

    /**
     * A decision the applicant is owed a notice of, written in the decision's own transaction. A later decision
     * on the same application (approved, the issuance failed until staff had it again, then declined) replaces
     * a notice not sent yet: the applicant is told the decision that stands. An UPDATE, then an INSERT only if
     * absent: no exception inside the transaction (PostgreSQL-safe); the versioned update of the application
     * in the same transaction keeps two deciders apart.
     */
    void oweDecisionNotice(String applicationId, ApplicationOutcome outcome, Instant decidedAt) {
        int replaced = jdbc.sql("UPDATE application_decision_notices SET outcome = ?, decided_at = ?, attempts = 0, "
                        + "last_failure = NULL, claimed_until = NULL WHERE application_id = ? AND sent_at IS NULL")
                .params(outcome.name(), ts(decidedAt), applicationId).update();
        if (replaced == 0) {
            jdbc.sql("INSERT INTO application_decision_notices (application_id, outcome, decided_at, attempts) "
                    + "SELECT ?, ?, ?, 0 WHERE NOT EXISTS (SELECT 1 FROM application_decision_notices WHERE application_id = ?)")
                    .params(applicationId, outcome.name(), ts(decidedAt), applicationId).update();
        }
    }

    /** A decision notice owed and not sent yet, with the tries so far. */
    record OwedNotice(String applicationId, ApplicationOutcome outcome, int attempts) {
    }

    /**
     * Notices that can go now: not sent, not claimed by a run (or its claim ran out), a decline, or an approval
     * whose card is issued (one still on its way, or never to be issued, waits outside the queue and blocks
     * nothing); the fewest tries first, then the oldest.
     */
    List<OwedNotice> owedNotices(String applicationId, int maxAttempts, Instant now, int limit) {
        return jdbc.sql("SELECT n.application_id, n.outcome, n.attempts FROM application_decision_notices n "
                        + "JOIN applications a ON a.id = n.application_id WHERE n.sent_at IS NULL AND n.attempts < ? "
                        + "AND (n.claimed_until IS NULL OR n.claimed_until < ?) AND (n.outcome = ? OR a.status = ?) "
                        + "AND (CAST(? AS VARCHAR(64)) IS NULL OR n.application_id = ?) "
                        + "ORDER BY n.attempts, n.decided_at, n.application_id")
                .params(maxAttempts, ts(now), ApplicationOutcome.DECLINE.name(), ApplicationStatus.ISSUED.name(),
                        applicationId, applicationId).withMaxRows(limit)
                .query((rs, row) -> new OwedNotice(rs.getString(1), ApplicationOutcome.valueOf(rs.getString(2)),
                        rs.getInt(3))).list();
    }

    /**
     * Claims the notice for sending until {@code until} (a try counted); false if another run holds it or it
     * went. Not marked sent yet: {@link #noticeSent} does that once the channel took it.
     */
    boolean claimNotice(String applicationId, Instant now, Instant until) {
        return jdbc.sql("UPDATE application_decision_notices SET claimed_until = ?, attempts = attempts + 1, "
                        + "last_failure = NULL WHERE application_id = ? AND sent_at IS NULL "
                        + "AND (claimed_until IS NULL OR claimed_until < ?)")
                .params(ts(until), applicationId, ts(now)).update() == 1;
    }

    /** The claimed notice went out. */
    void noticeSent(String applicationId, Instant at) {
        jdbc.sql("UPDATE application_decision_notices SET sent_at = ?, claimed_until = NULL WHERE application_id = ?")
                .params(ts(at), applicationId).update();
    }

    /** The claimed notice did not go out: owed again, with the failure's code (never its message). */
    void releaseNotice(String applicationId, String code) {
        jdbc.sql("UPDATE application_decision_notices SET claimed_until = NULL, last_failure = ? "
                        + "WHERE application_id = ? AND sent_at IS NULL")
                .params(code == null ? null : code.substring(0, Math.min(64, code.length())), applicationId).update();
    }

    /** When the decision notice went out (empty: not yet, or none owed). */
    Optional<Instant> noticeSentAt(String applicationId) {
        return jdbc.sql("SELECT sent_at FROM application_decision_notices WHERE application_id = ? AND sent_at IS NOT NULL")
                .param(applicationId).query((rs, row) -> rs.getTimestamp(1).toInstant()).optional();
    }

    /** A browser proved it is the applicant's: its new resume token replaces the old (which opens nothing now). */
    void replaceResumeHash(String applicationId, String resumeHash) {
        jdbc.sql("UPDATE applications SET resume_hash = ? WHERE id = ?").params(resumeHash, applicationId).update();
    }

    /**
     * A setup link as stored (only its hash), with the one-time code its check sent last (only its keyed hash):
     * until when the code works, its wrong tries, how many codes the link sent, and whether the applicant asked
     * for this link after an earlier one expired.
     */
    record Link(String tokenHash, String applicationId, int serial, Instant createdAt, Instant expiresAt, Instant usedAt,
            int failures, String codeHash, Instant codeExpiresAt, int codeFailures, int codesSent, boolean renewal) {

        /** Not used, not expired, not answered wrongly too often, and not out of codes. */
        boolean live(Instant now, int maxFailures) {
            return usedAt == null && failures < maxFailures && now.isBefore(expiresAt) && !outOfCodes(now);
        }

        /**
         * Expired, or out of codes, but never used and not answered wrongly too often: its applicant may ask for a
         * new one.
         */
        boolean renewable(Instant now, int maxFailures) {
            return usedAt == null && failures < maxFailures && (!now.isBefore(expiresAt) || outOfCodes(now));
        }

        /** Whether the code sent last can still be answered. */
        boolean codeLive(Instant now) {
            return codeHash != null && codeExpiresAt != null && now.isBefore(codeExpiresAt)
                    && codeFailures < SetupLinks.CODE_TRIES;
        }

        /** Every code the link may send was sent, and the last one can no longer be answered. */
        private boolean outOfCodes(Instant now) {
            return codesSent >= SetupLinks.CODES_PER_LINK && !codeLive(now);
        }
    }

    private static final String LINK_COLUMNS = "token_hash, application_id, serial, created_at, expires_at, used_at, "
            + "failures, code_hash, code_expires_at, code_failures, codes_sent, renewal";

    Optional<Link> link(String tokenHash) {
        return jdbc.sql("SELECT " + LINK_COLUMNS + " FROM application_links WHERE token_hash = ?").param(tokenHash)
                .query(ApplicationStore::link).optional();
    }

    Optional<Link> latestLink(String applicationId) {
        return jdbc.sql("SELECT " + LINK_COLUMNS + " FROM application_links WHERE application_id = ? "
                        + "ORDER BY serial DESC").param(applicationId).withMaxRows(1).query(ApplicationStore::link)
                .optional();
    }

    /** A new link; false when another request made this serial first (no exception: PostgreSQL-safe in a transaction). */
    boolean insertLink(String tokenHash, String applicationId, int serial, Instant createdAt, Instant expiresAt) {
        return insertLink(tokenHash, applicationId, serial, createdAt, expiresAt, false);
    }

    /** A new link, {@code renewal} when the applicant asked for it after an earlier one expired. */
    boolean insertLink(String tokenHash, String applicationId, int serial, Instant createdAt, Instant expiresAt,
            boolean renewal) {
        return jdbc.sql("INSERT INTO application_links (token_hash, application_id, serial, created_at, expires_at, "
                        + "failures, code_failures, codes_sent, renewal) SELECT ?, ?, ?, ?, ?, 0, 0, 0, ? "
                        + "FROM applications WHERE id = ? AND NOT EXISTS "
                        + "(SELECT 1 FROM application_links WHERE application_id = ? AND serial = ?)")
                .params(tokenHash, applicationId, serial, ts(createdAt), ts(expiresAt), renewal, applicationId,
                        applicationId, serial)
                .update() == 1;
    }

    /** Links the applicant asked to be sent since {@code since} ("send me a new link"), sent or not. */
    int renewalsSince(String applicationId, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM application_link_sends WHERE application_id = ? AND asked_at >= ?")
                .params(applicationId, ts(since)).query(Long.class).single().intValue();
    }

    /** The applicant asked for the link {@code serial} to be sent to them: the try's id, for {@link #linkSent}. */
    String linkSendAsked(String applicationId, int serial, Instant at) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO application_link_sends (id, application_id, serial, asked_at) VALUES (?, ?, ?, ?)")
                .params(id, applicationId, serial, ts(at)).update();
        return id;
    }

    /** The channel took the link the try was for. */
    void linkSent(String sendId, Instant at) {
        jdbc.sql("UPDATE application_link_sends SET sent_at = ? WHERE id = ?").params(ts(at), sendId).update();
    }

    /** Whether the link {@code serial} was sent to the applicant on their request (the channel took it). */
    boolean linkSentToApplicant(String applicationId, int serial) {
        return jdbc.sql("SELECT COUNT(*) FROM application_link_sends WHERE application_id = ? AND serial = ? "
                + "AND sent_at IS NOT NULL").params(applicationId, serial).query(Long.class).single() > 0;
    }

    /**
     * Takes one try at the link's check, counted as a failure until the answer proves right ({@link #passCheck}):
     * false when the link is used, expired or out of tries. One statement, so answers sent at once cannot all
     * pass the count.
     */
    boolean takeLinkTry(String tokenHash, Instant now, int maxFailures) {
        return jdbc.sql("UPDATE application_links SET failures = failures + 1 WHERE token_hash = ? AND failures < ? "
                        + "AND used_at IS NULL AND expires_at > ?")
                .params(tokenHash, maxFailures, ts(now)).update() == 1;
    }

    /**
     * The check was answered right (its try no failure): a new one-time code (its keyed hash) replaces any
     * earlier one, with fresh tries, and counted as sent ({@link #codeNotSent} gives it back if the channel does not
     * take it). False when the link sent {@code maxCodes} codes already, or is used or expired.
     */
    boolean passCheck(String tokenHash, String codeHash, Instant now, Instant codeExpiresAt, int maxCodes) {
        return jdbc.sql("UPDATE application_links SET failures = failures - 1, code_hash = ?, code_expires_at = ?, "
                        + "code_failures = 0, codes_sent = codes_sent + 1 WHERE token_hash = ? AND codes_sent < ? "
                        + "AND used_at IS NULL AND expires_at > ?")
                .params(codeHash, ts(codeExpiresAt), tokenHash, maxCodes, ts(now)).update() == 1;
    }

    /**
     * The channel did not take the code {@link #passCheck} stored: its count given back, and its hash cleared
     * unless a right check at the same moment replaced it with its own (one statement: both see the same row).
     */
    void codeNotSent(String tokenHash, String codeHash) {
        jdbc.sql("UPDATE application_links SET codes_sent = codes_sent - 1, "
                        + "code_expires_at = CASE WHEN code_hash = ? THEN NULL ELSE code_expires_at END, "
                        + "code_hash = CASE WHEN code_hash = ? THEN NULL ELSE code_hash END "
                        + "WHERE token_hash = ? AND codes_sent > 0")
                .params(codeHash, codeHash, tokenHash).update();
    }

    /**
     * Takes one try at the link's code, counted as a failure until it proves right ({@link #useLink}): false when
     * there is no code, it expired or is out of tries, or the link is used or expired. One statement, as above.
     */
    boolean takeCodeTry(String tokenHash, Instant now, int maxFailures) {
        return jdbc.sql("UPDATE application_links SET code_failures = code_failures + 1 WHERE token_hash = ? "
                        + "AND code_hash IS NOT NULL AND code_failures < ? AND code_expires_at > ? "
                        + "AND used_at IS NULL AND expires_at > ?")
                .params(tokenHash, maxFailures, ts(now), ts(now)).update() == 1;
    }

    /**
     * Uses the link up after its code proved right (its try no failure; the code cleared): true only once, only
     * while neither the link nor the code expired, and only for the code compared (not one a later check replaced).
     */
    boolean useLink(String tokenHash, String codeHash, Instant now) {
        return jdbc.sql("UPDATE application_links SET used_at = ?, code_failures = code_failures - 1, code_hash = NULL "
                        + "WHERE token_hash = ? AND code_hash = ? AND used_at IS NULL AND expires_at > ? "
                        + "AND code_expires_at > ?")
                .params(ts(now), tokenHash, codeHash, ts(now), ts(now)).update() == 1;
    }

    /** Whether a setup link of the application was used (a browser attached by it). */
    boolean linkUsed(String applicationId) {
        return jdbc.sql("SELECT COUNT(*) FROM application_links WHERE application_id = ? AND used_at IS NOT NULL")
                .param(applicationId).query(Long.class).single() > 0;
    }

    private static Link link(ResultSet rs, int row) throws SQLException {
        return new Link(rs.getString("token_hash"), rs.getString("application_id"), rs.getInt("serial"),
                instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "used_at"), rs.getInt("failures"),
                rs.getString("code_hash"), instant(rs, "code_expires_at"), rs.getInt("code_failures"),
                rs.getInt("codes_sent"), rs.getBoolean("renewal"));
    }

    /** Referred applications, longest waiting first. */
    List<Application> referred(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM applications WHERE status = ? ORDER BY updated_at, id")
                .param(ApplicationStatus.REFERRED.name()).withMaxRows(limit).query(ApplicationStore::application)
                .list();
    }

    /** Other submitted applications since {@code since} holding {@code value} in a duplicate column. */
    long others(String column, String value, Instant since, String exceptId) {
        if (value == null) {
            return 0;
        }
        if (!Set.of("identity_key", "phone_key", "email_key", "device_id").contains(column)) {
            throw new IllegalArgumentException(column);
        }
        return jdbc.sql("SELECT COUNT(*) FROM applications WHERE " + column + " = ? AND submitted_at >= ? AND id <> ?")
                .params(value, ts(since), exceptId).query(Long.class).single();
    }

    /**
     * How many other applications of the identity pseudonym, at any time, are in progress (submitted, not
     * concluded) or were issued a card.
     */
    long activeOfIdentity(String identityKey, String exceptId) {
        if (identityKey == null) {
            return 0;
        }
        return jdbc.sql("SELECT COUNT(*) FROM applications WHERE identity_key = :identity AND id <> :id "
                        + "AND status IN (:active)")
                .param("identity", identityKey).param("id", exceptId)
                .param("active", List.of(ApplicationStatus.SUBMITTED.name(), ApplicationStatus.IDENTITY_PENDING.name(),
                        ApplicationStatus.SCREENING.name(), ApplicationStatus.REFERRED.name(),
                        ApplicationStatus.APPROVED.name(), ApplicationStatus.ERRORED.name(),
                        ApplicationStatus.ISSUED.name()))
                .query(Long.class).single();
    }

    /**
     * ISSUED applications, at any time, sharing the identity, phone or e-mail pseudonym: the cards the same
     * person (or household) holds already.
     */
    List<Application> issuedSharing(Application.DuplicateKeys keys, String exceptId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM applications WHERE status = :issued AND id <> :id AND "
                        + "(identity_key = :identity OR phone_key = :phone OR email_key = :email) ORDER BY created_at, id")
                .param("issued", ApplicationStatus.ISSUED.name()).param("id", exceptId)
                .param("identity", keys.identity()).param("phone", keys.phone()).param("email", keys.email())
                .query(ApplicationStore::application).list();
    }

    /**
     * The applications sharing a pseudonym (not {@code exceptId}) that may yet be issued a card: APPROVED,
     * ERRORED or REFERRED.
     */
    List<Application> openSharing(Application.DuplicateKeys keys, String exceptId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM applications WHERE status IN (:open) AND id <> :id AND "
                        + "(identity_key = :identity OR phone_key = :phone OR email_key = :email) ORDER BY created_at, id")
                .param("open", List.of(ApplicationStatus.APPROVED.name(), ApplicationStatus.ERRORED.name(),
                        ApplicationStatus.REFERRED.name()))
                .param("id", exceptId)
                .param("identity", keys.identity()).param("phone", keys.phone()).param("email", keys.email())
                .query(ApplicationStore::application).list();
    }

    /**
     * Takes the claim on {@code key} for {@code claimant} until {@code until}, when nobody holds it or the
     * holder's claim ran out; false when another holds it. Run outside any transaction: an insert losing to
     * another server's at the same moment is a {@code DuplicateKeyException} here, which on PostgreSQL would
     * abort an open transaction.
     */
    boolean claim(String key, String claimant, Instant now, Instant until) {
        if (jdbc.sql("UPDATE application_decision_claims SET claimant = ?, claimed_until = ? "
                        + "WHERE claim_key = ? AND claimed_until < ?")
                .params(claimant, ts(until), key, ts(now)).update() == 1) {
            return true; // the last holder's claim ran out (it died, or forgot to give it back)
        }
        try {
            return jdbc.sql("INSERT INTO application_decision_claims (claim_key, claimant, claimed_until) "
                            + "SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM application_decision_claims WHERE claim_key = ?)")
                    .params(key, claimant, ts(until), key).update() == 1;
        } catch (DuplicateKeyException takenAtTheSameMoment) {
            return false;
        }
    }

    /** Gives back the claims {@code claimant} holds on these keys (one taken over since stays its new holder's). */
    void release(List<String> keys, String claimant) {
        if (!keys.isEmpty()) {
            jdbc.sql("DELETE FROM application_decision_claims WHERE claim_key IN (:keys) AND claimant = :claimant")
                    .param("keys", keys).param("claimant", claimant).update();
        }
    }

    /** Drops the claims that ran out (their keys are pseudonyms: nothing is kept longer than it is needed). */
    int dropExpiredClaims(Instant now) {
        return jdbc.sql("DELETE FROM application_decision_claims WHERE claimed_until < ?").param(ts(now)).update();
    }

    /**
     * DECLINED applications whose leftovers were not tidied yet ({@link #markTidied}), declined before
     * {@code before}; the ones the recovery job looked at longest ago first.
     */
    List<Application> toTidy(Instant before, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM applications WHERE status = ? AND tidied_at IS NULL "
                        + "AND updated_at < ? ORDER BY COALESCE(polled_at, updated_at), id")
                .params(ApplicationStatus.DECLINED.name(), ts(before)).withMaxRows(limit)
                .query(ApplicationStore::application).list();
    }

    /** Records that a declined application's leftovers are tidied: true only for the first call. */
    boolean markTidied(String applicationId, Instant at) {
        return jdbc.sql("UPDATE applications SET tidied_at = ? WHERE id = ? AND status = ? AND tidied_at IS NULL")
                .params(ts(at), applicationId, ApplicationStatus.DECLINED.name()).update() == 1;
    }

    /** Whether a declined application's leftovers were tidied. */
    boolean tidied(String applicationId) {
        return jdbc.sql("SELECT COUNT(*) FROM applications WHERE id = ? AND tidied_at IS NOT NULL")
                .param(applicationId).query(Long.class).single() > 0;
    }

    /** Records that the card's details were shown: true only for the first call (the one reveal). */
    boolean markRevealed(String applicationId, Instant at) {
        return jdbc.sql("UPDATE applications SET card_revealed_at = ? WHERE id = ? AND card_revealed_at IS NULL "
                        + "AND card_token IS NOT NULL")
                .params(ts(at), applicationId).update() == 1;
    }

    boolean revealed(String applicationId) {
        return jdbc.sql("SELECT COUNT(*) FROM applications WHERE id = ? AND card_revealed_at IS NOT NULL")
                .param(applicationId).query(Long.class).single() > 0;
    }

    List<Move> moves(String applicationId) {
        return jdbc.sql("SELECT application_id, version, action, from_status, to_status, party, actor, moved_at, detail, "
                        + "sealed_note FROM application_moves WHERE application_id = ? ORDER BY version")
                .param(applicationId)
                .query((rs, n) -> new Move(rs.getString("application_id"), rs.getInt("version"),
                        ApplicationAction.valueOf(rs.getString("action")),
                        ApplicationStatus.valueOf(rs.getString("from_status")),
                        ApplicationStatus.valueOf(rs.getString("to_status")),
                        ApplicationParty.valueOf(rs.getString("party")), rs.getString("actor"),
                        rs.getTimestamp("moved_at").toInstant(), rs.getString("detail"), rs.getString("sealed_note")))
                .list();
    }

    List<Application> ofCustomer(String customerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM applications WHERE customer_id = ? ORDER BY created_at")
                .param(customerId).query(ApplicationStore::application).list();
    }

    /**
     * An erased applicant: what the application held about them outside the vault goes (declared figures,
     * duplicate pseudonyms, sealed notes, the device it came from and what was seen of it, the identity vendor's
     * page for them); ids, statuses and the decision's codes stay, naming nobody.
     * Open applications are closed first ({@link Applications#onCustomerErased}).
     */
    void forget(String customerId) {
        // The version moves on too, so a move read before the erasure cannot write the figures back.
        jdbc.sql("""
                        UPDATE applications SET annual_credit_repayments = NULL, requested_revolving = NULL,
                            requested_cash_advance = NULL, identity_key = NULL, phone_key = NULL, email_key = NULL,
                            device_id = NULL, device_observation = NULL, device_markers = NULL,
                            ekyc_continue_url = NULL, version = version + 1
                        WHERE customer_id = ?""").param(customerId).update();
        jdbc.sql("UPDATE application_moves SET sealed_note = NULL WHERE application_id IN "
                + "(SELECT id FROM applications WHERE customer_id = ?)").param(customerId).update();
    }

    private static Application application(ResultSet rs, int row) throws SQLException {
        Long requestedRevolving = (Long) rs.getObject("requested_revolving", Long.class);
        Long requestedCash = (Long) rs.getObject("requested_cash_advance", Long.class);
        Limits requested = requestedRevolving == null ? null
                : new Limits(requestedRevolving, requestedCash == null ? 0 : requestedCash);
        Application.Declared declared = new Application.Declared(rs.getObject("annual_credit_repayments", Long.class),
                requested, instant(rs, "consent_at"));
        String identityKey = rs.getString("identity_key");
        Application.DuplicateKeys keys = rs.getTimestamp("submitted_at") == null ? null
                : new Application.DuplicateKeys(identityKey, rs.getString("phone_key"), rs.getString("email_key"));
        String decisionName = rs.getString("decision");
        Application.Decision decision = decisionName == null ? null : new Application.Decision(
                rs.getString("screening_id"), ApplicationOutcome.valueOf(decisionName), reasons(rs.getString("reasons")),
                rs.getObject("granted_revolving", Long.class) == null ? null
                        : new Limits(rs.getLong("granted_revolving"), rs.getLong("granted_cash_advance")),
                instant(rs, "decided_at"), policy(rs.getString("decision_policy")));
        String card = rs.getString("card_token");
        Application.Issue issue = card == null ? null
                : new Application.Issue(card, instant(rs, "issued_at"), instant(rs, "card_revealed_at"));
        String client = rs.getString("client");
        return new Application(rs.getString("id"), rs.getInt("version"),
                ApplicationStatus.valueOf(rs.getString("status")), Channel.valueOf(rs.getString("channel")),
                client == null ? null : new Application.Partner(client, rs.getString("client_reference"),
                        rs.getString("request_digest")),
                rs.getString("language"), rs.getString("customer_id"), steps(rs.getString("steps_done")), declared, keys,
                new Application.Device(rs.getString("device_observation"), rs.getString("device_id"),
                        markers(rs.getString("device_markers"))),
                new Application.Identity(rs.getString("ekyc_verification_id"), rs.getString("ekyc_continue_url")),
                decision, issue, new Application.Failure(rs.getString("errored_step"), rs.getInt("attempts")),
                new Application.Times(instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "submitted_at")));
    }

    /** A decision stored without its rules was made before the fraud score (V47). */
    private static ApplicationRiskPolicy.Version policy(String name) {
        return name == null ? ApplicationRiskPolicy.Version.BEFORE_FRAUD_SCORE : ApplicationRiskPolicy.Version.valueOf(name);
    }

    private static List<RiskReason> reasons(String list) {
        List<RiskReason> reasons = new ArrayList<>();
        if (list != null && !list.isBlank()) {
            Arrays.stream(list.split(",")).forEach(name -> reasons.add(RiskReason.valueOf(name)));
        }
        return reasons;
    }

    /** Markers by name; a name this version does not know (from a newer collector) is left out. */
    private static Set<AutomationMarker> markers(String list) {
        Set<AutomationMarker> markers = EnumSet.noneOf(AutomationMarker.class);
        if (list != null && !list.isBlank()) {
            for (String name : list.split(",")) {
                Arrays.stream(AutomationMarker.values()).filter(m -> m.name().equals(name)).forEach(markers::add);
            }
        }
        return markers;
    }

    private static String steps(Set<ApplicationStep> steps) {
        return steps.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    private static Set<ApplicationStep> steps(String list) {
        Set<ApplicationStep> steps = EnumSet.noneOf(ApplicationStep.class);
        if (list != null && !list.isBlank()) {
            Arrays.stream(list.split(",")).forEach(name -> steps.add(ApplicationStep.valueOf(name)));
        }
        return steps;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static String fit(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
