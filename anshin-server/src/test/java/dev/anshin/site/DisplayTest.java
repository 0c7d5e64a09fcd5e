package dev.anshin.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class DisplayTest {

    @Test
    void yenHasSeparatorsAndTheLanguagesSign() {
        assertThat(Display.money(98_000, "JPY", Locale.JAPANESE)).isEqualTo("98,000円");
        assertThat(Display.money(98_000, "JPY", Locale.ENGLISH)).isEqualTo("¥98,000");
        assertThat(Display.money(0, "JPY", Locale.JAPANESE)).isEqualTo("0円");
        assertThat(Display.money(-1_250, "JPY", Locale.JAPANESE)).isEqualTo("-1,250円");
    }

    @Test
    void otherCurrenciesHaveTheirOwnMinorUnits() {
        assertThat(Display.money(1_250, "USD", Locale.ENGLISH)).isEqualTo("USD 12.50");
        assertThat(Display.money(1_250, "USD", Locale.JAPANESE)).isEqualTo("USD 12.50");
        assertThat(Display.money(1_250, "KWD", Locale.ENGLISH)).isEqualTo("KWD 1.250");
        assertThat(Display.money(1_250, "XYZ", Locale.ENGLISH)).as("unknown code: two decimals").isEqualTo("XYZ 12.50");
    }

    @Test
    void anyAmountReadsBackToTheSameMinorUnits() {
        qt().forAll(longs().between(-1_000_000_000_000L, 1_000_000_000_000L)).checkAssert(minor -> {
            assertThat(Long.parseLong(Display.money(minor, "JPY", Locale.JAPANESE).replace(",", "").replace("円", "")))
                    .isEqualTo(minor);
            assertThat(Long.parseLong(Display.money(minor, "USD", Locale.ENGLISH).substring(4).replace(",", "")
                    .replace(".", ""))).isEqualTo(minor);
        });
    }

    @Test
    void timesAreInJapanWithTheirLabelWhateverTheServersZone() {
        Instant utcMidnight = Instant.parse("2026-12-06T15:30:00Z");
        assertThat(Display.time(utcMidnight)).isEqualTo("2026-12-07 00:30 JST");
        assertThat(Display.timeToSecond(utcMidnight.plusSeconds(7))).isEqualTo("2026-12-07 00:30:07 JST");
        assertThat(Display.date(utcMidnight)).isEqualTo("2026-12-07");
        assertThat(Display.date(LocalDate.of(2027, 1, 5))).isEqualTo("2027-01-05");
        assertThat(Display.time(null)).isEmpty();
    }

    @Test
    void listsUseTheReadersPunctuation() {
        assertThat(Display.list(List.of("氏名", "住所"), Locale.JAPANESE)).isEqualTo("氏名、住所");
        assertThat(Display.list(List.of("Name", "Address"), Locale.ENGLISH)).isEqualTo("Name, Address");
        assertThat(Display.list(List.of(), Locale.ENGLISH)).isEmpty();
    }

    @Test
    void aTimeOfDayUnderItsDayIsJapanTimeWithItsLabel() {
        assertThat(Display.timeOfDay(Instant.parse("2026-12-06T15:30:00Z"))).isEqualTo("00:30 JST");
        assertThat(Display.timeOfDay(Instant.parse("2026-12-08T08:30:00Z"))).isEqualTo("17:30 JST");
        assertThat(Display.timeOfDay(null)).isEmpty();
    }
}
