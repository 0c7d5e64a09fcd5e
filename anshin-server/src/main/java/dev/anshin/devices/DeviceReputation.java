package dev.anshin.devices;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What Anshin knows about a device at one instant, for onboarding's decision and, later, scoring: the
 * counts behind each reason and the reasons themselves (codes, worded by the bundle). Point-in-time:
 * {@link Devices#reputationOf(String, Instant)} counts only what was known at {@code asOf}, so a model
 * trained on it later does not learn from the future.
 *
 * @param known                whether the device id names a device Anshin had seen by {@code asOf} (false:
 *                             every count 0)
 * @param observations         visits of the collector script up to {@code asOf}
 * @param observationsLastHour visits within the hour before {@code asOf} (velocity)
 * @param applications30d      applications recorded from the device within 30 days before {@code asOf}
 * @param applications         applications recorded from the device ever
 * @param customers            customers linked to the device by {@code asOf}
 * @param cards                cards those customers held at {@code asOf} (registered by then)
 * @param confirmedFrauds      authorizations made from the device and confirmed as fraud
 * @param fraudsOnLinkedCards  confirmed frauds on cards of the customers linked to the device
 * @param automation           automation markers seen in the device's observations within 30 days
 * @param timezoneOutsideJapan the latest observation's clock is not on Japan's time
 * @param languageNotJapanese  the latest observation's browser does not ask for Japanese
 * @param reasons              the reasons that apply, most serious first
 * @param reusedObservations   how often, up to {@code asOf}, a reference of the device's observations was
 *                             presented for another application than the one that claimed it (a replay)
 */
public record DeviceReputation(String deviceId, Instant asOf, boolean known, Instant firstSeenAt, long observations,
        long observationsLastHour, long applications30d, long applications, int customers, int cards,
        long confirmedFrauds, long fraudsOnLinkedCards, Set<AutomationMarker> automation,
        boolean timezoneOutsideJapan, boolean languageNotJapanese, List<DeviceReason> reasons,
        long reusedObservations) {

    public DeviceReputation {
        automation = Set.copyOf(automation);
        reasons = List.copyOf(reasons);
    }

    /** Without replayed references (the reputation as first published; kept for callers that build one). */
    public DeviceReputation(String deviceId, Instant asOf, boolean known, Instant firstSeenAt, long observations,
            long observationsLastHour, long applications30d, long applications, int customers, int cards,
            long confirmedFrauds, long fraudsOnLinkedCards, Set<AutomationMarker> automation,
            boolean timezoneOutsideJapan, boolean languageNotJapanese, List<DeviceReason> reasons) {
        this(deviceId, asOf, known, firstSeenAt, observations, observationsLastHour, applications30d, applications,
                customers, cards, confirmedFrauds, fraudsOnLinkedCards, automation, timezoneOutsideJapan,
                languageNotJapanese, reasons, 0);
    }

    /** Whether any reason applies. */
    public boolean clean() {
        return reasons.isEmpty();
    }
}
