package dev.anshin.cli;

import dev.anshin.screening.Housing;
import dev.anshin.screening.PaymentCapacity;
import dev.anshin.screening.ScreeningInputRefused;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code anshin screening capacity}: the expected payment capacity (支払可能見込額) and the limits it
 * allows, computed by the same code as the server's screening (docs/screening.md), printed as JSON in yen.
 * A figure that cannot be true is refused on stderr with exit 2, naming the option.
 */
@Command(name = "capacity", mixinStandardHelpOptions = true, sortOptions = false,
        // One paragraph: picocli wraps it at word boundaries (lines given apart would break mid-sentence).
        description = "Prints, as JSON in yen, the payment capacity (支払可能見込額) = annual income − statutory living "
                + "costs (生活維持費) − annual credit repayments (never below 0), the highest revolving limit (90 %% of "
                + "it, cut to the yen) and the total-volume rule's cash-advance ceiling (a third of income, 総量規制).")
final class ScreeningCapacityCommand implements Callable<Integer> {

    @Option(names = "--annual-income", required = true, paramLabel = "YEN", description = "Annual income in yen.")
    long annualIncome;

    @Option(names = "--household-size", required = true, paramLabel = "N",
            description = "People in the household, 1 to " + PaymentCapacity.MAX_HOUSEHOLD
                    + " (as the application form and the partner API take it; 4 or more share one column of the table).")
    int householdSize;

    @Option(names = "--housing", required = true, paramLabel = "HOUSING",
            description = "RENT or MORTGAGE (the household pays for its home), or NONE.")
    Housing housing;

    @Option(names = "--annual-credit-repayments", paramLabel = "YEN", defaultValue = "0",
            description = "Credit repayments due in a year, in yen (default: ${DEFAULT-VALUE}).")
    long annualCreditRepayments;

    @Option(names = "--other-lenders-cash-advance", paramLabel = "YEN", defaultValue = "0",
            description = "Cash already borrowed from other lenders, in yen, for the cash advance left (default: ${DEFAULT-VALUE}).")
    long otherLendersCashAdvance;

    /** Option names by the domain's field names, so that a refusal names what the user typed. */
    private static final Map<String, String> OPTIONS = Map.of("annualIncome", "--annual-income",
            "householdSize", "--household-size", "housing", "--housing",
            "annualCreditRepayments", "--annual-credit-repayments");

    @Override
    public Integer call() {
        PaymentCapacity capacity;
        try {
            capacity = PaymentCapacity.of(annualIncome, householdSize, housing, annualCreditRepayments);
        } catch (ScreeningInputRefused refused) {
            String option = OPTIONS.getOrDefault(refused.field(), refused.field());
            System.err.println(option + ": " + refused.getMessage().substring(refused.field().length() + 2));
            return 2;
        }
        if (otherLendersCashAdvance < 0 || otherLendersCashAdvance > PaymentCapacity.MAX_YEN) {
            System.err.println("--other-lenders-cash-advance: must be 0 to " + PaymentCapacity.MAX_YEN + " yen");
            return 2;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("annualIncome", capacity.annualIncome());
        out.put("householdSize", capacity.householdSize());
        out.put("housing", capacity.housing().name());
        out.put("annualCreditRepayments", capacity.annualCreditRepayments());
        out.put("livingCosts", capacity.livingCosts());
        out.put("paymentCapacity", capacity.paymentCapacity());
        out.put("maxRevolvingLimit", capacity.maxRevolvingLimit());
        out.put("cashAdvanceCeiling", capacity.cashAdvanceCeiling());
        out.put("otherLendersCashAdvance", otherLendersCashAdvance);
        out.put("cashAdvanceRoom", Math.max(0, capacity.cashAdvanceCeiling() - otherLendersCashAdvance));
        System.out.println(json(out));
        return 0;
    }

    /** Numbers and one enum name: nothing here needs escaping. */
    private static String json(Map<String, Object> fields) {
        StringBuilder out = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            out.append("  \"").append(field.getKey()).append("\": ");
            out.append(field.getValue() instanceof String text ? "\"" + text + "\"" : field.getValue());
            out.append(++i < fields.size() ? ",\n" : "\n");
        }
        return out.append('}').toString();
    }
}
