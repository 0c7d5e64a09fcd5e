package dev.anshin.voice.review;

import dev.anshin.voice.analysis.Topic;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * What a department (or, with no department, the company) will do about what its customers said.
 *
 * @param createdMonth the review month it was raised in
 * @param itemIds the voice items that prompted it
 */
public record Countermeasure(String id, String action, String owner, LocalDate dueDate, CountermeasureStatus status,
        String department, YearMonth createdMonth, List<Topic> topics, List<String> itemIds, Instant createdAt,
        String createdBy, Instant changedAt, String changedBy, Instant doneAt) {

    public Countermeasure {
        topics = List.copyOf(topics);
        itemIds = List.copyOf(itemIds);
    }

    /** Due before this day and neither done nor dropped. */
    public boolean lateOn(LocalDate day) {
        return !status.closed() && dueDate.isBefore(day);
    }
}
