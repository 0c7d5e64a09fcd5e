package dev.anshin.fraud.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.fraud.models.ModelRegistry.Status;
import dev.anshin.training.TrainedModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The administrators' model page through MockMvc: the registry with metrics and status, activation
 * and roll-back only when confirmed and only from a current page (a form sent twice rolls back once),
 * training refused with a message next to the window, analysts reading only, customer service not at
 * all, and every change in the registry's audit trail and the audit log.
 */
class ModelsPageIntegrationTest extends IntegrationTestSupport {

    @Autowired
    ModelRegistry registry;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void retireEverything() {
        // Other tests expect rules-only decisions: leave no model deciding.
        registry.list().stream().filter(m -> m.status() != Status.RETIRED)
                .forEach(m -> registry.retire(m.version(), "test-cleanup"));
    }

    private String register() throws IOException {
        String json;
        try (var in = ModelsPageIntegrationTest.class.getResourceAsStream("/models/amount-model.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return registry.register(new TrainedModel(json, List.of("amount"), null, null, null, null,
                Map.of("train_auc", 0.912345, "rows", 12345.0)), "test").version();
    }

    private static String newAdmin() {
        return "admin-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theRegistryIsListedWithMetricsAndStatus() throws Exception {
        String version = register();
        String page = page(get("/console/admin/models"), admin(newAdmin()));
        assertThat(page).contains("data-model=\"" + version + "\" data-status=\"SHADOW\"").contains("AUC（学習データ）")
                .contains("0.912").contains("12,345").contains("シャドー（比較のみ）").contains("id=\"train-form\"");
        String english = mvc.perform(get("/console/admin/models").param("lang", "en").with(admin(newAdmin())))
                .andReturn().getResponse().getContentAsString();
        assertThat(english).contains("AUC (training)").contains("Shadow (compared)");
    }

