package dev.anshin.onboarding;

import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import java.util.List;

/**
 * Fields of an application that cannot be accepted (a negative income, a household of nobody, a birth
 * date in the future, an applicant under 18, a limit below the minimum): refused before anything is
 * stored; a 422 problem naming each field, and the codes for the form's messages next to each field.
 */
public class ApplicationInputRefused extends RequestProblem {

    private final List<FieldError> fieldErrors;

    public ApplicationInputRefused(List<FieldError> fieldErrors) {
        super(ProblemType.VALIDATION, "The application has invalid fields.",
                fieldErrors.stream().map(e -> new FieldProblem(e.field(), e.englishText())).toList());
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    /** The offending fields with their codes, in the form's order. */
    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
