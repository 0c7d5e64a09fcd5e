package dev.anshin.disputes;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which cases the staff queue shows: every field null (or false) means "any".
 *
 * @param statuses       the statuses shown (never empty)
 * @param assessment     an {@link Assessment}, or {@code NONE} for cases not assessed yet
 * @param assignedTo     the analyst the cases are assigned to
 * @param unassigned     only cases nobody is assigned to
 * @param cardLast4      the card's last four digits
 * @param receivedFrom   reported at or after
 * @param receivedBefore reported before (an age: older than)
 * @param search         a reference number (normalized) or a case id
 */
public record QueueFilter(Set<DisputeStatus> statuses, String assessment, String assignedTo, boolean unassigned,
        String cardLast4, Instant receivedFrom, Instant receivedBefore, String search) {

    /** The statuses in which a case waits for staff: the queue's default. */
    public static final List<DisputeStatus> WAITING = List.of(DisputeStatus.ANALYST_REVIEW,
            DisputeStatus.AWAITING_CARDHOLDER, DisputeStatus.DECIDED_FRAUD, DisputeStatus.CHARGEBACK_FILED,
            DisputeStatus.INTAKE, DisputeStatus.INVESTIGATING);

    public QueueFilter {
        statuses = Set.copyOf(statuses);
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("name at least one status");
        }
    }

    /** Every waiting case. */
    public static QueueFilter waiting() {
        return of(WAITING);
    }

    public static QueueFilter of(Collection<DisputeStatus> statuses) {
        return new QueueFilter(Set.copyOf(statuses), null, null, false, null, null, null, null);
    }
}
