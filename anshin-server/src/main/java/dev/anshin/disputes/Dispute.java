package dev.anshin.disputes;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One disputed authorization: its case, as stored.
 *
 * @param id                    the case id (a UUID)
 * @param reportId              the report it came with (one report may dispute several authorizations)
 * @param authorizationId       the disputed authorization
 * @param cardToken             its card
 * @param customerId            the cardholder
 * @param terminalId            where it happened (DE41), for converging reports
 * @param merchantId            the merchant (DE42)
 * @param occurredAt            when it happened
 * @param amountMinor           its amount, in minor units of {@code currency}
 * @param currency              ISO 4217
 * @param status                where the case is in {@link DisputeTransitions}
 * @param version               bumped by every move: a move made on a stale read is refused
 * @param assessment            what the investigation concluded, once it has
 * @param findings              the evidence, weighed
 * @param reviewDueAt           by when an analyst must decide (analyst review, or a fraud case the
 *                              network cannot take automatically)
 * @param cardBlockedAt         when the card was blocked for this case
 * @param replacementCardToken  the new card issued in its place
 * @param provisionalCreditMinor the amount credited to the cardholder while the chargeback runs
 * @param creditedAt            when it was credited
 * @param network               the card network, from the BIN
 * @param reasonCode            the network's fraud reason code for the chargeback
 * @param filingDeadline        the last day the chargeback may be filed
 * @param chargebackReference   the network's reference of the filed chargeback
 * @param chargebackFiledAt     when it was filed
 * @param merchantResponseDue   the merchant's last day to answer it
 * @param effectsPending        the decision is stored but its effects (block, replace, credit, label,
 *                              file) may not all be done yet: a restart finishes them
 * @param createdAt             when the report came in
 * @param decidedAt             when the case was first decided (automatically or by an analyst)
 * @param updatedAt             the last move
 * @param reference             the report's reference number (受付番号), what the cardholder quotes; null
 *                              only for a report filed before references existed, until the next start
 * @param assignedTo            the analyst working the case (a staff username), or null
 */
public record Dispute(String id, String reportId, String authorizationId, String cardToken, String customerId,
        String terminalId, String merchantId, Instant occurredAt, long amountMinor, String currency,
        DisputeStatus status, int version, Assessment assessment, List<Finding> findings, Instant reviewDueAt,
        Instant cardBlockedAt, String replacementCardToken, Long provisionalCreditMinor, Instant creditedAt,
        String network, String reasonCode, LocalDate filingDeadline, String chargebackReference,
        Instant chargebackFiledAt, LocalDate merchantResponseDue, boolean effectsPending, Instant createdAt,
        Instant decidedAt, Instant updatedAt, String reference, String assignedTo) {

    public Dispute {
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /** From the report to the first decision, in microseconds; null while undecided. */
    public Long decidedInMicros() {
        return decidedAt == null ? null : Duration.between(createdAt, decidedAt).toNanos() / 1_000;
    }

    /** The sum of the findings' weights: above zero leans to fraud. */
    public int weight() {
        return findings.stream().mapToInt(Finding::weight).sum();
    }

    Draft draft() {
        return new Draft(this);
    }

    /** A changed copy being made: the fields a move may change. */
    static final class Draft {
        private final Dispute from;
        DisputeStatus status;
        Assessment assessment;
        List<Finding> findings;
        Instant reviewDueAt;
        Instant cardBlockedAt;
        String replacementCardToken;
        Long provisionalCreditMinor;
        Instant creditedAt;
        String network;
        String reasonCode;
        LocalDate filingDeadline;
        String chargebackReference;
        Instant chargebackFiledAt;
        LocalDate merchantResponseDue;
        boolean effectsPending;
        Instant decidedAt;

        private Draft(Dispute d) {
            from = d;
            status = d.status;
            assessment = d.assessment;
            findings = d.findings;
            reviewDueAt = d.reviewDueAt;
            cardBlockedAt = d.cardBlockedAt;
            replacementCardToken = d.replacementCardToken;
            provisionalCreditMinor = d.provisionalCreditMinor;
            creditedAt = d.creditedAt;
            network = d.network;
            reasonCode = d.reasonCode;
            filingDeadline = d.filingDeadline;
            chargebackReference = d.chargebackReference;
            chargebackFiledAt = d.chargebackFiledAt;
            merchantResponseDue = d.merchantResponseDue;
            effectsPending = d.effectsPending;
            decidedAt = d.decidedAt;
        }

        /** The next version of the case, updated at {@code now}. */
        Dispute build(Instant now) {
            Dispute d = from;
            return new Dispute(d.id, d.reportId, d.authorizationId, d.cardToken, d.customerId, d.terminalId,
                    d.merchantId, d.occurredAt, d.amountMinor, d.currency, status, d.version + 1, assessment, findings,
                    reviewDueAt, cardBlockedAt, replacementCardToken, provisionalCreditMinor, creditedAt, network,
                    reasonCode, filingDeadline, chargebackReference, chargebackFiledAt, merchantResponseDue,
                    effectsPending, d.createdAt, decidedAt, now, d.reference, d.assignedTo);
        }
    }
}
