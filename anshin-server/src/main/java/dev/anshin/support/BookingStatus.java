package dev.anshin.support;

import java.util.Optional;

/**
 * Where a booking stands. Only {@link #BOOKED} is open; every other status is final and reached only
 * from it: the customer cancels, staff serve it, note a no-show, or cancel it for the issuer.
 */
public enum BookingStatus {
    BOOKED,
    SERVED,
    NO_SHOW,
    CANCELLED,
    CANCELLED_BY_ISSUER;

    /** The outcomes staff may record. */
    static Optional<BookingStatus> staffOutcome(String name) {
        for (BookingStatus status : new BookingStatus[] {SERVED, NO_SHOW, CANCELLED_BY_ISSUER}) {
            if (status.name().equals(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
