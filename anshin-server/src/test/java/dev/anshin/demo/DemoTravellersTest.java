package dev.anshin.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.anshin.problems.Luhn;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DemoTravellersTest {

    private static final List<String> TERMINALS = List.of("0001", "0002", "0003");

    @Test
    void everyTravellersCardIsAValidNumberInTheirCountrysBin() {
        Map<String, String> bins = DemoTravellers.binCountries();
        qt().forAll(integers().between(0, 999_999_999)).checkAssert(i -> {
            String pan = DemoTravellers.pan(i);
            assertThat(pan).hasSize(16);
            assertThat(Luhn.isValid(pan)).isTrue();
            assertThat(bins.get(pan.substring(0, 6))).isEqualTo(DemoTravellers.origin(i).country())
                    .isNotEqualTo(DemoTravellers.HOME_COUNTRY);
        });
    }

    @Test
    void theBinTableHasTheDemosOwnBinInJapanAndOneBinPerTravellersCountry() {
        assertThat(DemoTravellers.binCountries()).containsEntry(DemoCards.BIN, "JP")
                .containsEntry("498770", "KR").containsEntry("498771", "TW").containsEntry("498772", "US")
                .containsEntry("498773", "AU").hasSize(5);
    }

    @Test
    void travellersComeFromEachCountryByItsShare() {
        long korea = IntStream.range(0, 100).filter(i -> DemoTravellers.origin(i).country().equals("KR")).count();
        long australia = IntStream.range(0, 100).filter(i -> DemoTravellers.origin(i).country().equals("AU")).count();
        assertThat(korea).isEqualTo(40);
        assertThat(australia).isEqualTo(10);
    }

    @Test
    void theHistoryIsTheSameOnEveryStartAndNothingInItIsInTheFuture() {
        DemoTravellers travellers = new DemoTravellers(20, 42);
        LocalDate from = LocalDate.of(2026, 11, 16);
        LocalDate to = LocalDate.of(2026, 12, 7);
        Instant now = Instant.parse("2026-12-07T09:30:00Z");
        List<DemoTravellers.Purchase> first = travellers.purchases(from, to, now, TERMINALS);
        assertThat(first).isNotEmpty().isEqualTo(new DemoTravellers(20, 42).purchases(from, to, now, TERMINALS));
        assertThat(first).allSatisfy(p -> assertThat(p.at()).isBefore(now));
        assertThat(first.stream().map(DemoTravellers.Purchase::authorizationId).distinct().count())
                .isEqualTo(first.size());
        assertThat(first.stream().map(DemoTravellers.Purchase::traveller).distinct().count()).isEqualTo(20);
    }

    @Test
    void aTravellerIsMadeUpTheSameEveryTime() {
        DemoTravellers travellers = new DemoTravellers(5, 42);
        assertThat(travellers.person(3)).isEqualTo(new DemoTravellers(5, 42).person(3));
        assertThat(travellers.person(3).get(dev.anshin.privacy.PersonalField.EMAIL)).endsWith("@example.com");
        assertThat(travellers.customerNumber(3)).isEqualTo("DT00000003");
    }
}
