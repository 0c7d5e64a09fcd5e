package dev.anshin.voice.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.audit.AuditLog;
import dev.anshin.privacy.Actor;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The models in use: the first trained and stored at first use, a retraining from corrected items (inserted as the
 * product writes them) stored with its metrics and activated, a worse-than-allowed candidate stored REJECTED.
 */
class VoiceModelsIntegrationTest extends IntegrationTestSupport {

    @Autowired
    VoiceModels models;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AuditLog audit;

    @Autowired
    JsonMapper json;

    private final Actor staff = new Actor("cx-" + UUID.randomUUID().toString().substring(0, 8),
            Set.of(Role.CUSTOMER_EXPERIENCE), "127.0.0.1");

    @Test
    void theActiveModelIsStoredAndSaysWhichItIs() {
        Analysis analysis = models.analyze("カードが3週間たっても届きません。どうなっていますか");
        String status = jdbc.sql("SELECT status FROM voice_models WHERE version = :v")
                .param("v", analysis.modelVersion()).query(String.class).single();
        assertThat(status).isEqualTo("ACTIVE");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM voice_models WHERE status = 'ACTIVE'").query(Integer.class).single())
                .isEqualTo(1);
        VoiceModels.StoredModel active = models.activeModel();
        assertThat(active.metrics().items()).isEqualTo(VoiceCorpus.load().test().size());
        assertThat(active.metrics().kinds()).containsKeys("REQUEST", "COMPLAINT", "PRAISE", "INQUIRY");
    }

    @Test
    void retrainingLearnsFromCorrectionsAndActivatesTheCandidate() {
        String first = correctedItem("ポイントの交換画面でエラーが出て交換できないのでなおしてほしい", Kind.REQUEST,
                List.of(Topic.POINTS, Topic.WEB_APP), Sentiment.NEGATIVE);
        correctedItem("［氏名］様の説明がとても分かりやすかったです", Kind.PRAISE, List.of(Topic.CALL_CENTER),
                Sentiment.POSITIVE);
        assertThat(models.corrections()).anySatisfy(item -> {
            assertThat(item.id()).isEqualTo(first);
            assertThat(item.topics()).containsExactly(Topic.POINTS, Topic.WEB_APP);
        });

        VoiceModels.Retraining retraining = models.retrain(staff);

        assertThat(retraining.correctionsUsed()).isGreaterThanOrEqualTo(2);
        assertThat(retraining.activated()).isTrue();
        assertThat(models.model().version()).isEqualTo(retraining.version());
        assertThat(models.analyze("テスト").modelVersion()).isEqualTo(retraining.version());
        VoiceModels.StoredModel stored = models.activeModel();
        assertThat(stored.trainedBy()).isEqualTo(staff.name());
        assertThat(stored.correctionsUsed()).isEqualTo(retraining.correctionsUsed());
        assertThat(stored.metrics().kindAccuracy()).isEqualTo(retraining.candidate().kindAccuracy());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM voice_models WHERE status = 'ACTIVE'").query(Integer.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = :a AND action = 'voice-model-activated'")
                .param("a", staff.name()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aCandidateWorseThanTheMarginAllowsIsStoredRejected() {
        String activeBefore = models.model().version();
        VoiceModels strict = new VoiceModels(jdbc, transactions, audit, json, Optional.empty(), -1.0);

        VoiceModels.Retraining retraining = strict.retrain(staff);

        assertThat(retraining.activated()).isFalse();
        assertThat(retraining.reason()).contains("held-out score");
        assertThat(jdbc.sql("SELECT status FROM voice_models WHERE version = :v").param("v", retraining.version())
                .query(String.class).single()).isEqualTo("REJECTED");
        assertThat(strict.model().version()).isEqualTo(activeBefore);
        assertThat(models.history()).anySatisfy(m -> {
            assertThat(m.version()).isEqualTo(retraining.version());
            assertThat(m.status()).isEqualTo(VoiceModels.Status.REJECTED);
        });
    }

    @Test
    void aModelActivatedOnAnotherServerIsPickedUpAtTheNextPoll() {
        VoiceModels here = new VoiceModels(jdbc, transactions, audit, json, Optional.empty(), 0.02);
        String before = here.model().version();
        VoiceModels elsewhere = new VoiceModels(jdbc, transactions, audit, json, Optional.empty(), 1.0);

        VoiceModels.Retraining retraining = elsewhere.retrain(staff);

        assertThat(retraining.activated()).isTrue();
        assertThat(here.model().version()).isEqualTo(before);
        here.followActive();
        assertThat(here.model().version()).isEqualTo(retraining.version()).isNotEqualTo(before);
        here.followActive();
        assertThat(here.model().version()).isEqualTo(retraining.version());
    }

    /** An item analysed, then corrected by staff: the item's columns, its ranked topics, the correction row. */
    private String correctedItem(String redacted, Kind kind, List<Topic> topics, Sentiment sentiment) {
        String id = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("INSERT INTO voice_items (id, source, submitted_by, voice_key, channel, received_at, recorded_at,"
                        + " customer_id, seal_key, original_text, redacted_text, kind, sentiment, department, model_version,"
                        + " corrected) VALUES (:id, 'STAFF', 'cx', :key, 'STORE', :now, :now, NULL, NULL, NULL, :text,"
                        + " :kind, :sentiment, 'STORES', 'v0', TRUE)")
                .param("id", id).param("key", id).param("now", now).param("text", redacted).param("kind", kind.name())
                .param("sentiment", sentiment.name()).update();
        for (int rank = 0; rank < topics.size(); rank++) {
            jdbc.sql("INSERT INTO voice_item_topics (item_id, topic, topic_rank) VALUES (:id, :topic, :rank)")
                    .param("id", id).param("topic", topics.get(rank).name()).param("rank", rank).update();
        }
        jdbc.sql("INSERT INTO voice_corrections (id, item_id, corrected_at, corrected_by, kind_before, kind_after,"
                        + " topics_before, topics_after, sentiment_before, sentiment_after) VALUES (:cid, :id, :now, 'cx',"
                        + " 'INQUIRY', :kind, 'STORE_COUNTER', :topics, 'NEUTRAL', :sentiment)")
                .param("cid", UUID.randomUUID().toString()).param("id", id).param("now", now)
                .param("kind", kind.name()).param("topics", String.join(",", topics.stream().map(Enum::name).toList()))
                .param("sentiment", sentiment.name()).update();
        return id;
    }
}
