package dev.anshin.ekyc;

import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import java.util.List;

/**
 * A request the eKYC module refuses, with why. A {@link RequestProblem}, so that ProblemAdvice answers
 * it as every module's refusals are (problems does not know ekyc): UNKNOWN_VERIFICATION is 404
 * not-found wherever the id came from (a path or the webhook's body), EVENT_CONFLICT 409 conflict,
 * INVALID_FIELD 422 validation naming the field. Never carries personal data (there is none here).
 */
public class EkycRefused extends RequestProblem {

    /** Why. */
    public enum Reason {
        /** No verification has this id. */
        UNKNOWN_VERIFICATION,
        /** An event id seen before, with a different body. */
        EVENT_CONFLICT,
        /** A field of the request is not acceptable ({@link #field()} says which). */
        INVALID_FIELD
    }

    private final Reason reason;
    private final String field;

    EkycRefused(Reason reason, String field, String message) {
        super(type(reason), reason == Reason.INVALID_FIELD ? "The request has invalid fields." : message,
                field == null || reason == Reason.EVENT_CONFLICT ? List.of() : List.of(new FieldProblem(field, message)));
        this.reason = reason;
        this.field = field;
    }

    static EkycRefused invalidField(String field, String message) {
        return new EkycRefused(Reason.INVALID_FIELD, field, message);
    }

    private static ProblemType type(Reason reason) {
        return switch (reason) {
            case UNKNOWN_VERIFICATION -> ProblemType.NOT_FOUND;
            case EVENT_CONFLICT -> ProblemType.CONFLICT;
            case INVALID_FIELD -> ProblemType.VALIDATION;
        };
    }

    public Reason reason() {
        return reason;
    }

    /** The offending field, for INVALID_FIELD and UNKNOWN_VERIFICATION (when the id came in a body); else null. */
    public String field() {
        return field;
    }
}
