package dev.anshin.privacy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.MessageSource;

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
     * Entries whose items can be too many to hold in memory (a purchase history): {@link #disclose} gives
     * only their newest items (what the readable page shows, and the sealed disclosure of a request keeps)
     * with an item that says how many are held; the JSON and CSV downloads take every item from
     * {@link #stream} instead, written as they are read.
     */
    default List<LongEntry> longEntries() {
        return List.of();
    }

    /**
     * Every item of the long entry {@code entry} held about the customer that was held at {@code heldAt}
     * (the disclosure's time: a download of a sealed disclosure gives what it covered, less what retention
     * or erasure removed since), newest first, each handed to {@code each} as it is read and never gathered,
     * so memory stays the same however many are held. Returns how many were given. Called after the access
     * was checked and audited, outside any transaction: read-only.
     */
    default long stream(String customerId, String entry, java.time.Instant heldAt,
            java.util.function.Consumer<Disclosed> each) {
        throw new UnsupportedOperationException(entry + " is not a long entry");
    }

    /**
     * A long entry ({@link #longEntries}): its catalog name and the named values each of its items carries,
     * in order (the CSV download sizes its header by them before the first item is read).
     */
    record LongEntry(String name, List<String> keys) {

        public LongEntry {
            keys = List.copyOf(keys);
        }
    }

    /**
     * One catalog entry. {@code retention} and {@code storage} say, in words, how long it is kept and how;
     * {@code purposes} are the purposes the module uses it for, declared by the module: the data map and
     * the catalog show these, not every purpose the category could serve (device data serves card security
     * and the person's own requests, never marketing or provision to third parties).
     */
    record Entry(String name, String labelJa, String labelEn, DataCategory category, Sensitivity sensitivity,
            Identifiability identifiability, DataOrigin origin, String retention, String storage,
            Set<Purpose> purposes) {

        public Entry {
            purposes = purposes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(purposes));
            for (Purpose purpose : purposes) {
                if (!purpose.categories().contains(category)) {
                    // The published purposes say which categories each may use: a module cannot widen them.
                    throw new IllegalArgumentException(purpose + " does not use " + category + " data");
                }
            }
        }

        /**
         * An entry worded from the module's message bundle: its labels under {@code key} (Japanese and
         * English), its retention under {@code key.retention} (English, with {@code retentionArgs}: the period
         * the module's retention rule deletes by, so the catalog says what the code does; null when worded
         * without one) and its storage under {@code key.storage}. Linked to the customer by easy linkage, as
         * everything a module holds about a customer is.
         */
        public static Entry worded(MessageSource messages, String key, String name, DataCategory category,
                Sensitivity sensitivity, DataOrigin origin, Object[] retentionArgs, Set<Purpose> purposes) {
            return new Entry(name, messages.getMessage(key, null, Locale.JAPANESE),
                    messages.getMessage(key, null, Locale.ENGLISH), category, sensitivity,
                    Identifiability.BY_EASY_LINKAGE, origin,
                    messages.getMessage(key + ".retention", retentionArgs, Locale.ENGLISH),
                    messages.getMessage(key + ".storage", null, Locale.ENGLISH), purposes);
        }

        /**
         * An entry whose purposes are every purpose its category allows: what the catalog showed before
         * entries declared their own. Prefer declaring them (an entry's category alone overstates its uses).
         */
        @Deprecated
        public Entry(String name, String labelJa, String labelEn, DataCategory category, Sensitivity sensitivity,
                Identifiability identifiability, DataOrigin origin, String retention, String storage) {
            this(name, labelJa, labelEn, category, sensitivity, identifiability, origin, retention, storage,
                    Arrays.stream(Purpose.values()).filter(p -> p.allows(category))
                            .collect(java.util.stream.Collectors.toCollection(() -> EnumSet.noneOf(Purpose.class))));
        }
    }

    /**
     * One disclosed item: the catalog entry it belongs to, what is held in words (Japanese and English),
     * and the same as named values for the machine-readable download (JSON, CSV): stable English keys in
     * the order the module gives them, each value as shown to the person (a time in ISO-8601, an amount in
     * minor units with its currency), never a key, ciphertext or another person's data.
     */
    record Disclosed(String entry, String textJa, String textEn, java.util.Map<String, String> values) {

        public Disclosed {
            values = values == null || values.isEmpty() ? java.util.Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }

        /** An item in words only (the download carries its text). */
        public Disclosed(String entry, String textJa, String textEn) {
            this(entry, textJa, textEn, java.util.Map.of());
        }
    }
}
