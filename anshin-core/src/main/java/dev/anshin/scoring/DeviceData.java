package dev.anshin.scoring;

/**
 * Device and browser data of a card-not-present authorization, after the EMV 3-D Secure 2 schema
 * (EMVCo, EMV 3-D Secure Protocol and Core Functions Specification). Every field may be {@code null}.
 *
 * @param deviceId       a device fingerprint or SDK id (evidence, not identity)
 * @param channel        3DS deviceChannel: "01" app, "02" browser, "03" merchant-initiated
 * @param userAgent      browserUserAgent
 * @param language       browserLanguage (BCP 47)
 * @param timezoneOffset browserTZ, minutes from UTC
 * @param screenWidth    browserScreenWidth
 * @param screenHeight   browserScreenHeight
 * @param anshin         what Anshin's own device module knew of the device (its collector's observation
 *                       was named by the authorization and recognised), or {@code null}; when present,
 *                       {@code deviceId} is Anshin's stable device id
 */
public record DeviceData(
        String deviceId,
        String channel,
        String userAgent,
        String language,
        Integer timezoneOffset,
        Integer screenWidth,
        Integer screenHeight,
        DeviceFacts anshin) {

    /** Device data as the issuer sends it, without anything from Anshin's device module. */
    public DeviceData(String deviceId, String channel, String userAgent, String language, Integer timezoneOffset,
            Integer screenWidth, Integer screenHeight) {
        this(deviceId, channel, userAgent, language, timezoneOffset, screenWidth, screenHeight, null);
    }

    /** The same data with {@code deviceId} and the facts of Anshin's device module in place of the issuer's id. */
    public DeviceData recognisedAs(String anshinDeviceId, DeviceFacts facts) {
        return new DeviceData(anshinDeviceId, channel, userAgent, language, timezoneOffset, screenWidth, screenHeight,
                facts);
    }
}
