package dev.anshin.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.privacy.PersonalField;
import org.junit.jupiter.api.Test;

class DemoPeopleTest {

    @Test
    void theCardholderWhoSignsInAsHanakoIsHanakoWhateverTheSeed() {
        for (long seed : new long[] {1, 42, 20_261_207}) {
            var person = new DemoPeople(seed).person(DemoPeople.PORTAL_CARDHOLDER);
            assertThat(person.get(PersonalField.NAME_KANJI)).isEqualTo("山田　花子");
            assertThat(person.get(PersonalField.NAME_KANA)).isEqualTo("ヤマダ　ハナコ");
            assertThat(person.get(PersonalField.EMAIL)).startsWith("hanako.yamada.");
        }
    }

    @Test
    void everyoneElseKeepsTheNameTheSeedGivesThem() {
        assertThat(new DemoPeople(42).person(1)).isEqualTo(new DemoPeople(42).person(1));
        assertThat(java.util.stream.IntStream.range(1, 40).mapToObj(i -> new DemoPeople(42).person(i)
                .get(PersonalField.NAME_KANJI)).distinct().count()).isGreaterThan(10);
    }
}
