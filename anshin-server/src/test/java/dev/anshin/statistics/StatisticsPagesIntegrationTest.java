package dev.anshin.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The console's statistics pages: define, preview, publish by a second person, in Japanese and English. */
class StatisticsPagesIntegrationTest extends IntegrationTestSupport {

    private static final RequestPostProcessor ANALYST = user("stats-analyst").roles(Role.ANALYST.name());
    private static final RequestPostProcessor OFFICER = user("stats-officer").roles(Role.PRIVACY_OFFICER.name());
    private static final RequestPostProcessor ADMIN = user("stats-admin").roles(Role.ADMIN.name());

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAnalystDefinesAndPreviewsAndAnotherPersonPublishes() throws Exception {
        String month = "2" + (300 + (int) (Math.random() * 600)) + "-0" + (1 + (int) (Math.random() * 9));
        String list = page(get("/console/statistics"), ANALYST);
        assertThat(list).contains("id=\"define\"").contains("統計レポート");
        String location = mvc.perform(post("/console/statistics/reports").with(csrf()).with(ANALYST)
                        .param("requestId", newId("console")).param("name", "地方別の件数 " + month)
                        .param("measure", "TRANSACTIONS").param("dimension1", "MERCHANT_REGION")
                        .param("from", month).param("to", month))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/console/statistics/reports/");
        String report = page(get(location), ANALYST);
        assertThat(report).contains("id=\"preview-button\"").contains("id=\"no-releases\"");
        mvc.perform(post(location + "/releases").with(csrf()).with(ANALYST).param("requestId", newId("console")))
                .andExpect(status().is3xxRedirection());
        String previewed = page(get(location + "?lang=en"), ANALYST);
        assertThat(previewed).contains("data-status=\"PREVIEW\"").contains("Cells suppressed")
                .doesNotContain("class=\"publish\"");
        String release = releaseId(previewed);

        String forOfficer = page(get(location), OFFICER);
        assertThat(forOfficer).contains("class=\"publish\"").doesNotContain("id=\"preview-button\"");
        mvc.perform(post("/console/statistics/releases/" + release + "/publication").with(csrf()).with(ANALYST))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/statistics/releases/" + release + "/publication").with(csrf()).with(OFFICER))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("SELECT status FROM statistics_releases WHERE id = ?").param(release).query(String.class)
                .single()).isEqualTo("PUBLISHED");
        assertThat(page(get(location), OFFICER)).contains("data-status=\"PUBLISHED\"").contains("公開済み");
    }

    @Test
    void theDefineFormStartsWithLastMonthOnlyAndSaysEachMonthPays() throws Exception {
        String last = java.time.YearMonth.now(dev.anshin.site.Display.ZONE).minusMonths(1).toString();
        String list = page(get("/console/statistics"), ANALYST);
        assertThat(list).contains("id=\"from\" name=\"from\" type=\"month\" required value=\"" + last + "\"")
                .contains("id=\"to\" name=\"to\" type=\"month\" required value=\"" + last + "\"")
                .contains("id=\"period-hint\"").contains("各月のプライバシー予算");
        assertThat(page(get("/console/statistics?lang=en"), ANALYST)).contains("every month of the period");
    }

    @Test
    void aReportWhoseMonthsLackTheBudgetOffersNoPreviewAndSaysWhichMonthsAndWhatIsLeft() throws Exception {
        String month = "2" + (300 + (int) (Math.random() * 600)) + "-1" + (int) (Math.random() * 3);
        String location = mvc.perform(post("/console/statistics/reports").with(csrf()).with(ANALYST)
                        .param("requestId", newId("console")).param("name", "予算 " + month)
                        .param("measure", "TRANSACTIONS").param("dimension1", "MERCHANT_REGION")
                        .param("from", month).param("to", month))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        // the default budget is ε 3 a month, a preview at the default protection spends ε 1: three fit
        for (int i = 0; i < 3; i++) {
            assertThat(page(get(location), ANALYST)).contains("id=\"preview-button\"").doesNotContain("id=\"budget-short\"");
            var flash = mvc.perform(post(location + "/releases").with(csrf()).with(ANALYST)
                    .param("requestId", newId("console"))).andExpect(status().is3xxRedirection()).andReturn().getFlashMap();
            assertThat(flash.get("done")).as("preview " + i + ": " + flash.get("error")).isNotNull();
        }
        String ja = page(get(location), ANALYST);
        assertThat(ja).doesNotContain("id=\"preview-button\"").contains("id=\"budget-short\"")
                .contains(month + "（残り ε 0）").contains("ε 1 を使います");
        assertThat(page(get(location + "?lang=en"), ANALYST)).contains(month + " (ε 0 left)")
                .contains("not enough privacy budget left");
        // sent anyway (an old page): refused in words, not the API's English
        var refused = mvc.perform(post(location + "/releases").with(csrf()).with(ANALYST)
                .param("requestId", newId("console"))).andExpect(status().is3xxRedirection()).andReturn().getFlashMap();
        assertThat((String) refused.get("error")).contains(month + "（残り ε 0）").doesNotContain("has not enough budget");
    }

    @Test
    void aBadDefinitionIsShownInWordsAndStoresNothing() throws Exception {
        String name = newId("bad");
        String location = mvc.perform(post("/console/statistics/reports").with(csrf()).with(ANALYST)
                        .param("requestId", newId("console")).param("name", name).param("measure", "SPEND")
                        .param("dimension1", "MONTH").param("dimension2", "WEEK").param("from", "2030-01")
                        .param("to", "2030-02"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).isEqualTo("/console/statistics");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM statistics_reports WHERE name = ?").param(name).query(Long.class)
                .single()).isZero();
    }

    @Test
    void theChartLibraryIsServedToSignedInStaffOnly() throws Exception {
        var served = mvc.perform(get("/webjars/echarts/dist/echarts.min.js").with(ANALYST))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(served.getContentType()).contains("javascript");
        assertThat(served.getContentAsString()).contains("echarts");
        mvc.perform(get("/webjars/echarts/dist/echarts.min.js")).andExpect(status().is3xxRedirection());
    }

    @Test
    void thePagesAreForAnalystsAndPrivacyOfficersOnly() throws Exception {
        mvc.perform(get("/console/statistics").with(user("cs").roles(Role.CUSTOMER_SERVICE.name())))
                .andExpect(status().isForbidden());
        assertThat(page(get("/console/statistics?lang=en"), OFFICER)).contains("Statistical reports")
                .doesNotContain("id=\"define\"");
        mvc.perform(post("/console/statistics/reports").with(csrf()).with(OFFICER).param("name", "x"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/console/statistics").with(ADMIN)).andExpect(status().isForbidden());
    }

    private static String releaseId(String html) {
        Matcher m = Pattern.compile("data-release=\"([0-9a-f-]{36})\"").matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
