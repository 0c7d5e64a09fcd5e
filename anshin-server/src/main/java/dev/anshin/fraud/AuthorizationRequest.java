package dev.anshin.fraud;

import com.google.common.net.InetAddresses;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.FreeText;
import dev.anshin.problems.Ids;
import dev.anshin.problems.RequestProblem;
import dev.anshin.scoring.AmountCeiling;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.DeviceData;
import dev.anshin.scoring.PosEntryMode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The JSON body of POST /api/v1/authorizations. Fields are loosely typed on purpose: the checks
 * here name every offending field at once instead of stopping at the first parse error.
 */
@Schema(requiredProperties = {"authorizationId", "card", "amount", "merchantId", "mcc", "terminalId",
        "merchantCountry", "posEntryMode", "cardPresent", "timestamp"})
record AuthorizationRequest(
        @Schema(description = "The issuer's id of this authorization: the idempotency key of the call")
        String authorizationId,
        CardReference card,
        Money amount,
        String merchantId,
        String mcc,
        String terminalId,
        String merchantCountry,
        String posEntryMode,
        Boolean cardPresent,
        @Schema(format = "date-time", description = "When the authorization happened, ISO-8601 with an offset: "
                + "after 2000 and at most a day ahead of now")
        String timestamp,
        Device device,
        @Schema(description = "The cardholder's IP address: an IPv4 or IPv6 literal (no host names, no zone id). Kept, "
                + "with device.deviceId and device.userAgent, only as a keyed pseudonym, and in clear only sealed "
                + "with the key of the card's customer")
        String ipAddress,
        @Schema(description = "The billing descriptor (DE43), at most 99 characters: no control or bidirectional "
                + "formatting characters, no card number")
        String merchantName,
        @Schema(description = "Card-absent: where the goods go, at most 300 characters, same text rules as "
                + "merchantName; kept only as a keyed pseudonym")
        String shippingAddress,
        @Schema(description = "Card-absent: the cardholder's account id at the merchant, at most 128 characters "
                + "without control or bidirectional formatting characters; kept only as a keyed pseudonym")
        String merchantAccountId) {

    /** A registered card, by token or by PAN (tokenized at once, never kept). */
    @Schema(description = "Exactly one of token or pan")
    record CardReference(String token, String pan) {
        @Override
        public String toString() {
            return "CardReference[token=" + token + ", pan=" + (pan == null ? null : "<redacted>") + "]";
        }
    }

    @Schema(requiredProperties = {"minor", "currency"})
    record Money(
            @Schema(description = "Whole minor units of the currency (a JSON integer: 12.99, 1.2e4 or \"12800\" are "
                    + "refused), 0 up to the currency's ceiling (anshin.fraud.max-amount)", format = "int64")
            Long minor,
            @Schema(description = "ISO 4217 alphabetic code, upper case", example = "JPY")
            String currency) {
    }

    record Device(String deviceId, String channel, String userAgent, String language, Integer timezoneOffset,
            Integer screenWidth, Integer screenHeight,
            @Schema(description = "The reference Anshin's device collector answered (POST /device/observations) on "
                    + "the page or in the app where the cardholder confirmed the payment, e.g. a 3DS challenge page: "
                    + "a UUID. When Anshin knows it, scoring uses Anshin's own device id and reputation "
                    + "(docs/devices.md); an unknown reference is ignored", format = "uuid")
            String observation) {
    }

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> CHANNELS = Set.of("01", "02", "03");
    /** DE43 is 40 characters in ISO 8583:1987; networks' extended merchant descriptors run longer. */
    private static final int MERCHANT_NAME = 99;
    // Bounds against nonsense that would overflow storage or poison the feature state, wide enough
    // for backfills of old history (the Handbook data set is from 2018).
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /**
     * Clock skew tolerated between the issuer and Anshin. A timestamp further ahead would sit in the
     * feature state as the newest event of its card and terminal and distort their windows until
     * real time caught up, so it is refused.
     */
    private static final Duration MAX_AHEAD = Duration.ofDays(1);

    /** The collector's observation reference, when the request names one. */
    String deviceObservation() {
        return device == null ? null : device.observation();
    }

    /** Turns an identifier into its keyed pseudonym: (domain, value) → pseudonym. */
    interface Pseudonyms {
        String of(String domain, String value);
    }

    /** Domains of the pseudonyms an authorization carries. */
    static final String SHIPPING_ADDRESS = "shipping-address";
    static final String MERCHANT_ACCOUNT = "merchant-account";

    /** The core authorization for the resolved card token; only for a request that {@link #validate}d clean. */
    Authorization toAuthorization(String cardToken) {
        return toAuthorization(cardToken, occurredAt(), (domain, value) -> {
            throw new IllegalStateException("this request carries identifiers to pseudonymize: give the pseudonyms");
        });
    }

    /**
     * Same, with the timestamp already parsed by {@link #occurredAt()}; the shipping address and the
     * merchant account id become keyed pseudonyms here and are dropped.
     */
    Authorization toAuthorization(String cardToken, Instant occurredAt, Pseudonyms pseudonyms) {
        DeviceData deviceData = device == null ? null : new DeviceData(device.deviceId(), device.channel(),
                device.userAgent(), device.language(), device.timezoneOffset(), device.screenWidth(),
                device.screenHeight());
        String address = blankToNull(shippingAddress);
        String account = blankToNull(merchantAccountId);
        return new Authorization(authorizationId, cardToken, amount.minor(), amount.currency(), merchantId, mcc,
                terminalId, merchantCountry, PosEntryMode.parse(posEntryMode), cardPresent, occurredAt,
                deviceData, blankToNull(ipAddress), merchantName == null || merchantName.isBlank() ? null
                        : merchantName.strip(),
                address == null ? null : pseudonyms.of(SHIPPING_ADDRESS, address),
                // An account id means something only at its merchant.
                account == null ? null : pseudonyms.of(MERCHANT_ACCOUNT, merchantId + "\u0000" + account));
    }

    /** All field problems except the card, which only the card registry can judge (amounts up to the network's bound). */
    List<FieldProblem> validate() {
        return validate(Instant.now(), occurredAt(), AmountCeiling.networkMaximum());
    }

    /** The timestamp as an instant, or {@code null} when it is absent or not ISO-8601 with an offset. */
    Instant occurredAt() {
        return timestamp == null ? null : parseTime(timestamp);
    }

    /**
     * All field problems except the card: {@code now} bounds how far ahead the timestamp may be,
     * {@code at} is the timestamp already parsed by {@link #occurredAt()} (parsing it is not free), and
     * {@code ceiling} bounds the amount.
     */
    List<FieldProblem> validate(Instant now, Instant at, AmountCeiling ceiling) {
        List<FieldProblem> errors = new ArrayList<>();
        id(errors, "authorizationId", authorizationId);
        if (card == null) {
            errors.add(new FieldProblem("card", "is required"));
        }
        if (amount == null) {
            errors.add(new FieldProblem("amount", "is required"));
        } else {
            boolean currency = amount.currency() != null && isCurrency(amount.currency());
            if (amount.minor() == null) {
                errors.add(new FieldProblem("amount.minor", "is required"));
            } else if (amount.minor() < 0) {
                errors.add(new FieldProblem("amount.minor", "must not be negative"));
            } else if (currency && !ceiling.allows(amount.currency(), amount.minor())) {
                errors.add(new FieldProblem("amount.minor", "must be at most " + ceiling.maxMinor(amount.currency())
                        + " minor units of " + amount.currency() + " (anshin.fraud.max-amount)"));
            }
            if (amount.currency() == null) {
                errors.add(new FieldProblem("amount.currency", "is required"));
            } else if (!currency) {
                errors.add(new FieldProblem("amount.currency", "is not an ISO 4217 currency code"));
            }
        }
        id(errors, "merchantId", merchantId);
        if (mcc == null) {
            errors.add(new FieldProblem("mcc", "is required"));
        } else if (!(mcc.length() == 4 && all(mcc, AuthorizationRequest::isDigit))) {
            errors.add(new FieldProblem("mcc", "must be four digits"));
        }
        id(errors, "terminalId", terminalId);
        if (merchantCountry == null) {
            errors.add(new FieldProblem("merchantCountry", "is required"));
        } else if (!COUNTRIES.contains(merchantCountry)) {
            errors.add(new FieldProblem("merchantCountry", "is not an ISO 3166-1 alpha-2 country code"));
        }
        if (posEntryMode == null) {
            errors.add(new FieldProblem("posEntryMode", "is required"));
        } else if (!isPosEntryMode(posEntryMode)) {
            errors.add(new FieldProblem("posEntryMode", "is not a known DE22 entry mode (01, 02, 05, 07, 10, 81)"));
        }
        if (cardPresent == null) {
            errors.add(new FieldProblem("cardPresent", "is required"));
        }
        if (timestamp == null) {
            errors.add(new FieldProblem("timestamp", "is required"));
        } else {
            if (at == null) {
                errors.add(new FieldProblem("timestamp", "must be an ISO-8601 date-time with offset"));
            } else if (at.isBefore(EARLIEST) || at.isAfter(now.plus(MAX_AHEAD))) {
                errors.add(new FieldProblem("timestamp", "must be after 2000 and at most a day ahead of now"));
            }
        }
        if (device != null) {
            if (device.channel() != null && !CHANNELS.contains(device.channel())) {
                errors.add(new FieldProblem("device.channel", "must be 01, 02 or 03"));
            }
            if (device.deviceId() != null && device.deviceId().length() > 128) {
                errors.add(new FieldProblem("device.deviceId", "is longer than 128 characters"));
            } else {
                characters(errors, "device.deviceId", device.deviceId());
            }
            if (device.userAgent() != null && device.userAgent().length() > 512) {
                errors.add(new FieldProblem("device.userAgent", "is longer than 512 characters"));
            } else {
                characters(errors, "device.userAgent", device.userAgent());
            }
            if (device.language() != null && device.language().length() > 35) {
                errors.add(new FieldProblem("device.language", "is longer than 35 characters"));
            } else {
                characters(errors, "device.language", device.language());
            }
            if (device.timezoneOffset() != null && Math.abs(device.timezoneOffset()) > 14 * 60) {
                errors.add(new FieldProblem("device.timezoneOffset", "must be within ±840 minutes"));
            }
            if (device.observation() != null && !Ids.isUuid(device.observation())) {
                errors.add(new FieldProblem("device.observation",
                        "must be the collector's reference: a UUID such as 123e4567-e89b-12d3-a456-426614174000"));
            }
        }
        if (ipAddress != null && !ipAddress.isBlank() && !isIpAddress(ipAddress)) {
            errors.add(new FieldProblem("ipAddress", "is not an IPv4 or IPv6 address"));
        }
        if (shippingAddress != null && shippingAddress.length() > 300) {
            errors.add(new FieldProblem("shippingAddress", "is longer than 300 characters"));
        } else {
            FreeText.check(errors, "shippingAddress", shippingAddress);
        }
        if (merchantAccountId != null && merchantAccountId.length() > 128) {
            errors.add(new FieldProblem("merchantAccountId", "is longer than 128 characters"));
        } else {
            characters(errors, "merchantAccountId", merchantAccountId); // an id at its merchant: any digits
        }
        if (merchantName != null && merchantName.strip().length() > MERCHANT_NAME) {
            errors.add(new FieldProblem("merchantName", "is longer than " + MERCHANT_NAME + " characters"));
        } else {
            // Printed on the cardholder's statement and shown in the portal: no reversed text, no card number.
            FreeText.check(errors, "merchantName", merchantName);
        }
        return errors;
    }

    private static void characters(List<FieldProblem> errors, String field, String value) {
        if (value != null) {
            FreeText.characterProblem(value).ifPresent(message -> errors.add(new FieldProblem(field, message)));
        }
    }

    private static void id(List<FieldProblem> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldProblem(field, "is required"));
        } else if (!(value.length() <= 64 && all(value, AuthorizationRequest::isIdChar))) {
            errors.add(new FieldProblem(field, "must be 1 to 64 letters, digits or . _ : -"));
        }
    }

    private static boolean isCurrency(String code) {
        if (!(code.length() == 3 && all(code, c -> c >= 'A' && c <= 'Z'))) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // Character checks instead of regular expressions: these run on every authorization.
    private static boolean all(String value, CharTest test) {
        for (int i = 0; i < value.length(); i++) {
            if (!test.test(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @FunctionalInterface
    private interface CharTest {
        boolean test(char c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || isDigit(c) || c == '.' || c == '_' || c == ':'
                || c == '-';
    }

    /**
     * A literal IPv4 or IPv6 address (999.999.999.999 is not one), read without any name lookup. The
     * character check first keeps zone ids ({@code fe80::1%eth0}) and anything else odd out cheaply.
     */
    private static boolean isIpAddress(String value) {
        return value.length() >= 2 && value.length() <= 45
                && all(value, c -> isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.')
                && InetAddresses.isInetAddress(value);
    }

    private static boolean isPosEntryMode(String value) {
        try {
            PosEntryMode.parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Instant parseTime(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        // Never print the request: it may carry a PAN and personal data.
        return "AuthorizationRequest[" + authorizationId + "]";
    }
}
