package dev.anshin.onboarding;

import dev.anshin.ekyc.EkycResult;
import dev.anshin.ekyc.EkycVerification;
import dev.anshin.ekyc.EkycVerifications;
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
 * What an application holds about the applicant outside the vault, once it is linked to the person
 * (the customer registered by the first saved step): the declared annual credit repayments and the
 * limits asked for (screening figures that are not vault fields), and the keyed pseudonyms that find
 * duplicate applications. Catalogued and disclosed through the privacy module's port; erased with the
 * customer ({@link Applications#onCustomerErased}).
 */
@Component
class ApplicationPersonalData implements HeldElsewhere {

    static final String FIGURES = "APPLICATION_FIGURES";
    static final String PSEUDONYMS = "APPLICATION_DUPLICATE_PSEUDONYMS";
    /** The application's course: channel, status, decision and reasons, limits granted, its moves, links and notices. */
    static final String RECORD = "APPLICATIONS";
    /** The eKYC module's entry: it does not know whose application a verification was, so it is disclosed here. */
    static final String VERIFICATIONS = "IDENTITY_VERIFICATIONS";

    /**
     * What the declared figures (money) are used for: the credit decision on the application (the screening and
     * the review queue) and answering the person's own requests. Never marketing, research or statistics.
     */
    static final Set<Purpose> FIGURE_PURPOSES = Set.of(Purpose.CREDIT_MANAGEMENT, Purpose.DATA_SUBJECT_REQUEST);
    /**
     * What the duplicate pseudonyms are used for: the credit decision on the application (another application
     * by the same person refers it), card security, and the person's own requests (erased with them).
     */
    static final Set<Purpose> PSEUDONYM_PURPOSES = Set.of(Purpose.CREDIT_MANAGEMENT, Purpose.SERVICE_OPERATION,
            Purpose.DATA_SUBJECT_REQUEST);

    /**
     * What the application's course is used for: deciding it (credit), issuing the card (operating the service),
     * and the person's own requests.
     */
    static final Set<Purpose> RECORD_PURPOSES = Set.of(Purpose.SERVICE_OPERATION, Purpose.DATA_SUBJECT_REQUEST);

    private final ApplicationStore store;
    private final MessageSource messages;
    private final EkycVerifications verifications;
    private final ApplicationRetention retention;

    ApplicationPersonalData(ApplicationStore store, MessageSource messages, EkycVerifications verifications,
            ApplicationRetention retention) {
        this.store = store;
        this.messages = messages;
        this.verifications = verifications;
        this.retention = retention;
    }

    @Override
    public List<Entry> catalog() {
        return List.of(entry(FIGURES, DataCategory.MONEY, Sensitivity.HIGH, DataOrigin.PERSON, FIGURE_PURPOSES),
                entry(PSEUDONYMS, DataCategory.ATTRIBUTES, Sensitivity.LOW, DataOrigin.DERIVED, PSEUDONYM_PURPOSES),
                entry(RECORD, DataCategory.MANAGEMENT, Sensitivity.MEDIUM, DataOrigin.DERIVED, RECORD_PURPOSES));
    }

    private Entry entry(String name, DataCategory category, Sensitivity sensitivity, DataOrigin origin,
            Set<Purpose> purposes) {
        String key = "onboarding.catalog." + name;
        return Entry.worded(messages, key, name, category, sensitivity, origin,
                name.equals(RECORD) ? new Object[] {retention.period().toDays()} : null, purposes);
    }

    private String text(Application application, Locale locale) {
        Application.Declared declared = application.declared();
        Object[] args = {application.id(), Display.time(application.times().createdAt()),
                messages.getMessage(application.status().messageKey(), null, locale),
                declared.annualCreditRepayments() == null ? "-" : declared.annualCreditRepayments(),
                declared.requested() == null ? "-" : declared.requested().revolving(),
                declared.requested() == null ? "-" : declared.requested().cashAdvance()};
        return messages.getMessage("onboarding.disclosure.application", args, locale);
    }

    @Override
    public List<Disclosed> disclose(String customerId) {
        List<Disclosed> disclosed = new ArrayList<>();
        for (Application application : store.ofCustomer(customerId)) {
            disclosed.add(new Disclosed(FIGURES, text(application, Locale.JAPANESE), text(application, Locale.ENGLISH)));
            disclosed.add(record(application));
            for (EkycVerification verification : verifications.ofSubject(application.id())) {
                disclosed.add(verification(application, verification));
            }
        }
        return disclosed;
    }

    private Disclosed record(Application application) {
        Application.Decision decision = application.decision();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("application", application.id());
        values.put("channel", application.channel().name());
        values.put("status", application.status().name());
        values.put("createdAt", iso(application.times().createdAt()));
        values.put("submittedAt", iso(application.times().submittedAt()));
        values.put("outcome", decision == null ? "" : decision.outcome().name());
        values.put("reasons", decision == null ? ""
                : decision.reasons().stream().map(Enum::name).collect(Collectors.joining(",")));
        values.put("decidedAt", decision == null ? "" : iso(decision.decidedAt()));
        values.put("grantedRevolving", decision == null || decision.granted() == null ? ""
                : Long.toString(decision.granted().revolving()));
        values.put("grantedCashAdvance", decision == null || decision.granted() == null ? ""
                : Long.toString(decision.granted().cashAdvance()));
        values.put("issuedAt", application.issue() == null ? "" : iso(application.issue().issuedAt()));
        return new Disclosed(RECORD, recordText(application, Locale.JAPANESE), recordText(application, Locale.ENGLISH),
                values);
    }

    private String recordText(Application application, Locale locale) {
        Application.Decision decision = application.decision();
        return messages.getMessage("onboarding.disclosure.record", new Object[] {application.id(),
                application.channel().name(), messages.getMessage(application.status().messageKey(), null, locale),
                Display.time(application.times().submittedAt()),
                decision == null ? "-" : messages.getMessage(decision.outcome().messageKey(), null, locale),
                decision == null ? "-" : Display.time(decision.decidedAt()),
                decision == null || decision.granted() == null ? "-" : decision.granted().revolving(),
                decision == null || decision.granted() == null ? "-" : decision.granted().cashAdvance(),
                application.issue() == null ? "-" : Display.time(application.issue().issuedAt())}, locale);
    }

    private Disclosed verification(Application application, EkycVerification v) {
        EkycResult result = v.result();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("application", application.id());
        values.put("verification", v.id());
        values.put("provider", v.provider());
        values.put("status", v.status().name());
        values.put("outcome", v.outcome() == null ? "" : v.outcome().name());
        values.put("reasons", v.reasons() == null ? "" : v.reasons().stream().map(Enum::name).collect(Collectors.joining(",")));
        values.put("method", result == null ? "" : result.method().name());
        values.put("faceMatchScore", result == null || result.faceMatchScore() == null ? "" : result.faceMatchScore().toString());
        values.put("livenessScore", result == null || result.livenessScore() == null ? "" : result.livenessScore().toString());
        values.put("documentType", result == null || result.document() == null ? ""
                : result.document().documentType().name());
        values.put("documentExpired", result == null || result.document() == null ? ""
                : Boolean.toString(result.document().documentExpired()));
        values.put("startedAt", iso(v.startedAt()));
        values.put("concludedAt", iso(v.concludedAt()));
        Object[] args = {application.id(), Display.time(v.startedAt()), v.provider(), values.get("method"),
                values.get("outcome").isEmpty() ? v.status().name() : values.get("outcome"),
                values.get("documentType").isEmpty() ? "-" : values.get("documentType"),
                values.get("faceMatchScore").isEmpty() ? "-" : values.get("faceMatchScore"),
                values.get("livenessScore").isEmpty() ? "-" : values.get("livenessScore")};
        return new Disclosed(VERIFICATIONS, messages.getMessage("onboarding.disclosure.verification", args, Locale.JAPANESE),
                messages.getMessage("onboarding.disclosure.verification", args, Locale.ENGLISH), values);
    }

    private static String iso(java.time.Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
