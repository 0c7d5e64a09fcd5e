package dev.anshin.support;

import java.time.Instant;

/**
 * A booked slot: whose (the privacy module's customer id; no name, no phone), how, when, about what,
 * and where it stands.
 */
public record Booking(String id, String customerId, SupportKind kind, Instant startsAt, SupportTopic topic,
        String note, BookingStatus status, Instant bookedAt, Instant closedAt, String closedBy, String staffNote) {

    public boolean open() {
        return status == BookingStatus.BOOKED;
    }

    /** Open and not begun: the customer may still move or cancel it. */
    public boolean changeable(Instant now) {
        return open() && startsAt.isAfter(now);
    }
}
