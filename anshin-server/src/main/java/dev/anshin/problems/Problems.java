package dev.anshin.problems;

import java.util.List;
import org.springframework.http.ProblemDetail;

/** Builds the problem bodies, so every module and filter answers in the same shape. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(ProblemType type, String detail, List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.type());
        problem.setTitle(type.title());
        problem.setProperty("errors", errors);
        return problem;
    }

    public static ProblemDetail of(RequestProblem problem) {
        return of(problem.type(), problem.getMessage(), problem.errors());
    }
}
