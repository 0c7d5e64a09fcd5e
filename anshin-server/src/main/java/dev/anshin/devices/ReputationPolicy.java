package dev.anshin.devices;

import java.util.ArrayList;
import java.util.List;

/**
 * When each reason applies: a pure function of the counts, so each rule is tested alone. The bounds
 * are first guesses written down where they can be read and changed; onboarding decides what a reason
 * does to an application (refer, decline), scoring will weigh the counts themselves.
 */
final class ReputationPolicy {

    /** Applications within 30 days from one device before it is "many": a household may share a tablet. */
    static final long MANY_APPLICATIONS = 3;
    /** Customers on one device before it is "shared": a couple may share a phone. */
    static final int SHARED_BY_CUSTOMERS = 3;
    static final int MANY_CARDS = 5;
    /** Collector visits within an hour: a person filling one form makes a few, a script hundreds. */
    static final long HIGH_VELOCITY = 20;

    private ReputationPolicy() {
    }

    static List<DeviceReason> reasons(long observationsLastHour, long applications30d, int customers, int cards,
            long confirmedFrauds, long fraudsOnLinkedCards, boolean automated, boolean timezoneOutsideJapan,
            boolean languageNotJapanese) {
        return reasons(observationsLastHour, applications30d, customers, cards, confirmedFrauds, fraudsOnLinkedCards,
                automated, timezoneOutsideJapan, languageNotJapanese, 0);
    }

    /**
     * @param reusedObservations how often a reference of the device's observations was presented for another
     *                           application than the one that claimed it: once is already a replay
     */
    static List<DeviceReason> reasons(long observationsLastHour, long applications30d, int customers, int cards,
            long confirmedFrauds, long fraudsOnLinkedCards, boolean automated, boolean timezoneOutsideJapan,
            boolean languageNotJapanese, long reusedObservations) {
        List<DeviceReason> reasons = new ArrayList<>();
        if (confirmedFrauds > 0) {
            reasons.add(DeviceReason.CONFIRMED_FRAUD);
        }
        if (automated) {
            reasons.add(DeviceReason.AUTOMATION);
        }
        if (reusedObservations > 0) {
            reasons.add(DeviceReason.REUSED_OBSERVATION);
        }
        if (applications30d >= MANY_APPLICATIONS) {
            reasons.add(DeviceReason.MANY_APPLICATIONS);
        }
        if (customers >= SHARED_BY_CUSTOMERS) {
            reasons.add(DeviceReason.SHARED_BY_CUSTOMERS);
        }
        if (cards >= MANY_CARDS) {
            reasons.add(DeviceReason.MANY_CARDS);
        }
        if (fraudsOnLinkedCards > 0) {
            reasons.add(DeviceReason.FRAUD_ON_LINKED_CARDS);
        }
        if (observationsLastHour >= HIGH_VELOCITY) {
            reasons.add(DeviceReason.HIGH_VELOCITY);
        }
        if (timezoneOutsideJapan) {
            reasons.add(DeviceReason.TIMEZONE_OUTSIDE_JAPAN);
        }
        if (languageNotJapanese) {
            reasons.add(DeviceReason.LANGUAGE_NOT_JAPANESE);
        }
        return reasons;
    }
}
