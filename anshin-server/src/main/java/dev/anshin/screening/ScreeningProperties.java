package dev.anshin.screening;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The screening's settings (docs/screening.md, "Settings").
 *
 * @param bureau        which credit bureau: {@code none} (the default: no bureau, every application is
 *                      referred, none approved), {@code sandbox} (made-up figures, demo and tests only) or
 *                      the name a real adapter's bean is configured under (it implements {@link CreditBureau})
 * @param bureauTimeout the longest a bureau call is waited for; past it the application goes to review
 * @param limitStep     limits are granted in multiples of this (yen)
 * @param minimumLimit  the lowest revolving limit offered (yen)
 * @param conventional  the conventional path for limits up to 300,000 yen
 * @param sandbox       the sandbox bureau's scenarios
 * @param rescreening   the periodic re-screening of issued accounts
 */
@ConfigurationProperties("anshin.screening")
public record ScreeningProperties(
        @DefaultValue("none") String bureau,
        @DefaultValue("3s") Duration bureauTimeout,
        @DefaultValue("10000") long limitStep,
        @DefaultValue("100000") long minimumLimit,
        @DefaultValue Conventional conventional,
        @DefaultValue Sandbox sandbox,
        @DefaultValue Rescreening rescreening) {

    public ScreeningProperties {
        if (bureauTimeout.isNegative() || bureauTimeout.isZero()) {
            throw new IllegalArgumentException("anshin.screening.bureau-timeout must be positive");
        }
    }

    /**
     * @param enabled              whether the conventional path is taken at all
     * @param maxRepaymentPercent  it needs annual repayments at most this share of income
     */
    public record Conventional(@DefaultValue("true") boolean enabled, @DefaultValue("35") int maxRepaymentPercent) {
    }

    /**
     * @param slowDelay the SLOW scenario's delay
     * @param weights   per mille of references per scenario (those not assigned)
     * @param assigned  fixed scenarios by reference ({@code assigned[app-1]=DELINQUENT})
     */
    public record Sandbox(@DefaultValue("10s") Duration slowDelay, Map<SandboxCreditBureau.Scenario, Integer> weights,
            Map<String, SandboxCreditBureau.Scenario> assigned) {
    }

    /**
     * @param enabled                whether the job runs (a call to run it by hand works either way)
     * @param checkInterval          how often due accounts are looked for
     * @param every                  an account is re-screened this long after its issue or last re-screening
     * @param usageWindow            the look-back window of the card's use
     * @param latePayments           late payments in twelve months from which the cash advance is proposed at 0
     * @param highUtilizationPercent use at or above this share of the revolving limit is noted beside a proposal
     * @param batchSize              most accounts one run takes
     */
    public record Rescreening(@DefaultValue("true") boolean enabled, @DefaultValue("1h") Duration checkInterval,
            @DefaultValue("30d") Duration every, @DefaultValue("30d") Duration usageWindow,
            @DefaultValue("2") int latePayments, @DefaultValue("90") int highUtilizationPercent,
            @DefaultValue("10000") int batchSize) {

        public Rescreening {
            if (checkInterval.isNegative() || checkInterval.isZero() || every.isNegative() || every.isZero()
                    || usageWindow.isNegative() || usageWindow.isZero() || batchSize < 1) {
                throw new IllegalArgumentException("anshin.screening.rescreening: intervals and batch-size must be positive");
            }
        }
    }

    ScreeningPolicy.Settings policySettings() {
        return new ScreeningPolicy.Settings(limitStep, minimumLimit, conventional.enabled(),
                conventional.maxRepaymentPercent());
    }

    SandboxCreditBureau.Settings sandboxSettings() {
        return new SandboxCreditBureau.Settings(sandbox.slowDelay(), sandbox.weights(), sandbox.assigned());
    }
}
