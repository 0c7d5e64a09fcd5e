package dev.anshin.fraud;

import dev.anshin.cards.Card;
import dev.anshin.privacy.PersonalData;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.DeviceData;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What becomes of the device id, user agent and IP address an authorization carries, at intake, before
 * the scoring engine, the decision log or the database see them: each is replaced by its keyed
 * pseudonym ({@link PaymentPseudonyms}), and the clear values are sealed with the key of the card's
 * customer ({@link PersonalData#sealCached}), readable for the person's disclosure and gone with their
 * key when they are erased. A card without a customer keeps the pseudonyms only.
 */
@Component
public class PaymentDevices {

    /** The clear values as sealed (absent ones null). */
    public record SealedDevice(String deviceId, String userAgent, String ipAddress) {
    }

    private static final String CONTEXT = "payment-device/";

    private final PaymentPseudonyms pseudonyms;
    private final PersonalData personalData;
    private final JsonMapper json;

    PaymentDevices(PaymentPseudonyms pseudonyms, PersonalData personalData, JsonMapper json) {
        this.pseudonyms = pseudonyms;
        this.personalData = personalData;
        this.json = json;
    }

    /**
     * The authorization with its device id, user agent and IP address replaced by their pseudonyms; the
     * rest as it is. Anshin's own device id (a recognised device) is already a pseudonym and stays.
     */
    Authorization pseudonymized(Authorization clear) {
        return pseudonymized(clear, deviceId -> false);
    }

    /**
     * The same, keeping a device id {@code anshinDevice} says is Anshin's own (asked only for a UUID): an
     * issuer may send the id Anshin's devices module gave the device, which is already a pseudonym.
     */
    Authorization pseudonymized(Authorization clear, java.util.function.Predicate<String> anshinDevice) {
        DeviceData device = clear.device();
        String deviceId = device == null ? null : device.deviceId();
        boolean anshins = deviceId != null && (device.anshin() != null
                || dev.anshin.problems.Ids.isUuid(deviceId) && anshinDevice.test(deviceId));
        DeviceData pseudonymous = device == null ? null : new DeviceData(
                anshins ? deviceId : pseudonyms.device(deviceId),
                device.channel(), pseudonyms.userAgent(device.userAgent()), device.language(),
                device.timezoneOffset(), device.screenWidth(), device.screenHeight(), device.anshin());
        String ip = pseudonyms.ip(clear.ipAddress());
        if (device == null && ip == null) {
            return clear;
        }
        return new Authorization(clear.authorizationId(), clear.cardToken(), clear.amountMinor(), clear.currency(),
                clear.merchantId(), clear.mcc(), clear.terminalId(), clear.merchantCountry(), clear.posEntryMode(),
                clear.cardPresent(), clear.timestamp(), pseudonymous, ip, clear.merchantName(),
                clear.shippingAddressKey(), clear.accountKey());
    }

    /**
     * The clear device id, user agent and IP address of {@code clear} sealed with the key of the card's
     * customer, or null: the card has no customer, the customer is erased, or none of them was sent.
     */
    String seal(Card card, Authorization clear) {
        return seal(card.customerId(), clear);
    }

    String seal(String customerId, Authorization clear) {
        if (customerId == null) {
            return null;
        }
        DeviceData device = clear.device();
        String deviceId = device == null ? null : blankToNull(device.deviceId());
        String userAgent = device == null ? null : blankToNull(device.userAgent());
        String ip = blankToNull(clear.ipAddress());
        if (deviceId == null && userAgent == null && ip == null) {
            return null;
        }
        try {
            return personalData.sealCached(customerId, CONTEXT + clear.authorizationId(),
                    json.writeValueAsString(new SealedDevice(deviceId, userAgent, ip)));
        } catch (RequestProblem problem) {
            if (problem.type() == ProblemType.ERASED) {
                return null; // the customer was erased: nothing of theirs is kept
            }
            throw problem;
        }
    }

    /** The sealed values of an authorization, or empty once the customer is erased. */
    Optional<SealedDevice> open(String customerId, String authorizationId, String sealed) {
        if (sealed == null) {
            return Optional.empty();
        }
        return personalData.open(customerId, CONTEXT + authorizationId, sealed)
                .map(document -> json.readValue(document, SealedDevice.class));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
