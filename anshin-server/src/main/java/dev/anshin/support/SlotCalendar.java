package dev.anshin.support;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * When the window is open: slots of {@code slot-length} from {@code opens}, the last ending by
 * {@code closes}, Monday to Friday in the window's zone, from now to {@code days-ahead} days after
 * today. A slot is offered while it has not begun. Plain Java, no clock of its own: the time is given.
 */
final class SlotCalendar {

    private final SupportProperties settings;

    SlotCalendar(SupportProperties settings) {
        this.settings = settings;
    }

    /** The day a moment falls on in the window's zone. */
    LocalDate day(Instant instant) {
        return instant.atZone(settings.zone()).toLocalDate();
    }

    static boolean weekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** Every slot's start on the day, past ones included; none on a weekend. */
    List<Instant> startsOn(LocalDate day) {
        List<Instant> starts = new ArrayList<>();
        if (weekend(day)) {
            return starts;
        }
        ZonedDateTime start = day.atTime(settings.opens()).atZone(settings.zone());
        ZonedDateTime closes = day.atTime(settings.closes()).atZone(settings.zone());
        while (!start.plus(settings.slotLength()).isAfter(closes)) {
            starts.add(start.toInstant());
            start = start.plus(settings.slotLength());
        }
        return starts;
    }

    /** The slots still to come on the day, as of {@code now}. */
    List<Instant> offeredOn(LocalDate day, Instant now) {
        return startsOn(day).stream().filter(start -> offered(start, now)).toList();
    }

    /** The days with a slot still to come, today up to {@code days-ahead} days later. */
    List<LocalDate> days(Instant now) {
        LocalDate today = day(now);
        List<LocalDate> days = new ArrayList<>();
        for (int i = 0; i <= settings.daysAhead(); i++) {
            LocalDate day = today.plusDays(i);
            if (!offeredOn(day, now).isEmpty()) {
                days.add(day);
            }
        }
        return days;
    }

    /** Whether a booking may be made for a slot starting at {@code start}, as of {@code now}. */
    boolean offered(Instant start, Instant now) {
        if (!withinReach(start, now)) {
            return false;
        }
        LocalDate day = day(start);
        if (day.isAfter(day(now).plusDays(settings.daysAhead()))) {
            return false;
        }
        return startsOn(day).contains(start);
    }

    /**
     * Whether a moment lies between now and the end of the last bookable day (at most
     * {@code days-ahead} + 1 days on), checked on the instant itself before any conversion to a date:
     * a moment like {@code +999999999-12-31T20:00:00Z} has no date in the window's zone.
     */
    boolean withinReach(Instant start, Instant now) {
        return start != null && start.isAfter(now)
                && !start.isAfter(now.plus(java.time.Duration.ofDays(settings.daysAhead() + 1L)));
    }

    /** When the slot starting at {@code start} ends. */
    Instant end(Instant start) {
        return start.plus(settings.slotLength());
    }

    LocalTime opens() {
        return settings.opens();
    }
}
