package dev.anshin.problems;

import java.util.List;

/**
 * A request Anshin refuses for a reason the client can fix; rendered as an RFC 9457 problem with
 * its stable type and the offending fields. Messages never carry personal data.
 */
public class RequestProblem extends RuntimeException {

    private final ProblemType type;
    private final List<FieldProblem> errors;

    public RequestProblem(ProblemType type, String detail, List<FieldProblem> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public static RequestProblem invalid(List<FieldProblem> errors) {
        return new RequestProblem(ProblemType.VALIDATION, "The request has invalid fields.", errors);
    }

    public static RequestProblem invalid(String field, String message) {
        return invalid(List.of(new FieldProblem(field, message)));
    }

    /** A query parameter with a value it does not take: 400 naming the parameter. */
    public static RequestProblem badParameter(String parameter, String message) {
        return new RequestProblem(ProblemType.INVALID_PARAMETER, "The request has an invalid parameter.",
                List.of(new FieldProblem(parameter, message)));
    }

    public static RequestProblem conflict(String detail) {
        return new RequestProblem(ProblemType.CONFLICT, detail, List.of());
    }

    public static RequestProblem notFound(String detail) {
        return new RequestProblem(ProblemType.NOT_FOUND, detail, List.of());
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
