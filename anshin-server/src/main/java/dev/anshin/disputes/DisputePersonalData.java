package dev.anshin.disputes;

import dev.anshin.privacy.DataCategory;
import dev.anshin.privacy.DataOrigin;
import dev.anshin.privacy.HeldElsewhere;
import dev.anshin.privacy.Purpose;
import dev.anshin.privacy.Sensitivity;
import dev.anshin.site.Display;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Disputes as personal data: the cardholder's reports (answers, certification), the cases on their
 * transactions (status, what the investigation found, what was done), and each case's history.
 * Catalogued and disclosed through the privacy module's port. The disclosure gives what is meant for the
 * person, as the portal shows it: findings about their own transactions and answers
 * ({@link Finding#forCardholder}), never other cardholders' reports, flagged points or the risk engine's
 * internals; in the history, their own notes and the questions put to them, never an analyst's internal
 * note. On erasure the cardholder's own notes are cleared and the cases stay as the issuer's record of the
 * chargeback, with ids only ({@link DisputeStore#onCustomerErased}). Words from the disputes bundle.
 */
@Component
class DisputePersonalData implements HeldElsewhere {

    static final String DISPUTES = "DISPUTES";

    /**
     * Investigating the person's report (the issuer's duty against fraudulent use: the named fields the purpose
     * "investigating fraud" allows are vault fields, so a dispute's own record serves card security, the
     * published purpose "operating the card and its services"), and the person's own requests.
     */
    static final Set<Purpose> PURPOSES = Set.of(Purpose.SERVICE_OPERATION, Purpose.DATA_SUBJECT_REQUEST);

    /** Every case of the customer: a disclosure is complete, however many there are. */
    private static final int ALL = Integer.MAX_VALUE;

    private final DisputeStore store;
    private final DisputeTexts texts;
    private final MessageSource messages;
    private final DisputeRecordsRetention retention;

    DisputePersonalData(DisputeStore store, DisputeTexts texts, MessageSource messages,
            DisputeRecordsRetention retention) {
        this.store = store;
        this.texts = texts;
        this.messages = messages;
        this.retention = retention;
    }

    @Override
    public List<Entry> catalog() {
        String key = "dispute.catalog." + DISPUTES;
        return List.of(Entry.worded(messages, key, DISPUTES, DataCategory.PRODUCT_USAGE, Sensitivity.HIGH,
                DataOrigin.PERSON, new Object[] {retention.period().toDays()}, PURPOSES));
    }

    @Override
    public List<Disclosed> disclose(String customerId) {
        List<Dispute> cases = store.ofCustomer(customerId, ALL);
        List<Disclosed> disclosed = new ArrayList<>();
        Set<String> reportIds = cases.stream().map(Dispute::reportId).collect(Collectors.toCollection(LinkedHashSet::new));
        for (String reportId : reportIds) {
            store.report(reportId).filter(report -> report.customerId().equals(customerId))
                    .ifPresent(report -> disclosed.add(report(report)));
        }
        for (Dispute dispute : cases) {
            disclosed.add(dispute(dispute));
            for (DisputeEvent event : store.events(dispute.id())) {
                disclosed.add(event(dispute, event));
            }
        }
        return disclosed;
    }

    private Disclosed report(Report report) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("report", nonNull(report.reference()));
        values.put("channel", report.channel().name());
        values.put("cardInHand", report.cardInHand().name());
        values.put("familyCouldExplain", report.familyCouldExplain().name());
        values.put("subscriptionCouldExplain", report.subscriptionCouldExplain().name());
        values.put("recognizesMerchant", report.recognizesMerchant().name());
        values.put("certifiedAt", report.certifiedAt().toString());
        values.put("submittedAt", report.submittedAt().toString());
        return new Disclosed(DISPUTES, reportText(report, Locale.JAPANESE), reportText(report, Locale.ENGLISH), values);
    }

    private String reportText(Report report, Locale locale) {
        return messages.getMessage("dispute.disclosure.report", new Object[] {nonNull(report.reference()),
                Display.time(report.submittedAt()), texts.answer(report.cardInHand(), locale),
                texts.answer(report.familyCouldExplain(), locale), texts.answer(report.subscriptionCouldExplain(), locale),
                texts.answer(report.recognizesMerchant(), locale), Display.time(report.certifiedAt())}, locale);
    }

    private Disclosed dispute(Dispute d) {
        List<Finding> forThem = d.findings().stream().filter(Finding::forCardholder).toList();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("dispute", d.id());
        values.put("report", nonNull(d.reference()));
        values.put("authorizationId", d.authorizationId());
        values.put("occurredAt", d.occurredAt().toString());
        values.put("amountMinor", Long.toString(d.amountMinor()));
        values.put("currency", d.currency());
        values.put("status", d.status().name());
        values.put("assessment", d.assessment() == null ? "" : d.assessment().name());
        values.put("findings", forThem.stream().map(f -> texts.finding(f, Locale.ENGLISH)).collect(Collectors.joining(" | ")));
        values.put("cardBlockedAt", iso(d.cardBlockedAt()));
        values.put("provisionalCreditMinor", d.provisionalCreditMinor() == null ? "" : d.provisionalCreditMinor().toString());
        values.put("creditedAt", iso(d.creditedAt()));
        values.put("chargebackFiledAt", iso(d.chargebackFiledAt()));
        values.put("createdAt", d.createdAt().toString());
        values.put("decidedAt", iso(d.decidedAt()));
        return new Disclosed(DISPUTES, disputeText(d, forThem, Locale.JAPANESE), disputeText(d, forThem, Locale.ENGLISH),
                values);
    }

    private String disputeText(Dispute d, List<Finding> forThem, Locale locale) {
        String findings = forThem.isEmpty() ? "-"
                : forThem.stream().map(f -> texts.finding(f, locale)).collect(Collectors.joining(" / "));
        return messages.getMessage("dispute.disclosure.case", new Object[] {nonNull(d.reference()),
                Display.time(d.occurredAt()), Display.money(d.amountMinor(), d.currency(), locale),
                texts.status(d.status(), locale), texts.assessment(d.assessment(), locale), findings}, locale);
    }

    /** One move: when, what, to which status; the note only when it is the person's own or a question to them. */
    private Disclosed event(Dispute d, DisputeEvent event) {
        boolean meantForThem = event.party() == Party.CARDHOLDER
                || DisputeAction.ASK_CARDHOLDER.name().equals(event.action());
        String note = meantForThem && event.note() != null ? event.note() : "";
        Map<String, String> values = new LinkedHashMap<>();
        values.put("dispute", d.id());
        values.put("at", event.at().toString());
        values.put("action", event.action());
        values.put("status", event.to().name());
        values.put("byYou", Boolean.toString(event.party() == Party.CARDHOLDER));
        values.put("note", note);
        return new Disclosed(DISPUTES, eventText(d, event, note, Locale.JAPANESE), eventText(d, event, note, Locale.ENGLISH),
                values);
    }

    private String eventText(Dispute d, DisputeEvent event, String note, Locale locale) {
        return messages.getMessage("dispute.disclosure.event", new Object[] {nonNull(d.reference()),
                Display.time(event.at()), texts.action(event.action(), locale), texts.status(event.to(), locale),
                note.isEmpty() ? "-" : note}, locale);
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private static String iso(java.time.Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
