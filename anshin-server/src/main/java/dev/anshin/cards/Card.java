package dev.anshin.cards;

import java.time.Instant;

/** A registered card as Anshin knows it: its keyed token and the digits safe to show (BIN, last four). */
public record Card(String token, String bin, String last4, Status status, Instant createdAt) {

    public enum Status { ACTIVE, BLOCKED }

    /** How staff see the card: BIN and last four only. */
    public String masked() {
        return bin + "******" + last4;
    }

    public boolean blocked() {
        return status == Status.BLOCKED;
    }
}
