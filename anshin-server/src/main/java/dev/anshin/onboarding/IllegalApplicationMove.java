package dev.anshin.onboarding;

import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import java.util.List;

/** A move the transition table does not allow (or not for this party): 409 {@code illegal-transition}. */
public class IllegalApplicationMove extends RequestProblem {

    private final ApplicationStatus from;
    private final ApplicationAction action;

    public IllegalApplicationMove(ApplicationStatus from, ApplicationAction action, String detail) {
        super(ProblemType.ILLEGAL_TRANSITION, detail, List.of());
        this.from = from;
        this.action = action;
    }

    public ApplicationStatus from() {
        return from;
    }

    public ApplicationAction action() {
        return action;
    }
}
