package dev.anshin.scoring;

import java.util.List;

/**
 * What Anshin's own device module knew of the authorization's device when it was scored: facts from
 * its collector (on a 3DS challenge page or in the issuer's app) and from onboarding, which the card
 * network's authorization does not carry. Present only when the authorization named an observation
 * Anshin recognised; kept with the decision so that a replay computes the same features.
 *
 * @param automation          the device's observations within 30 days showed automation (WebDriver,
 *                            headless user agent, software renderer…)
 * @param applications30d     applications made from the device within 30 days
 * @param customers           customers linked to the device
 * @param fraudsOnLinkedCards confirmed frauds on cards of those customers
 * @param reasons             the device module's reason codes ({@code DeviceReason} names), most serious
 *                            first; empty for a clean device
 */
public record DeviceFacts(boolean automation, long applications30d, int customers, long fraudsOnLinkedCards,
        List<String> reasons) {

    public DeviceFacts {
        if (applications30d < 0 || customers < 0 || fraudsOnLinkedCards < 0) {
            throw new IllegalArgumentException("device counts cannot be negative");
        }
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
