package dev.anshin.voice.imports;

import dev.anshin.privacy.Actor;
import dev.anshin.voice.Submission;
import dev.anshin.voice.VoiceIntake;
import dev.anshin.voice.VoiceItem;
import dev.anshin.voice.VoiceRefused;
import dev.anshin.voice.analysis.Kind;
import dev.anshin.voice.analysis.Sentiment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The intake's contract, kept in memory, for the import's tests while the real intake (branch vintake) is not on
 * this branch: refuses an empty or too long text and a voice from the future, and answers {@code created} false for
 * a key stored before (with other content: KEY_REUSED). Remove the import of this class once VoiceIntake has its
 * implementation.
 */
@TestConfiguration(proxyBeanMethods = false)
class StandInIntake {

    /** What was stored, by submitter and key. */
    static final Map<String, Submission> STORED = new ConcurrentHashMap<>();

    @Bean
    VoiceIntake standInVoiceIntake() {
        return StandInIntake::receive;
    }

    static VoiceItem receive(Actor actor, Submission s) {
        if (s.text() == null || s.text().isBlank()) {
            throw new VoiceRefused(VoiceRefused.Reason.EMPTY_TEXT, "text");
        }
        if (s.text().length() > VoiceIntake.MAX_TEXT_LENGTH) {
            throw new VoiceRefused(VoiceRefused.Reason.TEXT_TOO_LONG, "text");
        }
        if (s.receivedAt().isAfter(Instant.now().plusSeconds(300))) {
            throw new VoiceRefused(VoiceRefused.Reason.RECEIVED_IN_FUTURE, "receivedAt");
        }
        String key = s.submittedBy() + "\u0000" + s.voiceKey();
        Submission before = STORED.putIfAbsent(key, s);
        if (before != null && !(before.text().equals(s.text()) && before.receivedAt().equals(s.receivedAt()))) {
            throw new VoiceRefused(VoiceRefused.Reason.KEY_REUSED, "voiceId");
        }
        return new VoiceItem(UUID.randomUUID().toString(), s.source(), s.channel(), s.receivedAt(), Instant.now(),
                s.customerId(), s.text(), Kind.INQUIRY, List.of(), Sentiment.NEUTRAL, "CONTACT_CENTER", "stand-in",
                false, before == null);
    }
}
