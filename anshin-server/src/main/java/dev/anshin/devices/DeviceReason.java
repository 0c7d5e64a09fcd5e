package dev.anshin.devices;

/**
 * Why a device's reputation is not clean, as stable codes; the words, in Japanese and English, are
 * {@code devices.reason.<CODE>} in the devices bundle.
 */
public enum DeviceReason {
    /**
     * A reference of this device's observations was presented for another application than the one that
     * claimed it: replayed, probably harvested (a fraudster borrowing a clean device's reputation).
     */
    REUSED_OBSERVATION,
    /** A browser driven by a program: WebDriver flag, headless user agent, software rendering… */
    AUTOMATION,
    /** Several applications from the device within 30 days. */
    MANY_APPLICATIONS,
    /** The device is linked to more than one customer. */
    SHARED_BY_CUSTOMERS,
    /** The customers linked to the device hold many cards between them. */
    MANY_CARDS,
    /** An authorization made from this device was confirmed as fraud. */
    CONFIRMED_FRAUD,
    /** A card of a customer linked to this device had a confirmed fraud (weaker: the fraudster may be elsewhere). */
    FRAUD_ON_LINKED_CARDS,
    /** The browser's clock is not on Japan's time, while the applicant claims to live in Japan. */
    TIMEZONE_OUTSIDE_JAPAN,
    /** The browser does not ask for Japanese at all (weak: many residents of Japan use other languages). */
    LANGUAGE_NOT_JAPANESE,
    /** Very many observations of the device within the last hour. */
    HIGH_VELOCITY
}
