package dev.anshin.support;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The support window's settings (docs/support-window.md). Open Monday to Friday; Japanese public
 * holidays are not known here (staff cancel a holiday's bookings for the issuer).
 *
 * @param zone             the zone the opening hours are in: only {@code Asia/Tokyo}, the zone every page
 *                         shows times in ({@code Display.ZONE}); another is refused at start
 * @param opens            first slot's start
 * @param closes           the last slot ends at or before this
 * @param slotLength       one slot's length
 * @param callBackCapacity call-backs per slot (staff on the phone at once)
 * @param videoCapacity    video consultations per slot (staff at the video counter at once)
 * @param daysAhead        how many days after today the last bookable day is
 * @param videoUrl         the link of a video consultation; {@code {booking}} is replaced by the booking's id
 * @param remindDayBefore  the first reminder goes this long before the slot (a booking made later gets none)
 * @param remindShortly    the second reminder goes this long before the slot
 * @param reminderInterval how often reminders that are due are looked for
 */
@ConfigurationProperties("anshin.support")
public record SupportProperties(
        @DefaultValue("Asia/Tokyo") ZoneId zone,
        @DefaultValue("09:00") LocalTime opens,
        @DefaultValue("18:00") LocalTime closes,
        @DefaultValue("30m") Duration slotLength,
        @DefaultValue("2") int callBackCapacity,
        @DefaultValue("1") int videoCapacity,
        @DefaultValue("14") int daysAhead,
        @DefaultValue("https://meet.example.jp/anshin-support/{booking}") String videoUrl,
        @DefaultValue("24h") Duration remindDayBefore,
        @DefaultValue("15m") Duration remindShortly,
        @DefaultValue("1m") Duration reminderInterval) {

    public SupportProperties {
        if (slotLength.isNegative() || slotLength.isZero() || !opens.isBefore(closes)) {
            throw new IllegalArgumentException("anshin.support: opens must be before closes and slot-length positive");
        }
        if (!zone.normalized().equals(dev.anshin.site.Display.ZONE.normalized())) {
            // Pages show every time in Display's zone: opening hours in another would be shown shifted.
            throw new IllegalArgumentException("anshin.support.zone: only " + dev.anshin.site.Display.ZONE
                    + " is supported (the zone every page shows times in)");
        }
        if (callBackCapacity < 0 || videoCapacity < 0 || daysAhead < 0) {
            throw new IllegalArgumentException("anshin.support: capacities and days-ahead must not be negative");
        }
    }

    int capacity(SupportKind kind) {
        return kind == SupportKind.VIDEO ? videoCapacity : callBackCapacity;
    }

    String videoLink(String bookingId) {
        return videoUrl.replace("{booking}", bookingId);
    }
}
