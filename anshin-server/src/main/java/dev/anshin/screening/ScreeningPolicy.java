package dev.anshin.screening;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The screening decision as a pure function of the applicant's declared figures, the credit bureau's
 * report (or its absence) and the limits asked for: replayable and explainable, like
 * {@code disputes/Investigator}.
 *
 * <p>First the limits the law allows are worked out ({@link #figures}): the revolving limit at most 90 %
 * of the payment capacity, computed with the larger of the declared and the bureau's annual
 * repayments (an applicant who forgets a loan gains nothing), or on the conventional path; the cash
 * advance at most what the total-volume rule leaves; both less what this issuer already gives the same
 * customer, cut down to the issuer's limit step and never above what was asked. The minimum limit is
 * compared with what the capacity allows before the request caps it; a request below the minimum is
 * refused as input ({@link #refuseBelowMinimum}). Then the rules ({@link #rules}) are checked in their order; every rule that holds
 * adds its reason, and the most severe effect decides: DECLINE over REFER over APPROVE. A rule whose
 * effect is APPROVE is a note (the limit was lowered, the conventional path was taken).
 *
 * <p>Without a bureau report the figures count its part as zero, which can only allow more than the
 * truth: so a missing report never approves (REFER, granting nothing: only a fresh screening with the
 * bureau's answer sets limits), and declines only when the applicant's own figures already rule the card
 * out, whatever the bureau would have said.
 *
 * <p>docs/screening.md shows {@link #decisionTable()}, and a test keeps the two equal.
 */
public final class ScreeningPolicy {

    /** The Installment Sales Act lets limits up to this be screened conventionally instead of by the formula. */
    public static final long CONVENTIONAL_CEILING = 300_000;
    /** The Money Lending Business Act asks for proof of income above this cash-advance limit… */
    public static final long PROOF_CASH_ADVANCE_OVER = 500_000;
    /** …or above this for the limit together with other lenders' cash balances. */
    public static final long PROOF_TOTAL_OVER = 1_000_000;

    /**
     * The issuer's choices.
     *
     * @param limitStep                     limits are granted in multiples of this (cut down, never up)
     * @param minimumLimit                  the lowest revolving limit the issuer offers: below it, decline
     * @param conventionalEnabled           whether revolving limits up to {@link #CONVENTIONAL_CEILING} may
     *                                      be granted above 90 % of the capacity (the conventional path)
     * @param conventionalMaxRepaymentPercent the conventional path needs annual repayments at most this
     *                                      share of income (and a payment capacity above zero)
     */
    public record Settings(long limitStep, long minimumLimit, boolean conventionalEnabled,
            int conventionalMaxRepaymentPercent) {

        public static final Settings DEFAULTS = new Settings(10_000, 100_000, true, 35);

        public Settings {
            if (limitStep < 1 || minimumLimit < limitStep || minimumLimit % limitStep != 0) {
                // A minimum off the step could be stepped below itself: an approval under the minimum.
                throw new IllegalArgumentException("screening settings: limit-step at least 1, minimum-limit a multiple of it");
            }
            if (conventionalMaxRepaymentPercent < 0 || conventionalMaxRepaymentPercent > 100) {
                throw new IllegalArgumentException("screening settings: conventional max-repayment-percent 0 to 100");
            }
        }

        long step(long yen) {
            return yen / limitStep * limitStep;
        }
    }

    /**
     * One rule: when it holds, its reason is added, with its effect.
     *
     * @param reason  the reason code it adds
     * @param effect  DECLINE, REFER, or APPROVE for a note that does not stop approval
     * @param when    the condition in words, for docs/screening.md
     * @param holds   the condition
     */
    public record Rule(ReasonCode reason, ScreeningOutcome effect, String when, Predicate<ScreeningFigures> holds) {
    }

    /** The outcome, the limits granted, the reasons in rule order, what a referral needs, and the figures. */
    public record Verdict(ScreeningOutcome outcome, Limits granted, List<ReasonCode> reasons, Set<Requirement> needed,
            ScreeningFigures figures) {
        public Verdict {
            reasons = List.copyOf(reasons);
            needed = needed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(needed));
        }
    }

    private final Settings settings;
    private final List<Rule> rules;

    public ScreeningPolicy(Settings settings) {
        this.settings = settings;
        this.rules = rules(settings);
    }

    public Settings settings() {
        return settings;
    }

    /** The rules in the order they are checked (and listed in a decision). */
    public List<Rule> rules() {
        return rules;
    }

    private static List<Rule> rules(Settings s) {
        return List.of(
                new Rule(ReasonCode.DELINQUENCY, ScreeningOutcome.DECLINE,
                        "the bureau reports a delinquency (異動)",
                        f -> f.bureauAnswered() && f.bureau().delinquent()),
                new Rule(ReasonCode.BELOW_MINIMUM_LIMIT, ScreeningOutcome.DECLINE,
                        "the revolving limit the capacity allows (before the request caps it) is below the issuer's "
                                + "minimum (" + yen(s.minimumLimit()) + ")",
                        f -> f.revolvingCapacity() < s.minimumLimit()),
                new Rule(ReasonCode.BUREAU_UNAVAILABLE, ScreeningOutcome.REFER,
                        "the bureau did not answer (timeout or failure)",
                        f -> !f.bureauAnswered()),
                new Rule(ReasonCode.PROOF_OF_INCOME_REQUIRED, ScreeningOutcome.REFER,
                        "no proof of income seen, a cash advance allowed, and with this issuer's existing cash-advance "
                                + "limits it is over " + yen(PROOF_CASH_ADVANCE_OVER)
                                + ", or with other lenders' cash balances too over " + yen(PROOF_TOTAL_OVER),
                        f -> !f.declared().incomeProven() && f.allowed().cashAdvance() > 0
                                && (ownCash(f) > PROOF_CASH_ADVANCE_OVER
                                        || ownCash(f) + f.otherLendersCashAdvance() > PROOF_TOTAL_OVER)),
                new Rule(ReasonCode.REVOLVING_REDUCED, ScreeningOutcome.APPROVE,
                        "the revolving limit allowed is lower than asked (90 % of the payment capacity, the limit step)",
                        f -> f.allowed().revolving() < f.requested().revolving()),
                new Rule(ReasonCode.CASH_ADVANCE_REDUCED, ScreeningOutcome.APPROVE,
                        "the cash advance allowed is lower than asked (one third of income less other lenders' "
                                + "cash balances, the limit step)",
                        f -> f.allowed().cashAdvance() < f.requested().cashAdvance()),
                new Rule(ReasonCode.CONVENTIONAL_SCREENING, ScreeningOutcome.APPROVE,
                        "the revolving limit (at most " + yen(CONVENTIONAL_CEILING) + ") rests on the conventional path",
                        ScreeningFigures::conventional),
                new Rule(ReasonCode.BUREAU_REPAYMENTS_HIGHER, ScreeningOutcome.APPROVE,
                        "the bureau's annual repayments are higher than declared (the bureau's figure is used)",
                        f -> f.bureauAnswered() && f.bureau().annualRepaymentsDue() > f.declared().annualCreditRepayments()));
    }

    /** This issuer's whole cash advance to the person: the new limit allowed and the existing ones. */
    private static long ownCash(ScreeningFigures f) {
        return f.allowed().cashAdvance() + f.existing().cashAdvance();
    }

    /**
     * Refuses a revolving limit asked below the issuer's minimum, as input: the issuer offers no such card,
     * and granting more than was asked is not Anshin's to decide (the applicant may ask for the minimum).
     *
     * @throws ScreeningInputRefused {@code requested.revolving}, {@code too-small}
     */
    public void refuseBelowMinimum(Limits requested) {
        ScreeningInputRefused.required("requested", requested);
        if (requested.revolving() < settings.minimumLimit()) {
            throw new ScreeningInputRefused("requested.revolving", "too-small",
                    "the lowest revolving limit offered is " + settings.minimumLimit() + " yen");
        }
    }

    /** The limits the law and the issuer allow for a new customer (no limits with this issuer yet). */
    public ScreeningFigures figures(ApplicantFigures declared, BureauFigures bureau, Limits requested) {
        return figures(declared, bureau, Limits.NONE, requested);
    }

    /**
     * The limits the law and the issuer allow for these figures (no outcome yet).
     *
     * @param existing the limits this issuer already gives the same customer (their share of both ceilings)
     */
    public ScreeningFigures figures(ApplicantFigures declared, BureauFigures bureau, Limits existing, Limits requested) {
        ScreeningInputRefused.required("declared", declared);
        ScreeningInputRefused.required("existing", existing);
        ScreeningInputRefused.required("requested", requested);
        if (requested.revolving() < 1) {
            throw new ScreeningInputRefused("requested.revolving", "too-small", "a card has a revolving limit: ask for one");
        }
        long repayments = Math.max(declared.annualCreditRepayments(), bureau == null ? 0 : bureau.annualRepaymentsDue());
        PaymentCapacity capacity = PaymentCapacity.of(declared.annualIncome(), declared.householdSize(),
                declared.housing(), repayments);
        // What the capacity allows before the request caps it: the minimum is compared with this.
        long revolvingCapacity = settings.step(Math.max(0, capacity.maxRevolvingLimit() - existing.revolving()));
        boolean conventional = false;
        if (conventionalApplies(existing, requested, capacity) && settings.step(requested.revolving()) > revolvingCapacity) {
            revolvingCapacity = settings.step(requested.revolving());
            conventional = true;
        }
        long revolving = Math.min(revolvingCapacity, settings.step(requested.revolving()));
        long others = bureau == null ? 0 : bureau.otherLendersCashAdvance();
        long room = Math.max(0, capacity.cashAdvanceCeiling() - others - existing.cashAdvance());
        long cashAdvance = settings.step(Math.min(requested.cashAdvance(), room));
        return new ScreeningFigures(declared, bureau, capacity, existing, room, revolvingCapacity, conventional,
                requested, new Limits(revolving, cashAdvance));
    }

    private boolean conventionalApplies(Limits existing, Limits requested, PaymentCapacity capacity) {
        return settings.conventionalEnabled() && requested.revolving() + existing.revolving() <= CONVENTIONAL_CEILING
                && capacity.paymentCapacity() > 0
                && capacity.annualCreditRepayments() * 100
                        <= capacity.annualIncome() * settings.conventionalMaxRepaymentPercent();
    }

    /**
     * The decision for a new customer.
     *
     * @param bureau the bureau's report, or null when it did not answer
     */
    public Verdict decide(ApplicantFigures declared, BureauReport bureau, Limits requested) {
        return decide(declared, bureau, Limits.NONE, requested);
    }

    /**
     * The decision.
     *
     * @param bureau   the bureau's report, or null when it did not answer
     * @param existing the limits this issuer already gives the same customer
     */
    public Verdict decide(ApplicantFigures declared, BureauReport bureau, Limits existing, Limits requested) {
        refuseBelowMinimum(requested);
        return decide(figures(declared, bureau == null ? null : bureau.figures(), existing, requested));
    }

    /** The decision on figures already worked out by {@link #figures}. */
    public Verdict decide(ScreeningFigures figures) {
        List<ReasonCode> reasons = new ArrayList<>();
        Set<Requirement> needed = EnumSet.noneOf(Requirement.class);
        ScreeningOutcome outcome = ScreeningOutcome.APPROVE;
        for (Rule rule : rules) {
            if (rule.holds().test(figures)) {
                reasons.add(rule.reason());
                if (rule.reason().needs() != null) {
                    needed.add(rule.reason().needs());
                }
                if (rule.effect().compareTo(outcome) > 0) {
                    outcome = rule.effect();
                }
            }
        }
        if (outcome == ScreeningOutcome.DECLINE) {
            needed.clear(); // nothing to bring: a referral's needs mean nothing once declined
        }
        // A referral with the bureau's answer carries what the rules allow: staff who clear it grant at most
        // that. Without the answer the figures miss the bureau's part, so nothing is granted: only a fresh
        // screening, with the bureau answering, sets limits.
        Limits granted = outcome == ScreeningOutcome.DECLINE || !figures.bureauAnswered() ? Limits.NONE
                : figures.allowed();
        return new Verdict(outcome, granted, reasons, needed, figures);
    }

    /** The rules as the table in docs/screening.md (with the default settings there). */
    public String decisionTable() {
        StringBuilder out = new StringBuilder("| # | reason | effect | when |\n|---|---|---|---|\n");
        int n = 1;
        for (Rule rule : rules) {
            out.append("| ").append(n++).append(" | `").append(rule.reason()).append("` | ")
                    .append(rule.effect() == ScreeningOutcome.APPROVE ? "note" : rule.effect().name())
                    .append(rule.reason().needs() == null ? "" : " (needs " + rule.reason().needs() + ")")
                    .append(" | ").append(rule.when()).append(" |\n");
        }
        return out.toString();
    }

    private static String yen(long amount) {
        return String.format(Locale.ROOT, "%,d yen", amount);
    }
}
