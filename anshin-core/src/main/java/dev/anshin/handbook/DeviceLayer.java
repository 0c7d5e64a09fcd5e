package dev.anshin.handbook;

/**
 * The simulator's optional devices (not in the Handbook, which has none; off unless asked for).
 * A share of transactions is card-not-present and carries a device id. Each customer uses their own
 * 1–3 devices: the first from before the simulation, the others bought at a random day of it. A
 * card-not-present fraud (any scenario) comes from a fraudster's device: a fraudster keeps one
 * device per victim card, and when starting on a new victim reuses, with probability
 * {@code fraudDeviceReuse}, one of the last {@value #FRAUD_POOL} fraud devices used on other
 * victims, else a device never seen before.
 *
 * <p>This is an assumption about fraudsters, not a measurement: how often real fraudsters reuse a
 * device across victims is what decides whether device reputation helps (docs/handbook-backtest.md).
 *
 * @param cardNotPresentShare share of transactions made online, with a device, in [0, 1]
 * @param fraudDeviceReuse    probability that a fraudster uses an earlier victim's device for a new
 *                            victim, in [0, 1]; 0 = never
 */
public record DeviceLayer(double cardNotPresentShare, double fraudDeviceReuse) {

    /** Fraud devices a fraudster reuses from: the most recently started ones. */
    public static final int FRAUD_POOL = 20;

    public DeviceLayer {
        if (!(cardNotPresentShare >= 0 && cardNotPresentShare <= 1)) {
            throw new IllegalArgumentException("the card-not-present share must be within [0, 1]");
        }
        if (!(fraudDeviceReuse >= 0 && fraudDeviceReuse <= 1)) {
            throw new IllegalArgumentException("the fraud device reuse must be within [0, 1]");
        }
    }
}