    @Test
    void activationNeedsAConfirmationAndIsAudited() throws Exception {
        String first = register();
        String who = newAdmin();
        mvc.perform(post("/console/admin/models/" + first + "/activate").with(csrf()).with(admin(who))
                        .param("active", ""))
                .andExpect(status().isUnprocessableContent());
        assertThat(registry.find(first).orElseThrow().status()).isEqualTo(Status.SHADOW);

        mvc.perform(post("/console/admin/models/" + first + "/activate").with(csrf()).with(admin(who))
                        .param("active", "").param("confirmed", "yes"))
                .andExpect(status().is3xxRedirection());
        assertThat(registry.find(first).orElseThrow().status()).isEqualTo(Status.ACTIVE);
        assertThat(registry.audit().stream().filter(e -> e.modelVersion().equals(first)).findFirst().orElseThrow())
                .satisfies(e -> {
                    assertThat(e.action()).isEqualTo("ACTIVATE");
                    assertThat(e.actor()).isEqualTo(who);
                });
        // The audit log's path, like the API's: a version (its digits read like a number) is redacted there;
        // the registry's own trail above names it.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND action = ? AND outcome = ?")
                .params(who, "POST /console/admin/models/(redacted)/activate", "SUCCESS").query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND action = ? AND outcome = ?")
                .params(who, "POST /console/admin/models/(redacted)/activate", "FAILURE").query(Long.class).single())
                .as("the unconfirmed one").isEqualTo(1);
        // Sent again: active already, nothing changes.
        mvc.perform(post("/console/admin/models/" + first + "/activate").with(csrf()).with(admin(who))
                        .param("active", "").param("confirmed", "yes"))
                .andExpect(status().is3xxRedirection());
        assertThat(registry.audit().stream().filter(e -> e.modelVersion().equals(first))).hasSize(2);
    }

    @Test
    void aRollBackFromAStalePageIsRefusedSoItHappensOnce() throws Exception {
        String first = register();
        String second = register();
        registry.activate(first, "test");
        registry.activate(second, "test");
        String who = newAdmin();
        mvc.perform(post("/console/admin/models/rollback").with(csrf()).with(admin(who))
                .param("active", second).param("confirmed", "yes")).andExpect(status().is3xxRedirection());
        // The same form again: the registry changed since, so it is refused as stale, in the page's language.
        String again = mvc.perform(post("/console/admin/models/rollback").with(csrf()).with(admin(who))
                        .param("active", second).param("confirmed", "yes"))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(again).contains("モデル登録簿が変更されました").doesNotContain("The active model is");
        assertThat(registry.active().orElseThrow().version()).isEqualTo(first);
        assertThat(registry.audit().stream().filter(e -> e.action().equals("ROLLBACK") && e.actor().equals(who)))
                .hasSize(1);
        String stale = mvc.perform(post("/console/admin/models/" + second + "/activate").with(csrf())
                        .with(admin(who)).param("active", second).param("confirmed", "yes"))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(stale).contains("id=\"error\"");
        assertThat(registry.active().orElseThrow().version()).isEqualTo(first);
    }

    @Test
    void aStaleRetireFormDoesNotRetireTheModelThatBecameActive() throws Exception {
        String version = register();
        String who = newAdmin();
        // The page showed it as a shadow; it was activated since.
        registry.activate(version, "test");
        String page = mvc.perform(post("/console/admin/models/" + version + "/retire").with(csrf()).with(admin(who))
                        .param("status", "SHADOW").param("confirmed", "yes"))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("モデル登録簿が変更されました");
        assertThat(registry.active().orElseThrow().version()).isEqualTo(version);
        // A form without the status it was shown for is refused too.
        mvc.perform(post("/console/admin/models/" + version + "/retire").with(csrf()).with(admin(who))
                        .param("confirmed", "yes"))
                .andExpect(status().isConflict());
        assertThat(registry.active().orElseThrow().version()).isEqualTo(version);
        // Shown as ACTIVE now: retired.
        mvc.perform(post("/console/admin/models/" + version + "/retire").with(csrf()).with(admin(who))
                        .param("status", "ACTIVE").param("confirmed", "yes"))
                .andExpect(status().is3xxRedirection());
        assertThat(registry.active()).isEmpty();
    }

    @Test
    void aRollBackWithNoActiveModelSaysSoInTheReadersLanguageNotAsStale() throws Exception {
        assertThat(registry.active()).isEmpty();
        String page = mvc.perform(post("/console/admin/models/rollback").with(csrf()).with(admin(newAdmin()))
                        .param("active", "").param("confirmed", "yes").param("lang", "en"))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("no model is active, so there is nothing to roll back")
                .doesNotContain("the registry changed since").doesNotContain("No model is active.");
    }

    @Test
    void aOneDayTrainingWindowIsAccepted() throws Exception {
        String page = mvc.perform(post("/console/admin/models/train").with(csrf()).with(admin(newAdmin()))
                        .param("from", "2001-01-01").param("to", "2001-01-01")
                        .param("formId", UUID.randomUUID().toString()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        // Refused for want of frauds that day, not for the window's order.
        assertThat(page).contains("不正と正常の両方が必要").doesNotContain("開始日と同じ日か");
    }

    @Test
    void trainingOnAWindowWithoutFraudsIsRefusedNextToTheWindow() throws Exception {
        int before = registry.list().size();
        String page = mvc.perform(post("/console/admin/models/train").with(csrf()).with(admin(newAdmin()))
                        .param("from", "2001-01-01").param("to", "2001-01-31")
                        .param("formId", UUID.randomUUID().toString()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"from-error\"").contains("不正と正常の両方が必要");
        String bad = mvc.perform(post("/console/admin/models/train").with(csrf()).with(admin(newAdmin()))
                        .param("from", "2001-13-01").param("to", "2001-01-01"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(bad).contains("id=\"from-error\"").contains("value=\"2001-13-01\"");
        assertThat(registry.list()).hasSize(before);
    }

    @Test
    void analystsReadTheRegistryButCannotChangeItAndCustomerServiceCannotOpenIt() throws Exception {
        String version = register();
        RequestPostProcessor analyst = user("analyst-" + version).roles("ANALYST");
        String page = page(get("/console/admin/models"), analyst);
        assertThat(page).contains("data-model=\"" + version + "\"").doesNotContain("/activate")
                .doesNotContain("id=\"train-form\"");
        mvc.perform(post("/console/admin/models/" + version + "/activate").with(csrf()).with(analyst)
                        .param("active", "").param("confirmed", "yes"))
                .andExpect(status().isForbidden());
        RequestPostProcessor support = user("support-" + version).roles("CUSTOMER_SERVICE");
        mvc.perform(get("/console/admin/models").with(support)).andExpect(status().isForbidden());
        mvc.perform(post("/console/admin/models/" + version + "/activate").with(csrf()).with(support)
                        .param("active", "").param("confirmed", "yes"))
                .andExpect(status().isForbidden());
        assertThat(registry.find(version).orElseThrow().status()).isEqualTo(Status.SHADOW);
    }

    @Test
    void aRollBackIsOfferedOnlyWhenThereIsAModelToGoBackTo() throws Exception {
        // No model was ever active before (the history other tests left is cleared): nothing to go back to.
        jdbc.sql("DELETE FROM model_audit WHERE action IN ('ACTIVATE', 'ROLLBACK')").update();
        String only = register();
        registry.activate(only, "test");
        String one = mvc.perform(get("/console/admin/models").with(admin(newAdmin()))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(one).contains("id=\"active-version\"").doesNotContain("id=\"rollback\"")
                .doesNotContain("一つ前のモデルに戻す");

        String next = register();
        registry.activate(next, "test");
        String two = mvc.perform(get("/console/admin/models").with(admin(newAdmin()))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(two).contains("id=\"rollback\"").contains("一つ前に有効だったモデル " + only + " が再び判定します");
    }
}
