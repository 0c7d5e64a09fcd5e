package dev.anshin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The window's calendar: weekdays only, the hours, nothing begun or past, nothing beyond the days ahead. */
class SlotCalendarTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final SupportProperties DEFAULTS = new SupportProperties(TOKYO, LocalTime.of(9, 0),
            LocalTime.of(18, 0), Duration.ofMinutes(30), 2, 1, 14, "https://meet.example.jp/{booking}",
            Duration.ofHours(24), Duration.ofMinutes(15), Duration.ofMinutes(1));
    private static final SlotCalendar CALENDAR = new SlotCalendar(DEFAULTS);
    /** Monday 2026-12-07, 08:00 in Tokyo. */
    private static final Instant MONDAY_MORNING = ZonedDateTime.of(2026, 12, 7, 8, 0, 0, 0, TOKYO).toInstant();

    private static Instant tokyo(int month, int day, int hour, int minute) {
        return ZonedDateTime.of(2026, month, day, hour, minute, 0, 0, TOKYO).toInstant();
    }

    @Test
    void aWeekdayHasEighteenHalfHourSlotsFromNineTheLastEndingAtSix() {
        List<Instant> starts = CALENDAR.startsOn(LocalDate.of(2026, 12, 8));
        assertThat(starts).hasSize(18);
        assertThat(starts.get(0)).isEqualTo(tokyo(12, 8, 9, 0));
        assertThat(starts.get(17)).isEqualTo(tokyo(12, 8, 17, 30));
        assertThat(CALENDAR.end(starts.get(17))).isEqualTo(tokyo(12, 8, 18, 0));
    }

    @Test
    void weekendsAreClosed() {
        assertThat(CALENDAR.startsOn(LocalDate.of(2026, 12, 12))).isEmpty();
        assertThat(CALENDAR.startsOn(LocalDate.of(2026, 12, 13))).isEmpty();
        assertThat(CALENDAR.offered(tokyo(12, 12, 10, 0), MONDAY_MORNING)).isFalse();
        assertThat(CALENDAR.days(MONDAY_MORNING)).noneMatch(SlotCalendar::weekend);
    }

    @Test
    void outsideTheHoursAndOffTheGridIsNotASlot() {
        assertThat(CALENDAR.offered(tokyo(12, 8, 8, 30), MONDAY_MORNING)).isFalse();
        assertThat(CALENDAR.offered(tokyo(12, 8, 18, 0), MONDAY_MORNING)).isFalse();
        assertThat(CALENDAR.offered(tokyo(12, 8, 10, 15), MONDAY_MORNING)).isFalse();
        assertThat(CALENDAR.offered(tokyo(12, 8, 10, 30), MONDAY_MORNING)).isTrue();
    }

    @Test
    void aSlotThatHasBegunOrPassedIsNotOffered() {
        Instant mondayAtTen = tokyo(12, 7, 10, 0);
        assertThat(CALENDAR.offered(tokyo(12, 7, 9, 30), mondayAtTen)).isFalse();
        assertThat(CALENDAR.offered(tokyo(12, 7, 10, 0), mondayAtTen)).isFalse();
        assertThat(CALENDAR.offered(tokyo(12, 7, 10, 30), mondayAtTen)).isTrue();
        assertThat(CALENDAR.offeredOn(LocalDate.of(2026, 12, 7), mondayAtTen)).hasSize(15);
    }

    @Test
    void daysAheadIsTheLastBookableDay() {
        // 14 days after Monday 7th is Monday 21st; the 22nd is too far.
        assertThat(CALENDAR.offered(tokyo(12, 21, 17, 30), MONDAY_MORNING)).isTrue();
        assertThat(CALENDAR.offered(tokyo(12, 22, 9, 0), MONDAY_MORNING)).isFalse();
        assertThat(CALENDAR.days(MONDAY_MORNING)).first().isEqualTo(LocalDate.of(2026, 12, 7));
        assertThat(CALENDAR.days(MONDAY_MORNING)).last().isEqualTo(LocalDate.of(2026, 12, 21));
        assertThat(CALENDAR.days(MONDAY_MORNING)).hasSize(11);
    }

    @Test
    void afterTheLastSlotTodayIsNoLongerABookableDay() {
        assertThat(CALENDAR.days(tokyo(12, 7, 17, 45))).first().isEqualTo(LocalDate.of(2026, 12, 8));
    }

    @Test
    void theHoursAreJapanTimeWhateverTheServersZone() {
        // 00:00 UTC is 09:00 in Tokyo.
        assertThat(CALENDAR.offered(Instant.parse("2026-12-08T00:00:00Z"), MONDAY_MORNING)).isTrue();
        assertThat(CALENDAR.offered(Instant.parse("2026-12-08T09:00:00Z"), MONDAY_MORNING)).isFalse();
    }

    @Test
    void aMomentIsOfferedExactlyWhenItIsAFutureWeekdaySlotWithinTheHoursAndTheDaysAhead() {
        long from = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2030-12-31T00:00:00Z").getEpochSecond();
        // Starts on (and just off) the half-hour grid around the hours, from today to beyond the days ahead:
        // most land near a slot, so both answers are met often.
        qt().withExamples(2000).forAll(longs().between(from, to), integers().between(0, 17),
                        integers().between(0, 21), integers().between(0, 3))
                .checkAssert((nowSeconds, dayOffset, halfHour, off) -> {
                    Instant now = Instant.ofEpochSecond(nowSeconds);
                    LocalDate today = now.atZone(TOKYO).toLocalDate();
                    ZonedDateTime at = today.plusDays(dayOffset).atTime(8, 0).atZone(TOKYO)
                            .plusMinutes(30L * halfHour + (off == 3 ? 15 : 0));
                    Instant start = at.toInstant();
                    boolean expected = start.isAfter(now)
                            && at.getDayOfWeek() != DayOfWeek.SATURDAY && at.getDayOfWeek() != DayOfWeek.SUNDAY
                            && !at.toLocalTime().isBefore(LocalTime.of(9, 0))
                            && !at.toLocalTime().isAfter(LocalTime.of(17, 30))
                            && at.getMinute() % 30 == 0
                            && !at.toLocalDate().isAfter(today.plusDays(14));
                    assertThat(CALENDAR.offered(start, now)).as("%s at %s", start, now).isEqualTo(expected);
                });
    }

    @Test
    void momentsWithNoDateInTheZoneAreOutOfReachNotAnError() {
        assertThat(CALENDAR.offered(Instant.MAX, MONDAY_MORNING)).isFalse();
        assertThat(CALENDAR.offered(Instant.MIN, MONDAY_MORNING)).isFalse();
        assertThat(CALENDAR.offered(Instant.parse("+999999999-12-31T20:00:00Z"), MONDAY_MORNING)).isFalse();
        assertThat(CALENDAR.withinReach(tokyo(12, 21, 17, 30), MONDAY_MORNING)).isTrue();
        assertThat(CALENDAR.withinReach(tokyo(12, 23, 9, 0), MONDAY_MORNING)).isFalse();
        assertThat(CALENDAR.withinReach(MONDAY_MORNING, MONDAY_MORNING)).isFalse();
    }

    @Test
    void everySlotOfABookableDayIsOfferedUntilItBegins() {
        long from = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        qt().withExamples(200).forAll(longs().between(from, from + 5L * 365 * 24 * 3600))
                .checkAssert(nowSeconds -> {
                    Instant now = Instant.ofEpochSecond(nowSeconds);
                    for (LocalDate day : CALENDAR.days(now)) {
                        List<Instant> offered = CALENDAR.offeredOn(day, now);
                        assertThat(offered).isNotEmpty().allMatch(s -> s.isAfter(now) && CALENDAR.offered(s, now));
                        assertThat(CALENDAR.startsOn(day)).filteredOn(s -> s.isAfter(now)).isEqualTo(offered);
                    }
                });
    }
}
