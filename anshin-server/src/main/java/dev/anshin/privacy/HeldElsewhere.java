package dev.anshin.privacy;

import java.util.List;

/**
 * Personal data another module keeps outside the vault (the devices a customer used…), so that the
 * privacy module catalogues it and discloses it without depending on that module: dependency
 * inversion, as fraud's {@code DecisionsIndexedListener}. Implementations are Spring beans; the data
 * map, the catalog API and {@link PersonalData#disclose} find them all. Erasure reaches the module
 * through {@link CustomerErased}, which it must handle in the erasure's transaction.
 */
public interface HeldElsewhere {

    /** What kinds of data the module holds: catalog entries, never a value. */
    List<Entry> catalog();

    /**
     * What the module holds about the customer, for their disclosure (APPI Art. 33), in both languages.
     * Called inside the disclosure's transaction, after the privacy officer's access was checked and
     * audited: quick and read-only.
     */
    List<Disclosed> disclose(String customerId);

    /**
     * One catalog entry. {@code retention} and {@code storage} say, in words, how long it is kept and how.
     */
    record Entry(String name, String labelJa, String labelEn, DataCategory category, Sensitivity sensitivity,
            Identifiability identifiability, DataOrigin origin, String retention, String storage) {
    }

    /** One disclosed item: the catalog entry it belongs to and what is held, in Japanese and English. */
    record Disclosed(String entry, String textJa, String textEn) {
    }
}
