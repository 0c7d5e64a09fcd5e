package dev.anshin.fraud.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.fraud.rules.RuleBook.RuleVersion;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The administrators' rule pages through MockMvc: the list in words, adding, changing, turning off
 * and deleting a rule with the rule book's checks shown next to the field, a form sent twice doing
 * nothing twice, a stale form refused, analysts reading only, customer service not at all, and every
 * change audited as the API's are. Each rule names a merchant of its own, so it decides nothing in
 * other tests.
 */
class RulesPageIntegrationTest extends IntegrationTestSupport {

    @Autowired
    RuleBook rules;

    @Autowired
    JdbcClient jdbc;

    private static RequestPostProcessor analyst() {
        return user("analyst-" + UUID.randomUUID().toString().substring(0, 6)).roles("ANALYST");
    }

    private static String newRuleId() {
        return "page-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A form: a merchant list (so the rule never matches elsewhere) and an amount threshold. */
    private static MockHttpServletRequestBuilder form(String path, String id, String merchant, String threshold) {
        return form(path, id, merchant, threshold, Map.of());
    }

    private static MockHttpServletRequestBuilder form(String path, String id, String merchant, String threshold,
            Map<String, String> changed) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("id", id);
        fields.put("description", "Large amounts at test merchant " + merchant);
        fields.put("action", "DECLINE");
        fields.put("enabled", "true");
        fields.putAll(Map.of("type0", "inList", "attribute0", "MERCHANT", "values0", merchant, "feature0", "",
                "comparison0", "", "value0", ""));
        fields.putAll(Map.of("type1", "feature", "feature1", "amount", "comparison1", "GT", "value1", threshold,
                "attribute1", "", "values1", ""));
        fields.putAll(Map.of("type2", "", "feature2", "", "comparison2", "", "value2", "", "attribute2", "",
                "values2", ""));
        fields.putAll(changed);
        MockHttpServletRequestBuilder request = post(path).with(csrf());
        fields.forEach(request::param);
        return request;
    }

