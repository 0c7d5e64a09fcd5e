package dev.anshin.cards;

import java.time.Instant;

/**
 * A registered card as Anshin knows it: its keyed token, the digits safe to show (BIN, last four),
 * and the customer it belongs to (the privacy module's opaque id; null for a card registered alone).
 */
public record Card(String token, String bin, String last4, Status status, Instant createdAt, String customerId) {

    public enum Status { ACTIVE, BLOCKED }

    /** How staff see the card: BIN and last four only. */
    public String masked() {
        return bin + "******" + last4;
    }

    public boolean blocked() {
        return status == Status.BLOCKED;
    }
}
