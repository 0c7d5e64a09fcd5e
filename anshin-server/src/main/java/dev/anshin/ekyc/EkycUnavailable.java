package dev.anshin.ekyc;

import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import java.util.List;

/**
 * No verification can be started now: no provider is configured, or the vendor cannot be reached.
 * Answered by ProblemAdvice as 503 unavailable.
 */
public class EkycUnavailable extends RequestProblem {

    public EkycUnavailable(String message) {
        super(ProblemType.UNAVAILABLE, message, List.of());
    }
}
