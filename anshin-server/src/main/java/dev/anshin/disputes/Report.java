package dev.anshin.disputes;

import java.time.Instant;

/**
 * A cardholder's report, as stored: who, through which channel, their answers, and when they
 * certified that they did not make or allow the transactions, and the reference number (受付番号) they
 * quote when they call.
 */
public record Report(String id, String customerId, Channel channel, Answer cardInHand, Answer familyCouldExplain,
        Answer subscriptionCouldExplain, Answer recognizesMerchant, Instant certifiedAt, String fingerprint,
        String submittedBy, Instant submittedAt, String reference) {

    Investigator.Answers answers() {
        return new Investigator.Answers(cardInHand, familyCouldExplain, subscriptionCouldExplain, recognizesMerchant);
    }
}
