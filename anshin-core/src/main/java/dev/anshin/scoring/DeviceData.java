package dev.anshin.scoring;

/**
 * Device and browser data of a card-not-present authorization, after the EMV 3DS 2 schema
 * (DOMAIN.md §1). Every field may be {@code null}.
 *
 * @param deviceId       a device fingerprint or SDK id (evidence, not identity)
 * @param channel        3DS deviceChannel: "01" app, "02" browser, "03" merchant-initiated
 * @param userAgent      browserUserAgent
 * @param language       browserLanguage (BCP 47)
 * @param timezoneOffset browserTZ, minutes from UTC
 * @param screenWidth    browserScreenWidth
 * @param screenHeight   browserScreenHeight
 */
public record DeviceData(
        String deviceId,
        String channel,
        String userAgent,
        String language,
        Integer timezoneOffset,
        Integer screenWidth,
        Integer screenHeight) {
}
