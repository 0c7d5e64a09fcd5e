package dev.anshin.privacy;

import java.time.Instant;
import java.util.Set;

/**
 * A person's request about their own data, as the person and the staff see it: kind, what it is
 * about (a purpose, a recipient, the names of the fields to correct; never the values), status,
 * deadline and whether it is overdue, and how it ended.
 */
public record DataSubjectRequest(String id, String requestId, String customerId, RequestKind kind, Purpose purpose,
        String recipient, Set<PersonalField> fields, ConsentChannel channel, RequestStatus status, Instant receivedAt,
        Instant deadline, boolean overdue, String receivedBy, Instant closedAt, String closedBy,
        RejectionReason rejection) {

    public DataSubjectRequest {
        fields = Set.copyOf(fields);
    }
}
