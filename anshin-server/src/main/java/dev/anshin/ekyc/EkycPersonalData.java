package dev.anshin.ekyc;

import dev.anshin.privacy.DataCategory;
import dev.anshin.privacy.DataOrigin;
import dev.anshin.privacy.HeldElsewhere;
import dev.anshin.privacy.Purpose;
import dev.anshin.privacy.Sensitivity;
import java.util.List;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Online identity verifications (eKYC) as personal data: the method, the vendor's scores and the outcomes of
 * its document checks, per application; no image, document number, or name read from a document. Catalogued
 * here. This module knows a verification only by its subject reference (an application id), never the
 * customer: the onboarding module, which knows whose application it was, discloses the verifications with
 * the application ({@code ApplicationPersonalData}), so this {@link #disclose} gives nothing. Words from
 * the ekyc bundle. Erased with the applicant through {@link EkycVerifications#forgetSubjects} (the onboarding
 * module knows whose they are), and deleted by {@link EkycRetention}.
 */
@Component
class EkycPersonalData implements HeldElsewhere {

    static final String VERIFICATIONS = "IDENTITY_VERIFICATIONS";

    /**
     * Verifying the applicant's identity before a card is issued (the card contract's operation, and the
     * anti-money-laundering duty behind it), and the person's own requests.
     */
    static final Set<Purpose> PURPOSES = Set.of(Purpose.SERVICE_OPERATION, Purpose.DATA_SUBJECT_REQUEST);

    private final MessageSource messages;
    private final EkycRetention retention;

    EkycPersonalData(MessageSource messages, EkycRetention retention) {
        this.messages = messages;
        this.retention = retention;
    }

    @Override
    public List<Entry> catalog() {
        String key = "ekyc.catalog." + VERIFICATIONS;
        return List.of(Entry.worded(messages, key, VERIFICATIONS, DataCategory.ATTRIBUTES, Sensitivity.MEDIUM,
                DataOrigin.DERIVED, new Object[] {retention.period().toDays()}, PURPOSES));
    }

    /** Nothing here: the onboarding module discloses an applicant's verifications with their applications. */
    @Override
    public List<Disclosed> disclose(String customerId) {
        return List.of();
    }
}
