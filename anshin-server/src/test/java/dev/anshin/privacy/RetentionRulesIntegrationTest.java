package dev.anshin.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.IntegrationTestSupport;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The retention rules of the entries outside the authorizations' chain, with a moved clock: the daily job removes
 * what passed its period (a day ago), keeps what is still within it (five days to go), and removes that too once
 * the clock has moved ten days on; what the law or the business still needs stays whatever its age (the consent in
 * force, an open request, an issued account's screening decision, an issued application). Rows are written as the
 * product writes them.
 */
class RetentionRulesIntegrationTest extends IntegrationTestSupport {

    private static final String STARTED_BY = "retention-rules-test";
    private static final Duration LATER = Duration.ofDays(10);

    @Autowired
    RetentionJob job;

    @Autowired
    JdbcClient jdbc;

    private final List<Runnable> cleanUp = new ArrayList<>();
    private Duration moved = Duration.ZERO;

    @AfterEach
    void giveBack() {
        clock.advance(moved.negated());
        moved = Duration.ZERO;
        for (int i = cleanUp.size() - 1; i >= 0; i--) {
            cleanUp.get(i).run();
        }
        cleanUp.clear();
        jdbc.sql("DELETE FROM retention_runs WHERE started_by = ?").param(STARTED_BY).update();
    }

    /** A time {@code days} after the rule's cutoff now (negative: before it, so past its period). */
    private Timestamp fromCutoff(String rule, int days) {
        Duration period = job.rules().get(rule).period();
        return Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MILLIS).minus(period).plus(Duration.ofDays(days)));
    }

    private void run() {
        RetentionRuns.Run run = job.run(STARTED_BY, false).orElseThrow();
        assertThat(run.rules()).filteredOn(r -> r.state().equals("FAILED")).isEmpty();
    }

    private void runTenDaysLater() {
        clock.advance(LATER);
        moved = moved.plus(LATER);
        run();
    }

    private long count(String sql, Object id) {
        return jdbc.sql(sql).param(id).query(Long.class).single();
    }

    @Test
    void screeningDecisionsAndDecidedProposalsGoAfterTheirPeriodButAnIssuedAccountsDecisionStays() {
        String rule = "screeningRetention";
        String old = decision(fromCutoff(rule, -1));
        String young = decision(fromCutoff(rule, 5));
        String issued = decision(fromCutoff(rule, -1));
        String card = "tok_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("INSERT INTO screening_accounts (card_token, customer_id, application_id, revolving_limit, "
                        + "cash_advance_limit, issued_at, next_review_at) VALUES (?, ?, ?, 300000, 0, ?, ?)")
                .params(card, UUID.randomUUID().toString(), issued, fromCutoff(rule, -1), fromCutoff(rule, 30)).update();
        cleanUp.add(() -> jdbc.sql("DELETE FROM screening_accounts WHERE card_token = ?").param(card).update());
        String oldProposal = proposal(card, fromCutoff(rule, -1));
        String youngProposal = proposal(card, fromCutoff(rule, 5));
        String decisions = "SELECT COUNT(*) FROM screening_decisions WHERE application_id = ?";
        String proposals = "SELECT COUNT(*) FROM screening_proposals WHERE id = ?";

        run();

        assertThat(count(decisions, old)).isZero();
        assertThat(count(decisions, young)).isOne();
        assertThat(count(decisions, issued)).as("an issued account rests on it").isOne();
        assertThat(count(proposals, oldProposal)).isZero();
        assertThat(count(proposals, youngProposal)).isOne();

        runTenDaysLater();

        assertThat(count(decisions, young)).isZero();
        assertThat(count(proposals, youngProposal)).isZero();
        assertThat(count(decisions, issued)).isOne();
    }

    @Test
    void identityVerificationsGoWithTheirEventsAfterTheirPeriod() {
        String rule = "ekycRetention";
        String old = verification(fromCutoff(rule, -1));
        String young = verification(fromCutoff(rule, 5));
        String verifications = "SELECT COUNT(*) FROM ekyc_verifications WHERE id = ?";
        String events = "SELECT COUNT(*) FROM ekyc_events WHERE verification_id = ?";

        run();

        assertThat(count(verifications, old)).isZero();
        assertThat(count(events, old)).isZero();
        assertThat(count(verifications, young)).isOne();
        assertThat(count(events, young)).isOne();

        runTenDaysLater();

        assertThat(count(verifications, young)).isZero();
        assertThat(count(events, young)).isZero();
    }

    @Test
    void anIssuedCustomersVerificationStaysWhileTheCustomerIsHeldAndGoesItsPeriodAfterTheErasure() {
        String rule = "ekycRetention";
        // Started long before the cutoff, its application issued: the customer is still held.
        String held = verification(fromCutoff(rule, -3000), fromCutoff(rule, -2990), null);
        // A declined applicant's (never issued): from its start, as before.
        String declined = verification(fromCutoff(rule, -400), null, null);
        // A customer erased 8 years ago (a year past the 7), started long before.
        String erasedLongAgo = verification(fromCutoff(rule, -3000), fromCutoff(rule, -2990), fromCutoff(rule, -365));
        // A customer erased within the period, started long before: stays until the period after the erasure ends.
        String erasedLately = verification(fromCutoff(rule, -3000), fromCutoff(rule, -2990), fromCutoff(rule, 5));
        String verifications = "SELECT COUNT(*) FROM ekyc_verifications WHERE id = ?";
        String events = "SELECT COUNT(*) FROM ekyc_events WHERE verification_id = ?";

        run();

        assertThat(count(verifications, held)).as("the customer is still held").isOne();
        assertThat(count(events, held)).isOne();
        assertThat(count(verifications, declined)).isZero();
        assertThat(count(verifications, erasedLongAgo)).as("erased a year past the period").isZero();
        assertThat(count(events, erasedLongAgo)).isZero();
        assertThat(count(verifications, erasedLately)).as("counted from the erasure").isOne();

        runTenDaysLater();

        assertThat(count(verifications, erasedLately)).isZero();
        assertThat(count(verifications, held)).as("the customer is still held").isOne();
    }

    @Test
    void aDeclinedApplicationWhoseLeftoversAreNotTidiedStaysForTheRecoveryJob() {
        String rule = "applicationRetention";
        String untidied = application("DECLINED", fromCutoff(rule, -1), null);
        String tidied = application("DECLINED", fromCutoff(rule, -1), fromCutoff(rule, -1));
        String applications = "SELECT COUNT(*) FROM applications WHERE id = ?";

        run();

        assertThat(count(applications, untidied)).as("its card is not closed yet").isOne();
        assertThat(count(applications, tidied)).isZero();
    }

    @Test
    void aDecidedProposalWrittenBeforeDecidedAtExistedGoesByWhenItWasProposed() {
        String rule = "screeningRetention";
        String card = "tok_" + UUID.randomUUID().toString().replace("-", "");
        // As code before V35 wrote it: decided (REJECTED), no decided_at.
        String old = proposal(card, fromCutoff(rule, -1), null);
        String young = proposal(card, fromCutoff(rule, 5), null);
        String proposals = "SELECT COUNT(*) FROM screening_proposals WHERE id = ?";

        run();

        assertThat(count(proposals, old)).isZero();
        assertThat(count(proposals, young)).isOne();

        runTenDaysLater();

        assertThat(count(proposals, young)).isZero();
    }

    @Test
    void aConsentEntryAProvisionRecordNamesStaysWhateverItsAge() throws Exception {
        String rule = "consentHistoryRetention";
        String customer = newCustomer();
        // A third-party provision rested on the grant; the grant was replaced long ago.
        long grant = consent(customer, "THIRD_PARTY_PROVISION", true, fromCutoff(rule, -400));
        long unnamedGrant = consent(customer, "MARKETING", true, fromCutoff(rule, -400));
        consent(customer, "MARKETING", false, fromCutoff(rule, -1));
        consent(customer, "THIRD_PARTY_PROVISION", false, fromCutoff(rule, -1));
        // Its provision record is within its own period (the guard matters where the records are kept longer than
        // the consent history, or their rule has not reached them yet).
        provisionRecord(customer, grant, Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MILLIS)
                .minus(Duration.ofDays(1))));
        String ledger = "SELECT COUNT(*) FROM consent_ledger WHERE seq = ?";

        run();

        assertThat(count(ledger, grant)).as("the provision record's consent basis").isOne();
        assertThat(count(ledger, unnamedGrant)).isZero();

        runTenDaysLater();

        assertThat(count(ledger, grant)).as("the provision record's consent basis").isOne();
    }

    @Test
    void declinedAndAbandonedApplicationsGoWithTheirMovesButAnIssuedOneStays() {
        String rule = "applicationRetention";
        String declined = application("DECLINED", fromCutoff(rule, -1));
        String abandoned = application("ABANDONED", fromCutoff(rule, -1));
        String young = application("DECLINED", fromCutoff(rule, 5));
        String issued = application("ISSUED", fromCutoff(rule, -1));
        String applications = "SELECT COUNT(*) FROM applications WHERE id = ?";
        String moves = "SELECT COUNT(*) FROM application_moves WHERE application_id = ?";

        run();

        assertThat(count(applications, declined)).isZero();
        assertThat(count(moves, declined)).isZero();
        assertThat(count(applications, abandoned)).isZero();
        assertThat(count(applications, young)).isOne();
        assertThat(count(moves, young)).isOne();
        assertThat(count(applications, issued)).isOne();

        runTenDaysLater();

        assertThat(count(applications, young)).isZero();
        assertThat(count(applications, issued)).isOne();
    }

    @Test
    void consentHistoryGoesAfterItsPeriodButTheChoiceInForceStaysWhateverItsAge() throws Exception {
        String rule = "consentHistoryRetention";
        String customer = newCustomer();
        // Marketing: granted long ago, withdrawn a day past the period; research: granted, withdrawn 5 days within.
        long oldGrant = consent(customer, "MARKETING", true, fromCutoff(rule, -400));
        long inForce = consent(customer, "MARKETING", false, fromCutoff(rule, -1));
        long youngGrant = consent(customer, "RESEARCH", true, fromCutoff(rule, -400));
        long youngInForce = consent(customer, "RESEARCH", false, fromCutoff(rule, 5));
        String ledger = "SELECT COUNT(*) FROM consent_ledger WHERE seq = ?";

        run();

        assertThat(count(ledger, oldGrant)).isZero();
        assertThat(count(ledger, inForce)).as("the choice in force").isOne();
        assertThat(count(ledger, youngGrant)).as("replaced only 5 days within the period ago").isOne();
        assertThat(count(ledger, youngInForce)).isOne();

        runTenDaysLater();

        assertThat(count(ledger, youngGrant)).isZero();
        assertThat(count(ledger, youngInForce)).as("the choice in force").isOne();
        assertThat(count(ledger, inForce)).as("the choice in force").isOne();
    }

    @Test
    void closedRequestsGoAfterTheirPeriodButAnOpenOneStays() throws Exception {
        String rule = "requestRecordsRetention";
        String customer = newCustomer();
        String old = request(customer, "COMPLETED", fromCutoff(rule, -1));
        String rejected = request(customer, "REJECTED", fromCutoff(rule, -1));
        String young = request(customer, "COMPLETED", fromCutoff(rule, 5));
        String open = request(customer, "RECEIVED", fromCutoff(rule, -100));
        String requests = "SELECT COUNT(*) FROM data_subject_requests WHERE id = ?";

        run();

        assertThat(count(requests, old)).isZero();
        assertThat(count(requests, rejected)).isZero();
        assertThat(count(requests, young)).isOne();
        assertThat(count(requests, open)).isOne();

        runTenDaysLater();

        assertThat(count(requests, young)).isZero();
        assertThat(count(requests, open)).isOne();
    }

    @Test
    void supportBookingsGoAfterTheirPeriod() {
        String rule = "supportBookingRetention";
        String customer = UUID.randomUUID().toString();
        String old = booking(customer, "SERVED", fromCutoff(rule, -1));
        String neverClosed = booking(customer, "BOOKED", fromCutoff(rule, -1));
        String young = booking(customer, "CANCELLED", fromCutoff(rule, 5));
        String bookings = "SELECT COUNT(*) FROM support_bookings WHERE id = ?";

        run();

        assertThat(count(bookings, old)).isZero();
        assertThat(count(bookings, neverClosed)).isZero();
        assertThat(count(bookings, young)).isOne();

        runTenDaysLater();

        assertThat(count(bookings, young)).isZero();
    }

    @Test
    void aDisputeReportNoCaseWasOpenedFromGoesAfterTheTransactionsPeriod() {
        String rule = "disputeRecordsRetention";
        String loneReport = report(fromCutoff(rule, -1));
        String youngReport = report(fromCutoff(rule, 5));
        String reports = "SELECT COUNT(*) FROM dispute_reports WHERE report_id = ?";

        run();

        assertThat(count(reports, loneReport)).isZero();
        assertThat(count(reports, youngReport)).isOne();

        runTenDaysLater();

        assertThat(count(reports, youngReport)).isZero();
    }

    // ---- rows as the product writes them ------------------------------------------------------------------

    private String decision(Timestamp decidedAt) {
        String id = newId("ret-screen");
        jdbc.sql("INSERT INTO screening_decisions (application_id, decided_at, decided_by, outcome, reasons, needed, "
                        + "policy, annual_income, household_size, housing, declared_repayments, income_proven, "
                        + "bureau_repayments, bureau_other_cash, bureau_delinquent, repayments_used, living_costs, "
                        + "payment_capacity, max_revolving_limit, cash_advance_ceiling, existing_revolving, "
                        + "existing_cash_advance, cash_advance_room, revolving_capacity, conventional, "
                        + "requested_revolving, requested_cash_advance, allowed_revolving, allowed_cash_advance, "
                        + "granted_revolving, granted_cash_advance) VALUES (?, ?, 'test', 'APPROVE', '', '', "
                        + "'step=10000;minimum=100000;conventional=off', 5000000, 2, 'RENT', 0, FALSE, 0, 0, FALSE, 0, "
                        + "2000000, 3000000, 900000, 1666666, 0, 0, 0, 900000, FALSE, 300000, 0, 300000, 0, 300000, 0)")
                .params(id, decidedAt).update();
        cleanUp.add(() -> jdbc.sql("DELETE FROM screening_decisions WHERE application_id = ?").param(id).update());
        return id;
    }

    private String proposal(String card, Timestamp decidedAt) {
        return proposal(card, decidedAt, decidedAt);
    }

    /** A decided proposal; {@code decidedAt} null as written before V35. */
    private String proposal(String card, Timestamp proposedAt, Timestamp decidedAt) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO screening_proposals (id, run_id, card_token, customer_id, proposed_at, status, reasons, "
                        + "current_revolving, current_cash_advance, proposed_revolving, proposed_cash_advance, "
                        + "bureau_repayments, bureau_other_cash, bureau_delinquent, payment_capacity, "
                        + "max_revolving_limit, cash_advance_room, utilization_percent, decided_at, decided_by) "
                        + "VALUES (?, ?, ?, ?, ?, 'REJECTED', 'DELINQUENCY', 300000, 0, 0, 0, 0, 0, TRUE, 0, 0, 0, 10, "
                        + "?, ?)")
                .params(id, UUID.randomUUID().toString(), card, UUID.randomUUID().toString(), proposedAt, decidedAt,
                        decidedAt == null ? null : "test")
                .update();
        cleanUp.add(() -> jdbc.sql("DELETE FROM screening_proposals WHERE id = ?").param(id).update());
        return id;
    }

    private String verification(Timestamp startedAt) {
        return verification(startedAt, null, null);
    }

    /**
     * A verification; {@code customerSince}: its application's card was issued then; {@code erasedAt}: the
     * applicant was erased then (the result cleared, as {@code forgetSubjects} leaves it).
     */
    private String verification(Timestamp startedAt, Timestamp customerSince, Timestamp erasedAt) {
        String id = newId("ret-ekyc");
        String status = customerSince == null ? "STARTED" : "PASSED";
        jdbc.sql("INSERT INTO ekyc_verifications (id, subject_reference, provider, status, return_url, language, "
                        + "started_at, version, customer_since, erased_at) VALUES (?, ?, 'sandbox', ?, ?, ?, ?, 0, ?, ?)")
                .params(id, newId("ret-app"), status, erasedAt == null ? "https://anshin.example/apply" : "",
                        erasedAt == null ? "ja" : "", startedAt, customerSince, erasedAt).update();
        jdbc.sql("INSERT INTO ekyc_events (event_id, verification_id, body_sha256, received_at) VALUES (?, ?, ?, ?)")
                .params(newId("ret-event"), id, "a".repeat(64), startedAt).update();
        cleanUp.add(() -> {
            jdbc.sql("DELETE FROM ekyc_events WHERE verification_id = ?").param(id).update();
            jdbc.sql("DELETE FROM ekyc_verifications WHERE id = ?").param(id).update();
        });
        return id;
    }

    private String application(String status, Timestamp closedAt) {
        // A declined one as the decline leaves it once its leftovers are tidied.
        return application(status, closedAt, status.equals("DECLINED") ? closedAt : null);
    }

    private String application(String status, Timestamp closedAt, Timestamp tidiedAt) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO applications (id, version, status, channel, language, resume_hash, steps_done, attempts, "
                        + "created_at, updated_at, tidied_at) VALUES (?, 2, ?, 'WEB', 'ja', ?, '', 0, ?, ?, ?)")
                .params(id, status, (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", ""), closedAt,
                        closedAt, tidiedAt).update();
        jdbc.sql("INSERT INTO application_moves (application_id, version, action, from_status, to_status, party, actor, "
                        + "moved_at) VALUES (?, 1, 'DECLINE', 'SCREENING', ?, 'SYSTEM', 'system', ?)")
                .params(id, status, closedAt).update();
        cleanUp.add(() -> {
            jdbc.sql("DELETE FROM application_moves WHERE application_id = ?").param(id).update();
            jdbc.sql("DELETE FROM applications WHERE id = ?").param(id).update();
        });
        return id;
    }

    private long consent(String customer, String purpose, boolean granted, Timestamp at) {
        jdbc.sql("INSERT INTO consent_ledger (request_id, customer_id, purpose, product, recipient, granted, channel, "
                        + "notice_version, recorded_by, recorded_at) VALUES (?, ?, ?, NULL, NULL, ?, 'PORTAL', '2026-01', "
                        + "'test', ?)")
                .params(UUID.randomUUID().toString(), customer, purpose, granted, at).update();
        long seq = jdbc.sql("SELECT MAX(seq) FROM consent_ledger WHERE customer_id = ? AND purpose = ?")
                .params(customer, purpose).query(Long.class).single();
        cleanUp.add(() -> jdbc.sql("DELETE FROM consent_ledger WHERE seq = ?").param(seq).update());
        return seq;
    }

    /** A provision to a recipient that rested on {@code consentSeq}, with its provision record. */
    private void provisionRecord(String customer, long consentSeq, Timestamp providedAt) {
        String recipient = newId("ret-recipient");
        String provision = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO provision_recipients (id, kind, name_ja, name_en, country, use_ja, use_en, fields, "
                        + "public_keyset, registered_by, registered_at) VALUES (?, 'PARTNER_BANK', '提携銀行', "
                        + "'Partner bank', 'JP', '与信', 'Credit', 'NAME_KANJI', '{}', 'test', ?)")
                .params(recipient, providedAt).update();
        jdbc.sql("INSERT INTO provisions (id, request_id, request_digest, recipient_id, items, skipped, provided_by, "
                        + "provided_at, export_ciphertext, export_expires_at) VALUES (?, ?, ?, ?, 'NAME_KANJI', '', "
                        + "'test', ?, NULL, ?)")
                .params(provision, UUID.randomUUID().toString(), "d".repeat(64), recipient, providedAt, providedAt)
                .update();
        jdbc.sql("INSERT INTO provision_records (provision_id, customer_id, recipient_id, items, consent_seq, "
                        + "provided_at) VALUES (?, ?, ?, 'NAME_KANJI', ?, ?)")
                .params(provision, customer, recipient, consentSeq, providedAt).update();
        cleanUp.add(() -> {
            jdbc.sql("DELETE FROM provision_records WHERE provision_id = ?").param(provision).update();
            jdbc.sql("DELETE FROM provisions WHERE id = ?").param(provision).update();
            jdbc.sql("DELETE FROM provision_recipients WHERE id = ?").param(recipient).update();
        });
    }

    private String request(String customer, String status, Timestamp closedAt) {
        String id = UUID.randomUUID().toString();
        boolean closed = !status.equals("RECEIVED");
        jdbc.sql("INSERT INTO data_subject_requests (id, request_id, customer_id, kind, channel, status, received_by, "
                        + "received_at, deadline, closed_by, closed_at) VALUES (?, ?, ?, 'DISCLOSURE', 'PORTAL', ?, 'test', "
                        + "?, ?, ?, ?)")
                .params(id, UUID.randomUUID().toString(), customer, status, closedAt, closedAt,
                        closed ? "privacy-test" : null, closed ? closedAt : null)
                .update();
        cleanUp.add(() -> jdbc.sql("DELETE FROM data_subject_requests WHERE id = ?").param(id).update());
        return id;
    }

    private String booking(String customer, String status, Timestamp ended) {
        String id = UUID.randomUUID().toString();
        boolean closed = !status.equals("BOOKED");
        jdbc.sql("INSERT INTO support_bookings (id, customer_id, kind, starts_at, topic, note, status, request_id, "
                        + "booked_at, open_kind, closed_at, closed_by) VALUES (?, ?, 'CALL_BACK', ?, 'PAYMENT', NULL, ?, ?, ?, "
                        + "?, ?, ?)")
                .params(id, customer, ended, status, UUID.randomUUID().toString(), ended,
                        closed ? null : "CALL_BACK", closed ? ended : null, closed ? "support-test" : null)
                .update();
        cleanUp.add(() -> jdbc.sql("DELETE FROM support_bookings WHERE id = ?").param(id).update());
        return id;
    }

    private String report(Timestamp submittedAt) {
        String report = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO dispute_reports (report_id, customer_id, channel, card_in_hand, family_could_explain, "
                        + "subscription_could_explain, recognizes_merchant, certified_at, request_fingerprint, "
                        + "submitted_by, submitted_at) VALUES (?, 'c-ret', 'PORTAL', 'YES', 'NO', 'NO', 'NO', ?, ?, "
                        + "'test', ?)")
                .params(report, submittedAt, "f".repeat(64), submittedAt).update();
        cleanUp.add(() -> jdbc.sql("DELETE FROM dispute_reports WHERE report_id = ?").param(report).update());
        return report;
    }
}
