package dev.anshin.scoring;

import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/**
 * One card authorization request as Anshin scores it, modelled on ISO 8583.
 * The card is always a token here: a PAN never reaches the scoring core.
 *
 * @param authorizationId the issuer's id for this authorization; scoring is idempotent on it
 * @param cardToken       keyed token of the card (never a PAN)
 * @param amountMinor     amount in minor units of {@code currency} (DE4), never negative
 * @param currency        ISO 4217 alphabetic code (DE49)
 * @param merchantId      DE42
 * @param mcc             merchant category code, four digits (DE18)
 * @param terminalId      DE41
 * @param merchantCountry ISO 3166-1 alpha-2 country of the merchant/acquirer (DE19)
 * @param posEntryMode    DE22
 * @param cardPresent     whether the card was present (DE25 condition)
 * @param timestamp       when the transaction happened (DE12/13 as an instant)
 * @param device          EMV 3DS browser/device data, or {@code null} when absent
 * @param ipAddress       the cardholder's IP address (3DS browserIP), or {@code null}
 * @param merchantName    the merchant's name and location as the card network carries it and the
 *                        cardholder's statement prints it (DE43, the billing descriptor), or {@code null}
 * @param shippingAddressKey keyed pseudonym of the shipping address (card-absent), or {@code null}; the
 *                        address itself is never kept
 * @param accountKey      keyed pseudonym of the cardholder's account id at the merchant, or {@code null}
 */
public record Authorization(
        String authorizationId,
        String cardToken,
        long amountMinor,
        String currency,
        String merchantId,
        String mcc,
        String terminalId,
        String merchantCountry,
        PosEntryMode posEntryMode,
        boolean cardPresent,
        Instant timestamp,
        DeviceData device,
        String ipAddress,
        String merchantName,
        String shippingAddressKey,
        String accountKey) {

    public Authorization {
        Objects.requireNonNull(authorizationId, "authorizationId");
        Objects.requireNonNull(cardToken, "cardToken");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(timestamp, "timestamp");
        if (amountMinor < 0) {
            throw new IllegalArgumentException("amountMinor must not be negative");
        }
    }

    /** An authorization without a merchant name (DE43 is optional). */
    public Authorization(String authorizationId, String cardToken, long amountMinor, String currency, String merchantId,
            String mcc, String terminalId, String merchantCountry, PosEntryMode posEntryMode, boolean cardPresent,
            Instant timestamp, DeviceData device, String ipAddress) {
        this(authorizationId, cardToken, amountMinor, currency, merchantId, mcc, terminalId, merchantCountry,
                posEntryMode, cardPresent, timestamp, device, ipAddress, null, null, null);
    }

    /** The amount in major units of its currency (for features only; money stays in minor units). */
    public double amount() {
        return majorUnits(amountMinor, currency);
    }

    /** {@code minor} units of {@code currency} in its major units (for features only). */
    public static double majorUnits(long minor, String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return digits <= 0 ? minor : minor / Math.pow(10, digits);
    }

    /** The same authorization with {@code deviceData} as its device data. */
    public Authorization withDevice(DeviceData deviceData) {
        return new Authorization(authorizationId, cardToken, amountMinor, currency, merchantId, mcc, terminalId,
                merchantCountry, posEntryMode, cardPresent, timestamp, deviceData, ipAddress, merchantName,
                shippingAddressKey, accountKey);
    }

    /** The device id when device data was sent, else {@code null}. */
    public String deviceId() {
        return device == null ? null : device.deviceId();
    }
}
