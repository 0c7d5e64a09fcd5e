package dev.anshin.cards;

import java.time.Instant;

/**
 * A registered card as Anshin knows it: its keyed token, the digits safe to show (BIN, last four),
 * and the customer it belongs to (the privacy module's opaque id; null for a card registered alone).
 */
public record Card(String token, String bin, String last4, Status status, Instant createdAt, String customerId) {

    /**
     * ACTIVE: usable. BLOCKED: declined until unblocked. PENDING: issued on an application whose issuance is
     * not finished yet (nobody has seen its number; activated as issuance's last step). CLOSED: an issued card
     * withdrawn for good (its application declined); never usable again.
     */
    public enum Status { ACTIVE, BLOCKED, PENDING, CLOSED }

    /** How staff see the card: BIN and last four only. */
    public String masked() {
        return bin + "******" + last4;
    }

    /** Whether payments with the card are declined: anything but ACTIVE (blocked, not yet activated, closed). */
    public boolean blocked() {
        return status != Status.ACTIVE;
    }
}
