package dev.anshin.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The administrators' API key page through MockMvc: a key made from the page works, is shown once
 * (on a no-store answer, never again on the list, in the session or the audit log), rotation and
 * revocation through the same lifecycle as the API (with its rules: no CARDHOLDER, no keys to
 * personal data or backups), a form sent twice making nothing twice, and only administrators.
 */
class ApiKeysPageIntegrationTest extends IntegrationTestSupport {

    private static final Pattern SECRET = Pattern.compile("id=\"secret\"[^>]*>(ank_[A-Za-z0-9]{32})<");

    @Autowired
    JdbcClient jdbc;

    private static String newName() {
        return "page-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static MockHttpServletRequestBuilder issue(String name, String days, String... roles) {
        MockHttpServletRequestBuilder request = post("/console/admin/keys").with(csrf()).param("name", name)
                .param("days", days);
        for (String role : roles) {
            request.param("roles", role);
        }
        return request;
    }

    private static String secret(String page) {
        Matcher m = SECRET.matcher(page);
        assertThat(m.find()).as("the key on the page").isTrue();
        return m.group(1);
    }

    private long audited(String resource, String action, String outcome) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE resource = ? AND action = ? AND outcome = ?")
                .params(resource, action, outcome).query(Long.class).single();
    }

    @Test
    void aKeyMadeOnThePageWorksAndIsShownOnceNeverAgain() throws Exception {
        String name = newName();
        String who = "admin-" + name;
        org.springframework.test.web.servlet.MvcResult result = mvc.perform(issue(name, "30", "ANALYST")
                        .with(admin(who)))
                .andExpect(status().isCreated()).andReturn();
        MockHttpServletResponse answer = result.getResponse();
        assertThat(answer.getHeader("Cache-Control")).contains("no-store");
        String key = secret(answer.getContentAsString());
        assertThat(answer.getContentAsString()).contains("この一度だけ")
                .as("the language switch opens the list, never this answer again")
                .contains("href=\"/console/admin/keys?lang=en\"");

        mvc.perform(get("/api/v1/ping").header("X-Api-Key", key)).andExpect(status().isOk());

        String list = page(get("/console/admin/keys"), admin(who));
        assertThat(list).contains("data-client=\"" + name + "\"").contains(key.substring(0, 12))
                .doesNotContain(key).doesNotContain(key.substring(12));
        // Nothing in the session to show it again from, and nothing in the audit log but its id.
        assertThat(answer.getRedirectedUrl()).isNull();
        assertThat(result.getFlashMap().values()).allSatisfy(v -> assertThat(String.valueOf(v)).doesNotContain(key));
        jakarta.servlet.http.HttpSession session = result.getRequest().getSession(false);
        if (session != null) {
            for (String attribute : java.util.Collections.list(session.getAttributeNames())) {
                assertThat(String.valueOf(session.getAttribute(attribute))).as(attribute)
                        .doesNotContain(key).doesNotContain(key.substring(12));
            }
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE detail LIKE ?").param("%" + key.substring(12) + "%")
                .query(Long.class).single()).isZero();
        assertThat(audited("api-client/" + name, "api-key.issue", "SUCCESS")).isEqualTo(1);
        assertThat(audited("/console/admin/keys", "POST /console/admin/keys", "SUCCESS")).isPositive();
        assertThat(jdbc.sql("SELECT actor FROM audit_log WHERE resource = ? AND action = 'api-key.issue'")
                .param("api-client/" + name).query(String.class).single()).isEqualTo(who);

        // The same form sent again (a reload of the answer): refused, no second key, no key shown.
        String again = mvc.perform(issue(name, "30", "ANALYST").with(admin(who)))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(again).doesNotContain("id=\"secret\"").contains("id=\"name-error\"");
        assertThat(clients.list(name)).hasSize(1);
    }

    @Test
    void theApisRulesOnRolesHoldOnThePage() throws Exception {
        String name = newName();
        for (String[] roles : List.of(new String[] {"CARDHOLDER"}, new String[] {"BACKUP_OPERATOR"},
                new String[] {"CARD_DATA", "ANALYST"}, new String[] {}, new String[] {"NOT_A_ROLE"})) {
            String page = mvc.perform(issue(name, "30", roles).with(admin("admin-" + name)))
                    .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
            assertThat(page).contains("id=\"roles-error\"").doesNotContain("id=\"secret\"");
        }
        String tooLong = mvc.perform(issue(name, "100000", "SCORER").with(admin("admin-" + name)))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(tooLong).contains("id=\"days-error\"");
        String badName = mvc.perform(issue("no spaces", "30", "SCORER").with(admin("admin-" + name)))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(badName).contains("id=\"name-error\"");
        assertThat(clients.list(name)).isEmpty();
        // The form offers only what an administrator may issue, none ticked.
        String form = mvc.perform(get("/console/admin/keys").with(admin("admin-" + name)))
                .andReturn().getResponse().getContentAsString();
        assertThat(form).contains("value=\"SCORER\"").doesNotContain("value=\"CARDHOLDER\"")
                .doesNotContain("value=\"BACKUP_OPERATOR\"").doesNotContain("value=\"CARD_DATA\"")
                .doesNotContain("checked=\"checked\"");
    }

    @Test
    void rotationKeepsTheOldKeyForTheOverlapAndIsNotRepeatedWhenSentAgain() throws Exception {
        String name = newName();
        String who = "admin-" + name;
        String first = secret(mvc.perform(issue(name, "30", "SCORER").with(admin(who)))
                .andReturn().getResponse().getContentAsString());
        String firstId = first.substring(0, 12);
        MockHttpServletRequestBuilder rotate = post("/console/admin/keys/" + name + "/rotation").with(csrf())
                .param("keyId", firstId).param("overlap", "PT1H");
        MockHttpServletResponse rotated = mvc.perform(rotate.with(admin(who)))
                .andExpect(status().isCreated()).andReturn().getResponse();
        assertThat(rotated.getHeader("Cache-Control")).contains("no-store");
        String second = secret(rotated.getContentAsString());
        mvc.perform(get("/api/v1/ping").header("X-Api-Key", first)).andExpect(status().isOk());
        mvc.perform(get("/api/v1/ping").header("X-Api-Key", second)).andExpect(status().isOk());

        String again = mvc.perform(post("/console/admin/keys/" + name + "/rotation").with(csrf()).with(admin(who))
                        .param("keyId", firstId).param("overlap", "PT1H"))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(again).doesNotContain("id=\"secret\"").contains("すでに切り替えられています");
        assertThat(clients.list(name)).hasSize(2);
        assertThat(audited("api-client/" + name, "api-key.rotate", "SUCCESS")).isEqualTo(1);
        assertThat(audited("api-client/" + name, "api-key.rotate", "DENIED")).isEqualTo(1);

        String list = mvc.perform(get("/console/admin/keys").with(admin(who))).andReturn().getResponse()
                .getContentAsString();
        assertThat(list).contains("data-key=\"" + firstId + "\" data-status=\"ROTATING\"");
    }

    @Test
    void revocationNeedsAConfirmationAndStopsTheKey() throws Exception {
        String name = newName();
        String who = "admin-" + name;
        String key = secret(mvc.perform(issue(name, "30", "LABELER").with(admin(who)))
                .andReturn().getResponse().getContentAsString());
        mvc.perform(post("/console/admin/keys/" + name + "/revocation").with(csrf()).with(admin(who)))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(get("/api/v1/ping").header("X-Api-Key", key)).andExpect(status().isOk());

        mvc.perform(post("/console/admin/keys/" + name + "/revocation").with(csrf()).with(admin(who))
                        .param("confirmed", "yes"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/api/v1/ping").header("X-Api-Key", key)).andExpect(status().isUnauthorized());
        assertThat(audited("api-client/" + name, "api-key.revoke", "SUCCESS")).isEqualTo(1);
        // Sent again: nothing left to revoke, said so.
        mvc.perform(post("/console/admin/keys/" + name + "/revocation").with(csrf()).with(admin(who))
                        .param("confirmed", "yes"))
                .andExpect(status().isNotFound());
    }

    @Test
    void onlyAdministratorsOpenOrUseThePage() throws Exception {
        String name = newName();
        for (RequestPostProcessor other : List.of(user("a-" + name).roles("ANALYST"),
                user("s-" + name).roles("CUSTOMER_SERVICE"), user("p-" + name).roles("PRIVACY_OFFICER"))) {
            mvc.perform(get("/console/admin/keys").with(other)).andExpect(status().isForbidden());
            mvc.perform(issue(name, "30", "SCORER").with(other)).andExpect(status().isForbidden());
        }
        assertThat(clients.list(name)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND outcome = 'DENIED'")
                .param("a-" + name).query(Long.class).single()).isPositive();
    }

    @Test
    void whatTheServerMakesAtStartIsSaidOnceNotUnderEveryKey() throws Exception {
        for (String name : List.of(newName(), newName())) {
            clients.replace(name, java.util.Set.of(dev.anshin.access.Role.LABELER)); // no expiry: as the server makes them at start
        }
        String page = mvc.perform(get("/console/admin/keys").with(admin("admin-" + newName()))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page.split("anshin.access.api-key", -1)).as("the paragraph, once").hasSize(2);
        assertThat(page).contains("id=\"configured-note\"").contains("class=\"hint configured\"");
    }
}
