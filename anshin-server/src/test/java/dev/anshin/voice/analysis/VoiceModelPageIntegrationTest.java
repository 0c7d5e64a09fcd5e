package dev.anshin.voice.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The classifier's page: the active model's scores in Japanese and English, retraining by POST with CSRF, the door. */
class VoiceModelPageIntegrationTest extends IntegrationTestSupport {

    @Autowired
    JdbcClient jdbc;

    private static RequestPostProcessor cx(String name) {
        return SecurityMockMvcRequestPostProcessors.user(name).roles(Role.CUSTOMER_EXPERIENCE.name());
    }

    @Test
    void showsTheActiveModelAndItsScoresPerLabelInBothLanguages() throws Exception {
        String ja = page(get("/voice/model").locale(Locale.JAPANESE), cx("cx-page"));
        assertThat(ja).contains("分類モデル", "使用中のモデル", "トピックごとの精度", "不正利用・セキュリティ", "適合率", "今すぐ再学習");
        String active = jdbc.sql("SELECT version FROM voice_models WHERE status = 'ACTIVE'").query(String.class).single();
        assertThat(ja).contains(active);
        String en = page(get("/voice/model").locale(Locale.ENGLISH), cx("cx-page"));
        assertThat(en).contains("Classifier", "Scores by topic", "Fraud and security", "Precision", "Retrain now");
    }

    @Test
    void retrainNowStoresAModelAndSaysWhatHappened() throws Exception {
        int before = jdbc.sql("SELECT COUNT(*) FROM voice_models").query(Integer.class).single();
        page(get("/voice/model"), cx("cx-retrain"));
        int trained = jdbc.sql("SELECT COUNT(*) FROM voice_models").query(Integer.class).single();

        mvc.perform(post("/voice/model/retrain").with(cx("cx-retrain")).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/voice/model"));

        assertThat(jdbc.sql("SELECT COUNT(*) FROM voice_models").query(Integer.class).single()).isEqualTo(trained + 1);
        assertThat(trained).isGreaterThanOrEqualTo(Math.max(before, 1));
        assertThat(jdbc.sql("SELECT trained_by FROM voice_models ORDER BY trained_at DESC, version DESC")
                .query(String.class).list().get(0)).isEqualTo("cx-retrain");
    }

    @Test
    void retrainingNeedsCsrfAndTheRole() throws Exception {
        mvc.perform(post("/voice/model/retrain").with(cx("cx-nocsrf"))).andExpect(status().isForbidden());
        mvc.perform(get("/voice/model").with(admin("an-admin"))).andExpect(status().isForbidden());
    }
}
