package dev.anshin.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The intake's checks of the words, without Spring: trimmed, not blank, at most 2000 characters, storable. */
class VoiceReceptionTest {

    @Test
    void theTextIsTrimmedOfSpacesIncludingIdeographicOnes() {
        assertThat(VoiceReception.checkedText("　 ポイントについて \n")).isEqualTo("ポイントについて");
    }

    @Test
    void aBlankTextIsRefusedAsEmptyAndNoTextAsMissing() {
        assertRefused(" \t\n　", VoiceRefused.Reason.EMPTY_TEXT);
        assertRefused("", VoiceRefused.Reason.EMPTY_TEXT);
        assertRefused(null, VoiceRefused.Reason.MISSING);
    }

    @Test
    void theLimitCountsCharactersNotUtf16Units() {
        assertThat(VoiceReception.checkedText("𩸽".repeat(VoiceIntake.MAX_TEXT_LENGTH))).hasSize(2 * 2000);
        assertRefused("𩸽".repeat(VoiceIntake.MAX_TEXT_LENGTH + 1), VoiceRefused.Reason.TEXT_TOO_LONG);
        assertThat(VoiceReception.checkedText("あ".repeat(VoiceIntake.MAX_TEXT_LENGTH))).hasSize(2000);
        assertRefused("あ".repeat(VoiceIntake.MAX_TEXT_LENGTH + 1), VoiceRefused.Reason.TEXT_TOO_LONG);
    }

    @Test
    void controlCharactersAndLoneSurrogatesAreMadeStorableAndLineBreaksKept() {
        assertThat(VoiceReception.storable("a\u0000b\r\nc\rd\te\u0007")).isEqualTo("ab\nc\nd\te");
        assertThat(VoiceReception.storable("x\uD800y")).isEqualTo("x\uFFFDy");
        assertThat(VoiceReception.storable("😀")).isEqualTo("😀");
    }

    @Test
    void xmlIllegalAndInvisibleCharactersAreDroppedAndEmojiSequencesKept() {
        assertThat(VoiceReception.storable("a\uFFFFb\uFFFEc")).isEqualTo("abc");
        assertThat(VoiceReception.storable("4111\u200B1111\u00AD1111\u20601111\uFEFF")).isEqualTo("4111111111111111");
        assertThat(VoiceReception.storable("moc.\u202Eelgoog\u2066x\u2069\u200E")).isEqualTo("moc.elgoogx");
        assertThat(VoiceReception.storable("\u3164名前\uDB40\uDC41")).isEqualTo("名前");
        assertThat(VoiceReception.storable("👨\u200D👩\u200D👧")).isEqualTo("👨\u200D👩\u200D👧");
        assertThat(VoiceReception.storable("❤\uFE0F\u200D🔥")).isEqualTo("❤\uFE0F\u200D🔥");
        assertThat(VoiceReception.storable("1\u200D2")).isEqualTo("12");
    }

    @Test
    void aFormTokenIsAKeyOnlyWhenItIsOne() {
        assertThat(OpinionPages.key("5b0e7c1a-9f2d-4e3b-8a6c-1d2e3f4a5b6c")).isNotNull();
        assertThat(OpinionPages.key("anything")).isNull();
        assertThat(OpinionPages.key(null)).isNull();
    }

    private static void assertRefused(String text, VoiceRefused.Reason reason) {
        assertThatThrownBy(() -> VoiceReception.checkedText(text)).isInstanceOfSatisfying(VoiceRefused.class,
                refused -> {
                    assertThat(refused.reason()).isEqualTo(reason);
                    assertThat(refused.field()).isEqualTo("text");
                });
    }
}
