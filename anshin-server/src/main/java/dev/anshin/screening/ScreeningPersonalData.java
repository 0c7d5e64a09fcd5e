package dev.anshin.screening;

import dev.anshin.privacy.DataCategory;
import dev.anshin.privacy.DataOrigin;
import dev.anshin.privacy.HeldElsewhere;
import dev.anshin.privacy.Purpose;
import dev.anshin.privacy.Sensitivity;
import dev.anshin.site.Display;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Credit screening as personal data: the decisions on applications with every figure they rest on (the
 * declared income and household, the credit bureau's three figures, the payment capacity and limits), the
 * issued accounts re-screened periodically, and the limit reductions proposed for them. Catalogued and
 * disclosed through the privacy module's port: the customer's accounts, the decision each was granted on,
 * and the proposals about their cards. Accounts and proposals are deleted on erasure
 * ({@link Screenings#onCustomerErased}); a decision keeps its record without a figure
 * ({@link Screenings#forgetDecisions}), and leaves with {@link ScreeningRetention}.
 * Words from the screening bundle.
 */
@Component
class ScreeningPersonalData implements HeldElsewhere {

    static final String SCREENING = "CREDIT_SCREENING";

    /** The payment-capacity investigation at issuance and while the card is used; and the person's own requests. */
    static final Set<Purpose> PURPOSES = Set.of(Purpose.CREDIT_MANAGEMENT, Purpose.DATA_SUBJECT_REQUEST);

    private final ScreeningStore store;
    private final MessageSource messages;
    private final ScreeningRetention retention;

    ScreeningPersonalData(ScreeningStore store, MessageSource messages, ScreeningRetention retention) {
        this.store = store;
        this.messages = messages;
        this.retention = retention;
    }

    @Override
    public List<Entry> catalog() {
        String key = "screening.catalog." + SCREENING;
        return List.of(Entry.worded(messages, key, SCREENING, DataCategory.MONEY, Sensitivity.HIGH,
                DataOrigin.DERIVED, new Object[] {retention.period().toDays()}, PURPOSES));
    }

    @Override
    public List<Disclosed> disclose(String customerId) {
        List<Disclosed> disclosed = new ArrayList<>();
        for (IssuedAccount account : store.accountsOf(customerId)) {
            store.decision(account.applicationId()).ifPresent(decision -> disclosed.add(decision(decision)));
            disclosed.add(account(account));
        }
        for (LimitProposal proposal : store.proposalsOf(customerId)) {
            disclosed.add(proposal(proposal));
        }
        return disclosed;
    }

    private Disclosed decision(ScreeningDecision d) {
        ScreeningFigures f = d.figures();
        BureauFigures bureau = f.bureau();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("application", d.applicationId());
        values.put("decidedAt", d.decidedAt().toString());
        values.put("outcome", d.outcome().name());
        values.put("reasons", d.reasons().stream().map(Enum::name).collect(Collectors.joining(",")));
        values.put("grantedRevolving", d.granted() == null ? "" : Long.toString(d.granted().revolving()));
        values.put("grantedCashAdvance", d.granted() == null ? "" : Long.toString(d.granted().cashAdvance()));
        values.put("annualIncome", Long.toString(f.capacity().annualIncome()));
        values.put("householdSize", Integer.toString(f.capacity().householdSize()));
        values.put("annualCreditRepaymentsUsed", Long.toString(f.capacity().annualCreditRepayments()));
        values.put("bureauAnnualRepaymentsDue", bureau == null ? "" : Long.toString(bureau.annualRepaymentsDue()));
        values.put("bureauOtherLendersCashAdvance", bureau == null ? "" : Long.toString(bureau.otherLendersCashAdvance()));
        values.put("bureauDelinquent", bureau == null ? "" : Boolean.toString(bureau.delinquent()));
        values.put("paymentCapacity", Long.toString(f.capacity().paymentCapacity()));
        return new Disclosed(SCREENING, decisionText(d, Locale.JAPANESE), decisionText(d, Locale.ENGLISH), values);
    }

    private String decisionText(ScreeningDecision d, Locale locale) {
        ScreeningFigures f = d.figures();
        BureauFigures bureau = f.bureau();
        String none = "-";
        return messages.getMessage("screening.disclosure.decision", new Object[] {d.applicationId(),
                Display.time(d.decidedAt()), messages.getMessage("screening.outcome." + d.outcome().name(), null, locale),
                d.granted() == null ? none : d.granted().revolving(), d.granted() == null ? none : d.granted().cashAdvance(),
                f.capacity().annualIncome(), f.capacity().annualCreditRepayments(),
                bureau == null ? none : bureau.annualRepaymentsDue(), bureau == null ? none : bureau.otherLendersCashAdvance(),
                bureau == null ? none : messages.getMessage("screening.disclosure.delinquent." + bureau.delinquent(), null,
                        locale),
                f.capacity().paymentCapacity()}, locale);
    }

    private Disclosed account(IssuedAccount a) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("application", a.applicationId());
        values.put("revolvingLimit", Long.toString(a.limits().revolving()));
        values.put("cashAdvanceLimit", Long.toString(a.limits().cashAdvance()));
        values.put("issuedAt", a.issuedAt().toString());
        values.put("nextReviewAt", a.nextReviewAt().toString());
        Object[] args = {a.applicationId(), a.limits().revolving(), a.limits().cashAdvance(), Display.time(a.issuedAt()),
                Display.time(a.nextReviewAt())};
        return new Disclosed(SCREENING, messages.getMessage("screening.disclosure.account", args, Locale.JAPANESE),
                messages.getMessage("screening.disclosure.account", args, Locale.ENGLISH), values);
    }

    private Disclosed proposal(LimitProposal p) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("proposal", p.id());
        values.put("proposedAt", p.proposedAt().toString());
        values.put("status", p.status().name());
        values.put("currentRevolving", Long.toString(p.current().revolving()));
        values.put("currentCashAdvance", Long.toString(p.current().cashAdvance()));
        values.put("proposedRevolving", Long.toString(p.proposed().revolving()));
        values.put("proposedCashAdvance", Long.toString(p.proposed().cashAdvance()));
        values.put("reasons", p.reasons().stream().map(Enum::name).collect(Collectors.joining(",")));
        values.put("bureauAnnualRepaymentsDue", Long.toString(p.bureau().annualRepaymentsDue()));
        values.put("bureauOtherLendersCashAdvance", Long.toString(p.bureau().otherLendersCashAdvance()));
        values.put("bureauDelinquent", Boolean.toString(p.bureau().delinquent()));
        values.put("paymentCapacity", Long.toString(p.paymentCapacity()));
        return new Disclosed(SCREENING, proposalText(p, Locale.JAPANESE), proposalText(p, Locale.ENGLISH), values);
    }

    private String proposalText(LimitProposal p, Locale locale) {
        return messages.getMessage("screening.disclosure.proposal", new Object[] {Display.time(p.proposedAt()),
                messages.getMessage(p.status().messageKey(), null, locale), p.current().revolving(),
                p.current().cashAdvance(), p.proposed().revolving(), p.proposed().cashAdvance(),
                p.bureau().annualRepaymentsDue(), p.bureau().otherLendersCashAdvance(),
                messages.getMessage("screening.disclosure.delinquent." + p.bureau().delinquent(), null, locale),
                p.paymentCapacity()}, locale);
    }
}
