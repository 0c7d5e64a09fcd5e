package dev.anshin.fraud;

import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class RuleIntegrationTest extends IntegrationTestSupport {

    @Test
    void ruleCreatedOverTheApiDecidesTheNextAuthorization() throws Exception {
        String merchant = newId("casino").substring(0, 40);
        String ruleId = "deny-" + merchant.toLowerCase();
        Map<String, Object> body = authorization(newId("before"), newCard().token());
        body.put("merchantId", merchant);
        postAuthorization(body).andExpect(status().isOk()).andExpect(jsonPath("$.decision").value("APPROVE"));

        postAs(Role.ADMIN, "/api/v1/rules", rule(ruleId, "DECLINE", merchant, true))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.version").value(1));

        Map<String, Object> next = authorization(newId("after"), newCard().token());
        next.put("merchantId", merchant);
        postAuthorization(next)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.decision").value("DECLINE"))
                .andExpect(jsonPath("$.reasons[0].kind").value("RULE"))
                .andExpect(jsonPath("$.reasons[0].code").value(ruleId));

        mvc.perform(put("/api/v1/rules/" + ruleId).header("X-Api-Key", key(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(rule(ruleId, "DECLINE", merchant, false))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2));
        Map<String, Object> third = authorization(newId("disabled"), newCard().token());
        third.put("merchantId", merchant);
        postAuthorization(third).andExpect(jsonPath("$.decision").value("APPROVE"));

        mvc.perform(get("/api/v1/rules").header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rules[*].id").value(hasItem(ruleId)));
    }

    @Test
    void ruleOnAnUnknownFeatureIsRefusedNamingTheField() throws Exception {
        Map<String, Object> rule = Map.of("id", "bad-feature", "description", "x", "action", "REVIEW",
                "condition", Map.of("type", "allOf", "conditions", List.of(
                        Map.of("type", "feature", "feature", "card_tx_count_1h", "comparison", "GT", "value", 3),
                        Map.of("type", "feature", "feature", "shoe_size", "comparison", "GT", "value", 3))));
        postAs(Role.ADMIN, "/api/v1/rules", rule)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("condition.conditions[1].feature")));
    }

    @Test
    void existingRuleIdIsAConflict() throws Exception {
        String merchant = newId("dup").substring(0, 40);
        String ruleId = "dup-" + merchant.toLowerCase();
        postAs(Role.ADMIN, "/api/v1/rules", rule(ruleId, "REVIEW", merchant, true)).andExpect(status().isCreated());
        postAs(Role.ADMIN, "/api/v1/rules", rule(ruleId, "REVIEW", merchant, true)).andExpect(status().isConflict());
    }

    private static Map<String, Object> rule(String id, String action, String merchant, boolean enabled) {
        return Map.of("id", id, "description", "Test rule for one merchant", "action", action, "enabled", enabled,
                "condition", Map.of("type", "inList", "attribute", "MERCHANT", "values", List.of(merchant)));
    }
}
