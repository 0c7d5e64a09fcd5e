package dev.anshin.audit;

import java.time.Instant;

/**
 * One recorded event as stored: its place in the chain ({@code seq}), when it was recorded (UTC,
 * microseconds), the event's fields, the previous entry's hash and its own (hex HMAC-SHA256).
 */
public record AuditEntry(long seq, Instant at, String actor, String action, String resource, String purpose,
        AuditOutcome outcome, String origin, String detail, String prevHash, String hash) {

    static AuditEntry of(long seq, Instant at, AuditEvent event, String prevHash, String hash) {
        return new AuditEntry(seq, at, event.actor(), event.action(), event.resource(), event.purpose(),
                event.outcome(), event.origin(), event.detail(), prevHash, hash);
    }
}
