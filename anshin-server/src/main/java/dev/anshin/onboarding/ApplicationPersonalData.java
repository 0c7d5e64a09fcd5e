package dev.anshin.onboarding;

import dev.anshin.privacy.DataCategory;
import dev.anshin.privacy.DataOrigin;
import dev.anshin.privacy.HeldElsewhere;
import dev.anshin.privacy.Identifiability;
import dev.anshin.privacy.Purpose;
import dev.anshin.privacy.Sensitivity;
import dev.anshin.site.Display;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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

    private final ApplicationStore store;
    private final MessageSource messages;

    ApplicationPersonalData(ApplicationStore store, MessageSource messages) {
        this.store = store;
        this.messages = messages;
    }

    @Override
    public List<Entry> catalog() {
        return List.of(entry(FIGURES, DataCategory.MONEY, Sensitivity.HIGH, DataOrigin.PERSON, FIGURE_PURPOSES),
                entry(PSEUDONYMS, DataCategory.ATTRIBUTES, Sensitivity.LOW, DataOrigin.DERIVED, PSEUDONYM_PURPOSES));
    }

    private Entry entry(String name, DataCategory category, Sensitivity sensitivity, DataOrigin origin,
            Set<Purpose> purposes) {
        String key = "onboarding.catalog." + name;
        return new Entry(name, messages.getMessage(key, null, Locale.JAPANESE),
                messages.getMessage(key, null, Locale.ENGLISH), category, sensitivity,
                Identifiability.BY_EASY_LINKAGE, origin,
                messages.getMessage(key + ".retention", null, Locale.ENGLISH),
                messages.getMessage(key + ".storage", null, Locale.ENGLISH), purposes);
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
        }
        return disclosed;
    }
}
