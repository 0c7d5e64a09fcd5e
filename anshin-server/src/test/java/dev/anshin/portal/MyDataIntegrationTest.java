package dev.anshin.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.ConsentChannel;
import dev.anshin.privacy.DataSubjectRequest;
import dev.anshin.privacy.DataSubjectRequests;
import dev.anshin.privacy.DisclosureFormat;
import dev.anshin.privacy.Purpose;
import dev.anshin.privacy.RequestDetails;
import dev.anshin.privacy.RequestKind;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole disclosure as a page and as JSON and CSV downloads: the portal's "my data" for the
 * signed-in person only, audited with the person as actor, bounded per person; the privacy officer's
 * sealed disclosure of a request, in the console and over the API, refused to every other role. Every
 * form holds the vault's values and another module's items with their named values.
 */
@Import(HeldForTests.class)
@TestPropertySource(properties = "anshin.portal.own-disclosures=1/h burst 6")
class MyDataIntegrationTest extends PortalTestSupport {

    @Autowired
    DataSubjectRequests requests;

    @Autowired
    ApiClients clients;

    @Autowired
    JsonMapper json;

    @Test
    void myDataHoldsTheVaultValuesAndAnotherModulesItemsInThePageTheJsonAndTheCsvEachAccessAudited() throws Exception {
        Enrolled hanako = enrolled("mydata");
        HeldForTests.give(hanako.customerId(), List.of(
                HeldForTests.purchase("SAKURA MART", 1200, "2026-11-01T01:00:00Z"),
                HeldForTests.purchase("=HYPERLINK(\"http://evil.example\")", 800, "2026-11-20T01:00:00Z")));
        MockHttpSession session = signIn(hanako);

        String page = mvc.perform(get("/portal/my-data").session(session)).andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", Matchers.containsString("no-store")))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("保有データの確認").contains("山田 花子mydata").contains("5,200,000円")
                .contains(HeldForTests.LABEL_JA).contains("2026-11-01T01:00:00Z SAKURA MART 1200円")
                .contains("data-entry=\"TEST_PURCHASES\" data-count=\"2\"")
                .contains("href=\"/portal/my-data.json\"").contains("href=\"/portal/my-data.csv\"");
        // Newest first: the item of 20 November before the one of 1 November.
        assertThat(page.indexOf("2026-11-20T01:00:00Z")).isLessThan(page.indexOf("2026-11-01T01:00:00Z SAKURA"));
        String english = mvc.perform(get("/portal/my-data").session(session).param("lang", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(english).contains("Your data").contains(HeldForTests.LABEL_EN)
                .contains("2026-11-01T01:00:00Z SAKURA MART JPY 1200");

        MockHttpServletResponse jsonFile = mvc.perform(get("/portal/my-data.json").session(session).param("lang", "ja"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", Matchers.containsString("attachment")))
                .andExpect(header().string("Cache-Control", Matchers.containsString("no-store")))
                .andReturn().getResponse();
        JsonNode document = json.readTree(jsonFile.getContentAsByteArray());
        assertThat(document.path("customerId").asString()).isEqualTo(hanako.customerId());
        assertThat(document.path("values").path("NAME_KANJI").asString()).isEqualTo("山田 花子mydata");
        assertThat(document.path("values").path("ANNUAL_INCOME").asString()).isEqualTo("5200000");
        JsonNode held = held(document, HeldForTests.ENTRY);
        assertThat(held.path("labelJa").asString()).isEqualTo(HeldForTests.LABEL_JA);
        assertThat(held.path("category").asString()).isEqualTo("PRODUCT_USAGE");
        assertThat(held.path("items").get(1).path("merchant").asString()).isEqualTo("SAKURA MART");
        assertThat(held.path("items").get(1).path("amountMinor").asString()).isEqualTo("1200");
        assertThat(held.path("items").get(1).path("text").asString()).endsWith("SAKURA MART 1200円");
        assertThat(document.path("purposes").isArray()).isTrue();

        byte[] csvBytes = mvc.perform(get("/portal/my-data.csv").session(session)).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", Matchers.startsWith("text/csv")))
                .andExpect(header().string("Content-Disposition", Matchers.containsString("my-data.csv")))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(Arrays.copyOf(csvBytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String csv = new String(csvBytes, StandardCharsets.UTF_8);
        assertThat(csv).contains("value,NAME_KANJI,label,氏名,value,山田 花子mydata")
                .contains("held,TEST_PURCHASES,authorizedAt,2026-11-01T01:00:00Z,merchant,SAKURA MART,amountMinor,1200")
                // The formula a merchant's name could carry is defused.
                .contains("merchant,\"'=HYPERLINK(\"\"http://evil.example\"\")\"").doesNotContain(",=HYPERLINK");

        assertThat(ownDisclosures(hanako.customerId(), "SUCCESS")).hasSize(4)
                .allSatisfy(detail -> assertThat(detail).startsWith("to the person; form="))
                .anySatisfy(detail -> assertThat(detail).contains("form=PAGE"))
                .anySatisfy(detail -> assertThat(detail).contains("form=JSON"))
                .anySatisfy(detail -> assertThat(detail).contains("form=CSV"));
    }

    @Test
    void aCardholderOnlyEverSeesTheirOwnDataAndNobodyElseGetsTheOwnDisclosure() throws Exception {
        Enrolled a = enrolled("mine");
        Enrolled b = enrolled("theirs");
        HeldForTests.give(b.customerId(), List.of(HeldForTests.purchase("B ONLY SHOP", 5000, "2026-11-02T01:00:00Z")));
        MockHttpSession sessionA = signIn(a);

        // No customer id is taken from the request: A's page is A's whatever is asked.
        String page = mvc.perform(get("/portal/my-data").session(sessionA).param("customerId", b.customerId()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("山田 花子mine").doesNotContain("山田 花子theirs").doesNotContain("B ONLY SHOP")
                .doesNotContain(b.customerId());
        String jsonA = mvc.perform(get("/portal/my-data.json").session(sessionA).param("customerId", b.customerId()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(jsonA).contains(a.customerId()).doesNotContain(b.customerId()).doesNotContain("B ONLY SHOP");

        // Signed out, nothing: the portal's sign-in.
        for (String path : List.of("/portal/my-data", "/portal/my-data.json", "/portal/my-data.csv")) {
            mvc.perform(get(path)).andExpect(status().isFound()).andExpect(redirectedUrl("/portal/login"));
        }
        // Through the privacy module itself: another cardholder, customer service and even the privacy
        // officer (who answers through a request) are refused, and the refusals audited.
        for (Actor other : List.of(Actor.cardholder(a.customerId(), "test"), SUPPORT, OFFICER)) {
            assertThatThrownBy(() -> personalData.discloseToSubject(other, b.customerId(), DisclosureFormat.JSON))
                    .isInstanceOfSatisfying(RequestProblem.class,
                            refused -> assertThat(refused.type()).isEqualTo(ProblemType.FORBIDDEN));
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'personal-data.disclose' AND resource = ? "
                        + "AND outcome = 'DENIED'").param("customer/" + b.customerId()).query(Long.class).single())
                .isEqualTo(3);
        assertThat(ownDisclosures(b.customerId(), "SUCCESS")).isEmpty();
    }

    @Test
    void theOfficerReadsTheSealedDisclosureAsAPageAndDownloadsItWhileOtherStaffAreRefused() throws Exception {
        Enrolled hanako = enrolled("sealed");
        HeldForTests.give(hanako.customerId(), List.of(HeldForTests.purchase("SEALED SHOP", 3000,
                "2026-11-03T01:00:00Z")));
        DataSubjectRequest request = requests.submit(Actor.cardholder(hanako.customerId(), "portal"),
                hanako.customerId(), RequestKind.DISCLOSURE, RequestDetails.none(), ConsentChannel.PORTAL,
                "mydata-" + uuid());
        requests.complete(OFFICER, request.id());
        // Held later is not in the sealed document: it reads as it did at completion.
        HeldForTests.give(hanako.customerId(), List.of(HeldForTests.purchase("LATER SHOP", 1, "2026-12-01T01:00:00Z")));
        String base = "/privacy/requests/" + request.id();
        String officer = "officer-" + uuid().substring(0, 8);

        String page = mvc.perform(get(base + "/disclosure").with(user(officer).roles("PRIVACY_OFFICER")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("山田 花子sealed").contains(HeldForTests.LABEL_JA).contains("SEALED SHOP")
                .doesNotContain("LATER SHOP").contains("id=\"sealed\"")
                .contains(base + "/disclosure.json?textLang=ja").contains(base + "/disclosure.csv?textLang=en");
        assertThat(mvc.perform(get(base).with(user(officer).roles("PRIVACY_OFFICER"))).andReturn().getResponse()
                .getContentAsString()).contains("id=\"download-json\"").contains("id=\"download-csv\"");
        String csv = mvc.perform(get(base + "/disclosure.csv").param("textLang", "en")
                        .with(user(officer).roles("PRIVACY_OFFICER")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).contains("value,NAME_KANJI,label,Name,value,山田 花子sealed")
                .contains("held,TEST_PURCHASES,authorizedAt,2026-11-03T01:00:00Z,merchant,SEALED SHOP")
                .contains("label," + HeldForTests.LABEL_EN);

        String officerKey = clients.register("mydata-officer-" + uuid().substring(0, 8), EnumSet.of(Role.PRIVACY_OFFICER));
        String apiBase = "/api/v1/privacy/requests/" + request.id();
        JsonNode document = json.readTree(mvc.perform(get(apiBase + "/disclosure.json").header("X-Api-Key", officerKey))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
        assertThat(document.path("values").path("NAME_KANJI").asString()).isEqualTo("山田 花子sealed");
        assertThat(held(document, HeldForTests.ENTRY).path("items").get(0).path("merchant").asString())
                .isEqualTo("SEALED SHOP");
        mvc.perform(get(apiBase + "/disclosure.csv").header("X-Api-Key", officerKey)).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", Matchers.startsWith("text/csv")));
        mvc.perform(get(apiBase + "/disclosure.csv").param("lang", "fr").header("X-Api-Key", officerKey))
                .andExpect(status().isUnprocessableContent());
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE action = 'dsr.disclosure.read' AND resource = ? "
                        + "AND outcome = 'SUCCESS'").param("customer/" + hanako.customerId()).query(String.class).list())
                .contains("request=" + request.id() + " form=PAGE", "request=" + request.id() + " form=CSV",
                        "request=" + request.id() + " form=JSON");

        // Every other role: refused, in the console and over the API.
        for (String role : List.of("CUSTOMER_SERVICE", "ANALYST", "ADMIN")) {
            for (String path : List.of("/disclosure", "/disclosure.json", "/disclosure.csv")) {
                mvc.perform(get(base + path).with(user("staff-" + role).roles(role))).andExpect(status().isForbidden());
            }
        }
        for (Role role : List.of(Role.CUSTOMER_SERVICE, Role.ANALYST, Role.ADMIN)) {
            String key = clients.register("mydata-" + role.name().toLowerCase() + "-" + uuid().substring(0, 8),
                    EnumSet.of(role));
            for (String path : List.of("/disclosure.json", "/disclosure.csv")) {
                mvc.perform(get(apiBase + path).header("X-Api-Key", key)).andExpect(status().isForbidden());
            }
        }
        // And a cardholder's portal session reaches none of the staff's.
        mvc.perform(get(base + "/disclosure.json").session(signIn(enrolled("portal-only"))))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void eachPersonHasABoundedNumberOfOwnDisclosures() throws Exception {
        Enrolled hanako = enrolled("bounded");
        MockHttpSession session = signIn(hanako);
        for (int i = 0; i < 6; i++) {
            mvc.perform(get(i % 2 == 0 ? "/portal/my-data" : "/portal/my-data.csv").session(session))
                    .andExpect(status().isOk());
        }
        mvc.perform(get("/portal/my-data.json").session(session)).andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"));
        assertThat(ownDisclosures(hanako.customerId(), "SUCCESS")).hasSize(6);
        // Another person has their own budget.
        mvc.perform(get("/portal/my-data").session(signIn(enrolled("other")))).andExpect(status().isOk());
    }

    private static JsonNode held(JsonNode document, String entry) {
        for (JsonNode held : document.path("held")) {
            if (entry.equals(held.path("entry").asString())) {
                return held;
            }
        }
        throw new AssertionError("no held entry " + entry + " in " + document.path("held"));
    }

    /** The details of the person's own disclosures in the audit log, each with the person as actor. */
    private List<String> ownDisclosures(String customerId, String outcome) {
        return new ArrayList<>(jdbc.sql("SELECT detail FROM audit_log WHERE action = 'personal-data.disclose' "
                        + "AND resource = ? AND actor = ? AND purpose = ? AND outcome = ? ORDER BY seq")
                .params("customer/" + customerId, "cardholder:" + customerId, Purpose.DATA_SUBJECT_REQUEST.name(),
                        outcome)
                .query(String.class).list());
    }

    /** A fresh account's first sign-in: its first code, so the shared clock is not moved. */
    private MockHttpSession signIn(Enrolled cardholder) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/portal/login").with(csrf()).session(session).param("loginId", cardholder.loginId())
                        .param("password", PASSWORD))
                .andExpect(redirectedUrl("/portal/login/code"));
        mvc.perform(post("/portal/login/code").with(csrf()).session(session)
                        .param("code", totp.code(cardholder.secret(), dev.anshin.portal.Totp.step(clock.instant()))))
                .andExpect(redirectedUrl("/portal/usage"));
        return session;
    }
}
