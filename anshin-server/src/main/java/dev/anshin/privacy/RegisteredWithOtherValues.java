package dev.anshin.privacy;

import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import java.util.Set;

/**
 * A registration under a customer number that is already registered, with values other than those
 * held: refused (409 naming the fields, never their values), because dropping them silently would
 * leave the caller believing they were stored.
 */
public class RegisteredWithOtherValues extends RequestProblem {

    private final String customerId;

    RegisteredWithOtherValues(String customerId, Set<PersonalField> differing) {
        super(ProblemType.CONFLICT, "A customer is registered under this customer number with other values; "
                + "change them with PATCH /api/v1/customers/" + customerId + "/personal-data.",
                differing.stream().map(field -> new FieldProblem("values." + field.name(),
                        "differs from the value held for this customer")).toList());
        this.customerId = customerId;
    }

    /** The customer already registered under the number. */
    public String customerId() {
        return customerId;
    }
}
