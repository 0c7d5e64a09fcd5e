package dev.anshin.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The staff page of requests and provision records: by deadline, overdue highlighted, no values, staff roles only. */
class RequestQueuePageIntegrationTest extends IntegrationTestSupport {

    @Autowired
    DataSubjectRequests requests;

    @Autowired
    JdbcClient jdbc;


    @Test
    void showsTheQueueByDeadlineWithOverdueRequestsHighlightedAndNoValues() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String name = "頁表示" + tag;
        String body = postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers", Map.of("customerNumber", "Q-" + tag,
                        "values", Map.of("NAME_KANJI", name, "EMAIL", "q." + tag + "@example.jp")))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String customer = json.readTree(body).get("customerId").asText();
        DataSubjectRequest late = requests.submit(Actor.cardholder(customer, "portal"), customer, RequestKind.CORRECTION,
                RequestDetails.correction(Map.of(PersonalField.EMAIL, "new." + tag + "@example.jp")),
                ConsentChannel.PORTAL, "page-" + tag + "-1");
        DataSubjectRequest fresh = requests.submit(Actor.cardholder(customer, "portal"), customer, RequestKind.DISCLOSURE, RequestDetails.none(),
                ConsentChannel.PORTAL, "page-" + tag + "-2");
        // The first was taken in twenty days ago.
        Instant past = Instant.now().minus(Duration.ofDays(20));
        jdbc.sql("UPDATE data_subject_requests SET received_at = ?, deadline = ? WHERE id = ?")
                .params(Timestamp.from(past), Timestamp.from(past.plus(Duration.ofDays(14))), late.id()).update();

        String page = mvc.perform(get("/privacy/requests").with(user("privacy").roles("PRIVACY_OFFICER")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("本人からの請求").contains("第三者提供の記録").contains("期限超過");
        int lateRow = page.indexOf("data-request=\"" + late.id() + "\"");
        int freshRow = page.indexOf("data-request=\"" + fresh.id() + "\"");
        assertThat(lateRow).isPositive().isLessThan(freshRow);
        String lateTag = page.substring(page.lastIndexOf("<tr", lateRow), lateRow + 200);
        assertThat(lateTag).contains("overdue");
        String freshTag = page.substring(page.lastIndexOf("<tr", freshRow), freshRow + 200);
        assertThat(freshTag).doesNotContain("overdue");
        assertThat(page).contains("メールアドレス").doesNotContain(tag + "@example.jp").doesNotContain(name);

        String english = mvc.perform(get("/privacy/requests").param("lang", "en")
                        .with(user("support").roles("CUSTOMER_SERVICE")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(english).contains("overdue").as("provision records are the privacy officer's")
                .doesNotContain("provision-records");

        mvc.perform(get("/privacy/requests").with(user("analyst").roles("ANALYST"))).andExpect(status().isForbidden());
    }
}
