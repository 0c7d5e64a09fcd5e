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

    private static void assertRefused(String text, VoiceRefused.Reason reason) {
        assertThatThrownBy(() -> VoiceReception.checkedText(text)).isInstanceOfSatisfying(VoiceRefused.class,
                refused -> {
                    assertThat(refused.reason()).isEqualTo(reason);
                    assertThat(refused.field()).isEqualTo("text");
                });
    }
}
