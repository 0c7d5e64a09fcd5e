package dev.anshin.voice.review;

/** How far a countermeasure got; labels in the review bundle ({@code voice.review.status.*}). */
public enum CountermeasureStatus {
    PLANNED,
    IN_PROGRESS,
    DONE,
    DROPPED;

    /** Whether nothing more happens to it (no move leaves it, and it can no longer be late). */
    public boolean closed() {
        return this == DONE || this == DROPPED;
    }
}
