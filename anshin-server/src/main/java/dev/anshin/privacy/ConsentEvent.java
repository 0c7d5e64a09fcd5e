package dev.anshin.privacy;

import java.time.Instant;

/**
 * One entry of the append-only consent ledger: the person's choice for a purpose, in general
 * ({@code product} null) or for one product, with the channel and the version of the notice shown.
 * For third-party provision the choice is for one {@code recipient} (null for every other purpose).
 */
public record ConsentEvent(long seq, String requestId, String customerId, Purpose purpose, String product,
        String recipient, boolean granted, ConsentChannel channel, String noticeVersion, String recordedBy,
        Instant recordedAt) {
}
