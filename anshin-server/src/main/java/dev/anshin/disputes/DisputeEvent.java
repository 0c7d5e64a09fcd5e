package dev.anshin.disputes;

import java.time.Instant;

/** One move of a case, as its history shows it. */
public record DisputeEvent(String disputeId, int seq, Instant at, String action, DisputeStatus from, DisputeStatus to,
        Party party, String actor, String note) {
}
