package dev.anshin.disputes;

import java.time.Instant;

/**
 * A cardholder's report, as stored: who, through which channel, their answers, and when they
 * certified that they did not make or allow the transactions.
 */
public record Report(String id, String customerId, Channel channel, Answer cardInHand, Answer familyCouldExplain,
        Answer subscriptionCouldExplain, Answer recognizesMerchant, Instant certifiedAt, String fingerprint,
        String submittedBy, Instant submittedAt) {

    Investigator.Answers answers() {
        return new Investigator.Answers(cardInHand, familyCouldExplain, subscriptionCouldExplain, recognizesMerchant);
    }
}
