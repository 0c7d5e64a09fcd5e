package dev.anshin.voice;

import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.RetentionRule;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Voices leave {@code anshin.voice.retention} (3 years) after they were received, with their topics and
 * corrections: long enough for the monthly reviews to compare a topic's volume over years and for a complaint to
 * be followed up, no longer. Once no voice of a month is left, the month's key for voices from nobody registered
 * is deleted too ({@link PersonalData#shredUnattributed}): what it sealed is unreadable from then on, backups
 * included.
 */
@Component
class VoiceRetention implements RetentionRule {

    static final String SETTING = "anshin.voice.retention";

    private final VoiceItems items;
    private final PersonalData personalData;
    private final TransactionTemplate transactions;
    private final Duration period;

    VoiceRetention(VoiceItems items, PersonalData personalData, TransactionTemplate transactions,
            @Value("${" + SETTING + ":1095d}") Duration period) {
        this.items = items;
        this.personalData = personalData;
        this.transactions = transactions;
        this.period = RetentionRule.positive(SETTING, period);
    }

    @Override
    public String entry() {
        return VoicePersonalData.VOICES;
    }

    /** Measured from {@code received_at}. */
    @Override
    public Duration period() {
        return period;
    }

    @Override
    public int sweep(Instant cutoff, int limit) {
        return RetentionRule.inTransaction(transactions, () -> {
            int deleted = items.deleteReceivedBefore(cutoff, limit);
            if (deleted == 0) {
                // Every voice of the months before the cutoff's month is gone: their keys go too.
                personalData.shredUnattributed(cutoff);
            }
            return deleted;
        });
    }
}
