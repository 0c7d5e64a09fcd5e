package dev.anshin.disputes;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The card networks' fraud dispute reason codes (Visa Claims Resolution "Allocation" flow,
 * Mastercard chargeback codes), with the filing window counted from the transaction's processing
 * date and the merchant's response window. Mastercard's filing window is reported as 90 or 120 days;
 * Anshin counts 90, the earlier, so a deadline it shows is never too late.
 */
public enum ChargebackReason {
    VISA_10_1(CardNetwork.VISA, "10.1", "EMV liability shift counterfeit fraud", 120, 30),
    VISA_10_2(CardNetwork.VISA, "10.2", "EMV liability shift non-counterfeit fraud", 120, 30),
    VISA_10_3(CardNetwork.VISA, "10.3", "Other fraud: card-present environment", 120, 30),
    VISA_10_4(CardNetwork.VISA, "10.4", "Other fraud: card-absent environment", 120, 30),
    MASTERCARD_4837(CardNetwork.MASTERCARD, "4837", "No cardholder authorization", 90, 45),
    MASTERCARD_4863(CardNetwork.MASTERCARD, "4863", "Cardholder does not recognize: potential fraud", 90, 45),
    MASTERCARD_4870(CardNetwork.MASTERCARD, "4870", "Chip liability shift", 90, 45),
    MASTERCARD_4871(CardNetwork.MASTERCARD, "4871", "Chip/PIN liability shift", 90, 45);

    /** How the disputed transaction was made, as far as the reason code depends on it. */
    public enum Environment {
        /** Card not present: e-commerce, mail or phone order, card on file (POS entry 10, 81; condition 01, 08, 59). */
        CARD_ABSENT,
        /** Card present, read from its chip or contactless (POS entry 05, 07). */
        CHIP,
        /** Card present, but keyed in or read from the magnetic stripe (POS entry 01, 02): a chip card's liability shifts. */
        MAGSTRIPE_OR_KEYED;

        /** From the ISO 8583 POS entry mode (DE22) and whether the card was present. */
        public static Environment of(String posEntryMode, boolean cardPresent) {
            if (!cardPresent || "10".equals(posEntryMode) || "81".equals(posEntryMode)) {
                return CARD_ABSENT;
            }
            return "01".equals(posEntryMode) || "02".equals(posEntryMode) ? MAGSTRIPE_OR_KEYED : CHIP;
        }
    }

    private final CardNetwork network;
    private final String code;
    private final String description;
    private final int filingDays;
    private final int merchantResponseDays;

    ChargebackReason(CardNetwork network, String code, String description, int filingDays, int merchantResponseDays) {
        this.network = network;
        this.code = code;
        this.description = description;
        this.filingDays = filingDays;
        this.merchantResponseDays = merchantResponseDays;
    }

    /**
     * The reason code for a fraud dispute: card-absent fraud is Visa 10.4 / Mastercard 4837; a
     * card-present fraud read from the stripe or keyed in is a liability-shift code (counterfeit when
     * the cardholder still holds the card, lost or stolen otherwise); other card-present fraud is
     * Visa 10.3 / Mastercard 4837. Empty for a network without automatic filing (JCB and others go to
     * an analyst).
     */
    public static Optional<ChargebackReason> forFraud(CardNetwork network, Environment environment,
            boolean cardInCardholdersHands) {
        if (network == CardNetwork.VISA) {
            return Optional.of(switch (environment) {
                case CARD_ABSENT -> VISA_10_4;
                case MAGSTRIPE_OR_KEYED -> cardInCardholdersHands ? VISA_10_1 : VISA_10_2;
                case CHIP -> VISA_10_3;
            });
        }
        if (network == CardNetwork.MASTERCARD) {
            return Optional.of(switch (environment) {
                case CARD_ABSENT, CHIP -> MASTERCARD_4837;
                case MAGSTRIPE_OR_KEYED -> cardInCardholdersHands ? MASTERCARD_4870 : MASTERCARD_4871;
            });
        }
        return Optional.empty();
    }

    /** The last day to file, counted in UTC calendar days from the processing date. */
    public LocalDate filingDeadline(Instant processedAt) {
        return LocalDate.ofInstant(processedAt, ZoneOffset.UTC).plusDays(filingDays);
    }

    /** Whether it is too late to file at {@code now}. */
    public boolean filingWindowClosed(Instant processedAt, Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).isAfter(filingDeadline(processedAt));
    }

    /** How long the merchant has to respond once filed. */
    public Duration merchantResponseWindow() {
        return Duration.ofDays(merchantResponseDays);
    }

    /** Visa 10.4 needs the cardholder's certification that they neither made nor took part in the transaction. */
    public boolean needsCardholderCertification() {
        return this == VISA_10_4;
    }

    public CardNetwork network() {
        return network;
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }

    public int filingDays() {
        return filingDays;
    }
}
