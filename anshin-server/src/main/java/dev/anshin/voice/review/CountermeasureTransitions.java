package dev.anshin.voice.review;

import static dev.anshin.voice.review.CountermeasureStatus.DONE;
import static dev.anshin.voice.review.CountermeasureStatus.DROPPED;
import static dev.anshin.voice.review.CountermeasureStatus.IN_PROGRESS;
import static dev.anshin.voice.review.CountermeasureStatus.PLANNED;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A countermeasure's lifecycle as one table (as {@code disputes/DisputeTransitions}): every allowed move is a row;
 * anything else is refused. Reopening is not a move: a done or dropped countermeasure that needs more work is a new
 * countermeasure in the month it is raised, so that the review's follow-up stays true to what happened.
 */
public final class CountermeasureTransitions {

    /** One allowed move. */
    public record Transition(CountermeasureStatus from, CountermeasureStatus to) {
    }

    private static final List<Transition> TABLE = List.of(
            new Transition(PLANNED, IN_PROGRESS),
            new Transition(PLANNED, DONE),
            new Transition(PLANNED, DROPPED),
            new Transition(IN_PROGRESS, DONE),
            new Transition(IN_PROGRESS, DROPPED),
            new Transition(IN_PROGRESS, PLANNED));

    private CountermeasureTransitions() {
    }

    /** Every allowed move, in the table's order. */
    public static List<Transition> all() {
        return TABLE;
    }

    /** Whether the table has this move. */
    public static boolean allowed(CountermeasureStatus from, CountermeasureStatus to) {
        return TABLE.contains(new Transition(from, to));
    }

    /**
     * The status after the move.
     *
     * @throws CountermeasureRefused ({@code ILLEGAL_MOVE} on {@code status}) when the table has no such move
     */
    public static CountermeasureStatus next(CountermeasureStatus from, CountermeasureStatus to) {
        if (!allowed(from, to)) {
            throw new CountermeasureRefused(CountermeasureRefused.Reason.ILLEGAL_MOVE, "status");
        }
        return to;
    }

    /** Where a countermeasure in this status may go (for the page's buttons). */
    public static Set<CountermeasureStatus> available(CountermeasureStatus from) {
        return TABLE.stream().filter(t -> t.from() == from).map(Transition::to)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(CountermeasureStatus.class)));
    }

    /** The table as a Mermaid state diagram, for the docs. */
    public static String mermaid() {
        StringBuilder out = new StringBuilder("stateDiagram-v2\n    [*] --> PLANNED\n");
        for (Transition t : TABLE) {
            out.append("    ").append(t.from()).append(" --> ").append(t.to()).append('\n');
        }
        for (CountermeasureStatus status : CountermeasureStatus.values()) {
            if (status.closed()) {
                out.append("    ").append(status).append(" --> [*]\n");
            }
        }
        return out.toString();
    }
}
