package dev.anshin.onboarding;

import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import java.util.List;

/**
 * The application, or another of the same person, is being decided elsewhere at this moment (another server or
 * request holds the claims on deciding it) and was not decided while this one waited: 409 {@code conflict}, the
 * caller tries again later. Not a refusal of the decision itself.
 */
public class ApplicationBeingDecided extends RequestProblem {

    public ApplicationBeingDecided() {
        super(ProblemType.CONFLICT, "The application, or another of the same person, is being decided at this moment; "
                + "try again in a minute.", List.of());
    }
}
