package dev.anshin.disputes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class MerchantDirectoryTest {

    private final MerchantDirectory directory = MerchantDirectory.standard();

    @Test
    void descriptorsAsPrintedOnStatementsFindTheirBrand() {
        assertThat(directory.lookup("NETFLIX.COM 866-579-7172 CA")).get()
                .satisfies(b -> {
                    assertThat(b.nameEn()).isEqualTo("Netflix");
                    assertThat(b.kind()).isEqualTo(MerchantDirectory.Kind.SUBSCRIPTION);
                    assertThat(b.recurring()).isTrue();
                });
        assertThat(directory.lookup("APPLE.COM/BILL ITUNES.COM")).get().extracting(MerchantDirectory.Brand::nameEn)
                .asString().startsWith("Apple");
        assertThat(directory.lookup("AMZN Mktp JP*2K4XXXX")).get().extracting(MerchantDirectory.Brand::nameJa)
                .isEqualTo("Amazon マーケットプレイス");
        assertThat(directory.lookup("7-ELEVEN SHINJUKU 3CHOME")).get().extracting(MerchantDirectory.Brand::nameEn)
                .isEqualTo("7-Eleven");
    }

    @Test
    void theLongestPrefixWinsOnWordBoundaries() {
        assertThat(directory.lookup("GOOGLE *YouTube Premium")).get().extracting(MerchantDirectory.Brand::nameEn)
                .isEqualTo("YouTube Premium");
        assertThat(directory.lookup("GOOGLE *Google Play")).get().extracting(MerchantDirectory.Brand::kind)
                .isEqualTo(MerchantDirectory.Kind.DIGITAL_CONTENT);
        assertThat(directory.lookup("UBER *EATS PENDING")).get().extracting(MerchantDirectory.Brand::nameEn)
                .isEqualTo("Uber Eats");
        assertThat(directory.lookup("UBER *TRIP")).get().extracting(MerchantDirectory.Brand::nameEn).isEqualTo("Uber");
        assertThat(directory.lookup("UBERTOOTH ELECTRONICS")).isEmpty();
        assertThat(directory.lookup("UNKNOWN SHOP TOKYO")).isEmpty();
        assertThat(directory.lookup(null)).isEmpty();
    }

    @Test
    void fullWidthAndHalfWidthFormsCompareEqual() {
        assertThat(MerchantDirectory.normalize("ＮＥＴＦＬＩＸ．ＣＯＭ")).isEqualTo("NETFLIX COM");
        assertThat(MerchantDirectory.normalize("ﾒﾙｶﾘ")).isEqualTo("メルカリ");
        assertThat(directory.lookup("ｍｅｒｃａｒｉ　東京")).get().extracting(MerchantDirectory.Brand::nameJa)
                .isEqualTo("メルカリ");
    }

    @Test
    void aMalformedLineIsRefusedWithItsNumber() {
        assertThatThrownBy(() -> MerchantDirectory.parse(new BufferedReader(new StringReader(
                "# comment\nprefix\tbrand_ja\tbrand_en\tkind\trecurring\nFOO\tフー\tFoo\tSUBSCRIPTION\n"))))
                .hasMessageContaining("line 3");
    }
}
