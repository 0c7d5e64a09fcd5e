package dev.anshin.ekyc;

import static dev.anshin.ekyc.EkycStatus.EXPIRED;
import static dev.anshin.ekyc.EkycStatus.FAILED;
import static dev.anshin.ekyc.EkycStatus.PASSED;
import static dev.anshin.ekyc.EkycStatus.RESULT_RECEIVED;
import static dev.anshin.ekyc.EkycStatus.REVIEW;
import static dev.anshin.ekyc.EkycStatus.STARTED;

import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import java.util.List;
import java.util.Optional;

/**
 * The verification lifecycle as a table (like the disputes' DisputeTransitions): every allowed move
 * is one row; anything else is refused with {@link IllegalMove}. docs/ekyc.md shows {@link #mermaid()},
 * and a test keeps the two equal.
 */
public final class EkycTransitions {

    /** What moves a verification on, and who does it. */
    public enum Action {
        /** The vendor's signed result arrived. */
        RECEIVE_RESULT,
        /**
         * The vendor's final result after its own reviewer looked at a verification in review (a new event
         * with {@code reviewOutcome}): what concludes a REVIEW from the vendor's side.
         */
        RECEIVE_REVIEWED_RESULT,
        /** The policy's conclusions. */
        PASS, FAIL, REFER,
        /** Staff's decisions on a verification in review. */
        APPROVE, REJECT,
        /** No result in time. */
        EXPIRE
    }

    /** One allowed move. */
    public record Transition(EkycStatus from, Action action, EkycStatus to) {
    }

    /** A move the table does not allow. Nothing changes. Answered by ProblemAdvice as 409 illegal-transition. */
    public static final class IllegalMove extends RequestProblem {
        private final EkycStatus from;
        private final Action action;

        IllegalMove(EkycStatus from, Action action) {
            super(ProblemType.ILLEGAL_TRANSITION, "The verification is " + from + ": "
                    + (action == Action.RECEIVE_RESULT && from == REVIEW
                            ? "it takes only the vendor's reviewed final result (with reviewOutcome)."
                            : action == Action.RECEIVE_REVIEWED_RESULT && (from == STARTED || from == EXPIRED)
                            ? "it is not in review: a result with reviewOutcome is taken only for a verification "
                                    + "the checks sent to review."
                            : action == Action.RECEIVE_RESULT || action == Action.RECEIVE_REVIEWED_RESULT
                            ? "it takes no further result." : "it cannot " + action + "."),
                    List.of());
            this.from = from;
            this.action = action;
        }

        public EkycStatus from() {
            return from;
        }

        public Action action() {
            return action;
        }
    }

    private static final List<Transition> TABLE = List.of(
            new Transition(STARTED, Action.RECEIVE_RESULT, RESULT_RECEIVED),
            new Transition(STARTED, Action.EXPIRE, EXPIRED),
            // A result the vendor completed before the verification expired, delivered after: guarded in
            // EkycVerifications (completedAt before the expiry), so a vendor's late delivery is not lost.
            new Transition(EXPIRED, Action.RECEIVE_RESULT, RESULT_RECEIVED),
            new Transition(RESULT_RECEIVED, Action.PASS, PASSED),
            new Transition(RESULT_RECEIVED, Action.FAIL, FAILED),
            new Transition(RESULT_RECEIVED, Action.REFER, REVIEW),
            // The vendor's reviewer concluded it (a new event): judged again, and always PASSED or FAILED then
            // (EkycPolicy with a review outcome never refers).
            new Transition(REVIEW, Action.RECEIVE_REVIEWED_RESULT, RESULT_RECEIVED),
            new Transition(REVIEW, Action.APPROVE, PASSED),
            new Transition(REVIEW, Action.REJECT, FAILED));

    private EkycTransitions() {
    }

    public static List<Transition> all() {
        return TABLE;
    }

    public static Optional<Transition> find(EkycStatus from, Action action) {
        return TABLE.stream().filter(t -> t.from() == from && t.action() == action).findFirst();
    }

    /** The status after the move; {@link IllegalMove} when the table has none. */
    public static EkycStatus next(EkycStatus from, Action action) {
        return find(from, action).orElseThrow(() -> new IllegalMove(from, action)).to();
    }

    /** The policy's conclusion as the move out of RESULT_RECEIVED. */
    static Action conclude(EkycOutcome outcome) {
        return switch (outcome) {
            case PASSED -> Action.PASS;
            case FAILED -> Action.FAIL;
            case REVIEW -> Action.REFER;
            case EXPIRED -> Action.EXPIRE;
        };
    }

    /** The table as a Mermaid state diagram, for the docs. */
    public static String mermaid() {
        StringBuilder out = new StringBuilder("stateDiagram-v2\n    [*] --> STARTED\n");
        for (Transition t : TABLE) {
            out.append("    ").append(t.from()).append(" --> ").append(t.to()).append(" : ").append(t.action())
                    .append('\n');
        }
        for (EkycStatus status : EkycStatus.values()) {
            // EXPIRED ends a verification too, unless a result completed in time arrives late.
            if (status.closed() || status == EXPIRED) {
                out.append("    ").append(status).append(" --> [*]\n");
            }
        }
        return out.toString();
    }
}