    private long audited(String actor, String action, String outcome) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND action = ? AND outcome = ?")
                .params(actor, action, outcome).query(Long.class).single();
    }

    @Test
    void anAdministratorAddsARuleThatIsListedInWordsAndAudited() throws Exception {
        String id = newRuleId();
        String merchant = "m-" + id;
        String who = "admin-" + id;
        mvc.perform(form("/console/admin/rules", id, merchant, "100000").with(admin(who)))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/console/admin/rules"));

        RuleVersion stored = rules.find(id).orElseThrow();
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.changedBy()).isEqualTo(who);
        assertThat(stored.definition().condition().type()).isEqualTo("allOf");

        String page = page(get("/console/admin/rules"), admin(who));
        assertThat(page).contains("data-rule=\"" + id + "\"").contains("金額 &gt; 100000")
                .contains("加盟店ID が " + merchant + " のいずれか").contains("拒否");
        String english = mvc.perform(get("/console/admin/rules").param("lang", "en").with(admin(who)))
                .andReturn().getResponse().getContentAsString();
        assertThat(english).contains("Amount &gt; 100000").contains("Merchant id is one of " + merchant);
        assertThat(audited(who, "POST /console/admin/rules", "SUCCESS")).isEqualTo(1);
    }

    @Test
    void badInputIsShownNextToItsFieldAndNothingIsStored() throws Exception {
        String id = newRuleId();
        String who = "admin-" + id;
        String page = mvc.perform(form("/console/admin/rules", id, "m-" + id, "10,000").with(admin(who)))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"value1-error\"").contains("100000 や 0.5 のような数値")
                .contains("aria-invalid=\"true\"")
                .as("the input is kept").contains("value=\"10,000\"");
        assertThat(rules.find(id)).isEmpty();

        // The rule book's own checks, next to their field too: a bad id, no description.
        String second = mvc.perform(form("/console/admin/rules", "Bad Id!", "m-" + id, "5", Map.of("description", " "))
                        .with(admin(who)))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(second).contains("id=\"id-error\"").contains("id=\"description-error\"");

        // An unknown feature (a forged form): the message is the readable one, next to its row.
        String third = mvc.perform(form("/console/admin/rules", id, "m-" + id, "5", Map.of("feature1", "shoe_size"))
                        .with(admin(who)))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(third).contains("id=\"feature1-error\"").contains("比較する値を選んでください");
        assertThat(rules.find(id)).isEmpty();
        assertThat(audited(who, "POST /console/admin/rules", "FAILURE")).isEqualTo(3);
    }

    @Test
    void theSameFormSentTwiceAddsOneRuleAndAStaleChangeIsRefused() throws Exception {
        String id = newRuleId();
        String who = "admin-" + id;
        for (int i = 0; i < 2; i++) {
            mvc.perform(form("/console/admin/rules", id, "m-" + id, "5000").with(admin(who)))
                    .andExpect(status().is3xxRedirection());
        }
        assertThat(rules.history().stream().filter(v -> v.id().equals(id))).hasSize(1);

        // Changed from version 1, twice: the second send changes nothing.
        for (int i = 0; i < 2; i++) {
            mvc.perform(form("/console/admin/rules/" + id, id, "m-" + id, "6000", Map.of("version", "1"))
                            .with(admin(who)))
                    .andExpect(status().is3xxRedirection());
        }
        assertThat(rules.find(id).orElseThrow().version()).isEqualTo(2);

        // Another change from the page shown at version 1: stale, refused, the input kept.
        String stale = mvc.perform(form("/console/admin/rules/" + id, id, "m-" + id, "7000", Map.of("version", "1"))
                        .with(admin("someone-else")))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(stale).contains("現在バージョン 2").contains("value=\"7000\"")
                .as("sent again, it is meant over version 2").contains("name=\"version\" value=\"2\"");
        assertThat(rules.find(id).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void aRuleIsTurnedOffAndDeletedOnlyWhenConfirmed() throws Exception {
        String id = newRuleId();
        String who = "admin-" + id;
        mvc.perform(form("/console/admin/rules", id, "m-" + id, "5000").with(admin(who)))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/console/admin/rules/" + id + "/enabled").with(csrf()).with(admin(who))
                        .param("enabled", "false").param("version", "1"))
                .andExpect(status().is3xxRedirection());
        assertThat(rules.find(id).orElseThrow().definition().enabled()).isFalse();

        String unconfirmed = mvc.perform(post("/console/admin/rules/" + id + "/delete").with(csrf()).with(admin(who))
                        .param("version", "2"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(unconfirmed).contains("id=\"delete-error\"")
                .as("the language switch opens the rule, not the form's address")
                .contains("href=\"/console/admin/rules/" + id + "?lang=en\"");
        assertThat(rules.find(id)).isPresent();

        mvc.perform(post("/console/admin/rules/" + id + "/delete").with(csrf()).with(admin(who))
                        .param("version", "2").param("confirmed", "yes"))
                .andExpect(status().is3xxRedirection());
        assertThat(rules.find(id)).isEmpty();
        assertThat(rules.history().stream().filter(v -> v.id().equals(id)).toList())
                .extracting(RuleVersion::deleted).containsExactly(false, false, true);
        // Sent again: deleted already, nothing to do.
        mvc.perform(post("/console/admin/rules/" + id + "/delete").with(csrf()).with(admin(who))
                        .param("version", "2").param("confirmed", "yes"))
                .andExpect(status().is3xxRedirection());
        assertThat(rules.history().stream().filter(v -> v.id().equals(id))).hasSize(3);
        // The path as the audit log keeps it (a segment that reads like a number is redacted, as in the API's).
        assertThat(audited(who, "POST " + dev.anshin.audit.AuditEvent.safePath("/console/admin/rules/" + id + "/delete"),
                "SUCCESS")).isEqualTo(2);
    }

    @Test
    void analystsReadTheRulesButCannotChangeThemAndCustomerServiceCannotOpenThem() throws Exception {
        String id = newRuleId();
        rules.create(new RuleDefinition(id, "Test rule", "REVIEW", true, new RuleDefinition.ConditionDefinition(
                "inList", null, null, null, "MERCHANT", java.util.List.of("m-" + id), null)), "test");
        String page = page(get("/console/admin/rules"), analyst());
        assertThat(page).contains("data-rule=\"" + id + "\"").doesNotContain("/console/admin/rules/" + id + "/enabled")
                .doesNotContain("id=\"new-rule\"");
        mvc.perform(get("/console/admin/rules/" + id).with(analyst())).andExpect(status().isOk());

        mvc.perform(form("/console/admin/rules", newRuleId(), "m-x", "1").with(analyst()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/admin/rules/" + id + "/delete").with(csrf()).with(analyst())
                        .param("confirmed", "yes"))
                .andExpect(status().isForbidden());
        assertThat(rules.find(id)).isPresent();

        RequestPostProcessor support = user("support-" + id).roles("CUSTOMER_SERVICE");
        mvc.perform(get("/console/admin/rules").with(support)).andExpect(status().isForbidden());
        mvc.perform(post("/console/admin/rules/" + id + "/delete").with(csrf()).with(support)
                        .param("confirmed", "yes"))
                .andExpect(status().isForbidden());
        assertThat(rules.find(id)).isPresent();
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() throws Exception {
        String id = newRuleId();
        mvc.perform(post("/console/admin/rules").with(admin("admin-" + id)).param("id", id))
                .andExpect(status().isForbidden());
        assertThat(rules.find(id)).isEmpty();
    }

    @Test
    void theApiDeletesARuleThroughTheSameBook() throws Exception {
        String id = newRuleId();
        postAs(dev.anshin.access.Role.ADMIN, "/api/v1/rules", Map.of("id", id, "description", "API rule",
                "action", "REVIEW", "condition", Map.of("type", "inList", "attribute", "MERCHANT",
                        "values", java.util.List.of("m-" + id))))
                .andExpect(status().isCreated());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/v1/rules/" + id)
                        .param("version", "7").header("X-Api-Key", key(dev.anshin.access.Role.ADMIN)))
                .andExpect(status().isConflict());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/v1/rules/" + id)
                        .param("version", "1").header("X-Api-Key", key(dev.anshin.access.Role.ADMIN)))
                .andExpect(status().isOk());
        assertThat(rules.find(id)).isEmpty();
        // Its id may be used again.
        postAs(dev.anshin.access.Role.ADMIN, "/api/v1/rules", Map.of("id", id, "description", "API rule again",
                "action", "REVIEW", "condition", Map.of("type", "inList", "attribute", "MERCHANT",
                        "values", java.util.List.of("m-" + id))))
                .andExpect(status().isCreated());
        assertThat(rules.find(id).orElseThrow().version()).isEqualTo(3);
        rules.delete(id, "test", null);
    }

    @Test
    void aRuleWithMoreConditionsThanTheFormHoldsIsReadOnlyAndAPostForItIsRefused() throws Exception {
        String id = newRuleId();
        String who = "admin-" + id;
        java.util.List<RuleDefinition.ConditionDefinition> many = new java.util.ArrayList<>();
        many.add(new RuleDefinition.ConditionDefinition("inList", null, null, null, "MERCHANT",
                java.util.List.of("m-" + id), null));
        for (int i = 0; i < RulesPage.MAX_ROWS; i++) {
            many.add(new RuleDefinition.ConditionDefinition("feature", "amount", "GT", (double) i, null, null, null));
        }
        rules.create(new RuleDefinition(id, "Eleven conditions", "REVIEW", true,
                new RuleDefinition.ConditionDefinition("allOf", null, null, null, null, null, many)), "api");

        String page = page(get("/console/admin/rules/" + id), admin(who));
        assertThat(page).contains("id=\"too-large\"").doesNotContain("id=\"save-rule\"")
                .contains("id=\"type10\"");
        // The form as it was shown, with its first ten rows: refused, the rule as stored.
        mvc.perform(form("/console/admin/rules/" + id, id, "m-" + id, "5", Map.of("version", "1")).with(admin(who)))
                .andExpect(status().isUnprocessableContent());
        RuleVersion after = rules.find(id).orElseThrow();
        assertThat(after.version()).isEqualTo(1);
        assertThat(after.definition().condition().conditions()).hasSize(RulesPage.MAX_ROWS + 1);
        rules.delete(id, "test", null);
    }

    @Test
    void theIdNewIsReservedForTheAddForm() throws Exception {
        mvc.perform(form("/console/admin/rules", "new", "m-new-" + newRuleId(), "5").with(admin("admin-new")))
                .andExpect(status().isUnprocessableContent());
        assertThat(rules.find("new")).isEmpty();
    }

    @Test
    void thresholdsAreWrittenSoTheFormReadsThemBack() throws Exception {
        for (double value : new double[] {1e16, 0.1 + 0.2, 1e30, -2.5e-7, 100000}) {
            String written = RulesPage.plain(value);
            String id = newRuleId();
            mvc.perform(form("/console/admin/rules", id, "m-" + id, written).with(admin("admin-" + id)))
                    .andExpect(status().is3xxRedirection());
            RuleDefinition.ConditionDefinition amount = rules.find(id).orElseThrow().definition().condition()
                    .conditions().get(1);
            assertThat(amount.value()).as(written).isEqualTo(value);
            rules.delete(id, "test", null);
        }
        String id = newRuleId();
        mvc.perform(form("/console/admin/rules", id, "m-" + id, "1e999").with(admin("admin-" + id)))
                .andExpect(status().isUnprocessableContent());
    }

    /** Two rules added at once (page and API alike): both stored, each its own rule set version, no 500. */
    @Test
    void concurrentChangesEachGetTheirOwnRuleSetVersion() throws Exception {
        for (int round = 0; round < 5; round++) {
            java.util.List<String> ids = java.util.List.of(newRuleId(), newRuleId());
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                java.util.List<Integer> versions = new java.util.ArrayList<>();
                for (java.util.concurrent.Future<RuleVersion> made : pool.invokeAll(ids.stream()
                        .map(id -> (java.util.concurrent.Callable<RuleVersion>) () -> {
                            start.await();
                            return rules.create(new RuleDefinition(id, "Concurrent " + id, "REVIEW", true,
                                    new RuleDefinition.ConditionDefinition("inList", null, null, null, "MERCHANT",
                                            java.util.List.of("m-" + id), null)), "test-race");
                        }).toList())) {
                    versions.add(made.get().ruleSetVersion());
                }
                assertThat(versions).as("round " + round).doesNotHaveDuplicates();
                assertThat(rules.find(ids.get(0))).isPresent();
                assertThat(rules.find(ids.get(1))).isPresent();
            } finally {
                pool.shutdownNow();
                ids.forEach(id -> rules.find(id).ifPresent(r -> rules.delete(id, "test", null)));
            }
        }
    }

    @Test
    void theConditionListNamesEveryFeatureInWordsGroupedWithItsCodeBeside() throws Exception {
        String page = mvc.perform(get("/console/admin/rules/new").with(admin("admin-" + UUID.randomUUID())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String select = page.substring(page.indexOf("id=\"feature0\""), page.indexOf("</select>", page.indexOf("id=\"feature0\"")));
        for (String feature : dev.anshin.scoring.features.FeatureEngine.schema().names()) {
            int at = select.indexOf("value=\"" + feature + "\"");
            assertThat(at).as(feature).isNotNegative();
            String option = select.substring(at, select.indexOf("</option>", at));
            // words, then the code in brackets; never the code alone
            assertThat(option).as(feature).endsWith("（" + feature + "）").doesNotContain(">" + feature + "<");
        }
        assertThat(select).contains("<optgroup label=\"この利用\">").contains("<optgroup label=\"このカードの利用履歴\">")
                .contains("<optgroup label=\"加盟店の利用履歴\">");
        // the hours are UTC's (FeatureEngine), said with Japan's beside them
        assertThat(select).contains("UTC 0〜6時台（日本時間 9〜15時台）の利用（1/0）（is_night）")
                .contains("このカードの直近1時間の平均利用額（card_mean_amount_1h）");
        assertThat(mvc.perform(get("/console/admin/rules/new").param("lang", "en").with(admin("admin-" + UUID.randomUUID())))
                .andReturn().getResponse().getContentAsString())
                .contains("Average amount of this card in the last hour (card_mean_amount_1h)");
    }
}
