package dev.anshin.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.DatabaseDump;
import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Personal values never rest in clear: after registering, reading, correcting and erasing customers,
 * providing their data to a recipient and answering their requests (a correction, a disclosure, a
 * stop of use; with every log at DEBUG), a dump of every table of the database (H2, or PostgreSQL in
 * CI) and the application log contain no name, phone, e-mail, address or customer number.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoPlaintextAtRestIntegrationTest extends IntegrationTestSupport {

    private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void logEverything() {
        logging.setLogLevel("org.springframework.web", LogLevel.DEBUG);
        logging.setLogLevel("org.springframework.jdbc", LogLevel.DEBUG);
        logging.setLogLevel("dev.anshin", LogLevel.DEBUG);
    }

    @AfterEach
    void restoreLogging() {
        logging.setLogLevel("org.springframework.web", null);
        logging.setLogLevel("org.springframework.jdbc", null);
        logging.setLogLevel("dev.anshin", null);
    }

    @Test
    void neitherTheDatabaseNorTheLogHoldsAPlaintextValue(CapturedOutput output) throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> secrets = new ArrayList<>();
        String recipient = "leak-check-" + tag;
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/recipients", ProvisionIntegrationTest.recipientBody(recipient,
                ProvisionIntegrationTest.publicJson(ProvisionIntegrationTest.recipientPrivateKeyset()),
                List.of("NAME_KANJI", "EMAIL", "CUSTOMER_NUMBER")))
                .andExpect(status().isCreated());
        for (int i = 0; i < 3; i++) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("NAME_KANJI", "秘密太郎" + tag + i);
            values.put("NAME_KANA", "ヒミツ タロウ");
            values.put("ADDRESS", "大阪府大阪市北区梅田" + tag + i);
            values.put("PHONE", "06-5555-" + (1000 + i) + "0");
            values.put("EMAIL", "secret." + tag + i + "@example.jp");
            String number = "SECRETNO" + tag + i;
            secrets.addAll(List.of(values.get("NAME_KANJI"), values.get("ADDRESS"), values.get("EMAIL"), number,
                    values.get("PHONE")));
            String body = postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers",
                    Map.of("customerNumber", number, "values", values))
                    .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
            String id = json.readTree(body).get("customerId").asText();
            mvc.perform(get("/api/v1/customers/" + id + "/personal-data").header("X-Api-Key", key(Role.CUSTOMER_SERVICE))
                    .param("purpose", "SERVICE_OPERATION").param("fields", "NAME_KANJI,EMAIL,PHONE,ADDRESS"))
                    .andExpect(status().isOk());
            String newPhone = "06-7777-" + (2000 + i) + "0";
            secrets.add(newPhone);
            mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                            .patch("/api/v1/customers/" + id + "/personal-data")
                            .header("X-Api-Key", key(Role.CUSTOMER_SERVICE))
                            .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                            .content(json.writeValueAsString(Map.of("purpose", "SERVICE_OPERATION",
                                    "values", Map.of("PHONE", newPhone)))))
                    .andExpect(status().isNoContent());
            // Malformed JSON whose offending token is a personal value: the parser's message quotes it.
            String unquoted = "Yamadaleak" + tag + i;
            secrets.add(unquoted);
            postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers",
                    "{\"customerNumber\": \"X1\", \"values\": {\"EMAIL\": " + unquoted + "}}")
                    .andExpect(status().isBadRequest());
            answerRequestsAndProvide(id, recipient, tag + i, i, secrets);
            if (i == 2) {
                postAs(Role.PRIVACY_OFFICER, "/api/v1/customers/" + id + "/erasure", Map.of("reason", "PERSON_REQUESTED", "reference", "DSR-T1"))
                        .andExpect(status().isOk());
            }
        }
        String pan = newPan();
        secrets.add(pan);
        postAs(Role.ADMIN, "/api/v1/cards", Map.of("pan", pan)).andExpect(status().isCreated());
        String dump = DatabaseDump.of(dataSource);
        String log = output.getAll();
        assertThat(log).contains("CustomerController");
        assertThat(dump).as("the dump holds the encrypted rows").contains("NAME_KANJI|");
        assertThat(dump).as("and the provision records and requests").contains(recipient + "|")
                .contains("|CORRECTION|").contains("|DISCLOSURE|");
        for (String secret : secrets) {
            assertThat(dump).as("database dump").doesNotContain(secret);
            assertThat(log).as("application log").doesNotContain(secret);
        }
    }

    /** Provides the customer's name, e-mail and number to a recipient, then answers a correction, a disclosure and a stop of use. */
    private void answerRequestsAndProvide(String id, String recipient, String tag, int i, List<String> secrets)
            throws Exception {
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers/" + id + "/consents", Map.of("purpose", "THIRD_PARTY_PROVISION",
                "recipient", recipient, "granted", true, "channel", "PORTAL", "noticeVersion", "2026-04"))
                .andExpect(status().isOk());
        String provision = provideApproved(Map.of("requestId", "leak-" + tag,
                        "recipient", recipient, "customerIds", List.of(id),
                        "items", List.of("NAME_KANJI", "EMAIL", "CUSTOMER_NUMBER")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        mvc.perform(get("/api/v1/privacy/provisions/" + json.readTree(provision).get("provisionId").asText() + "/export")
                .header("X-Api-Key", key(Role.PRIVACY_OFFICER))).andExpect(status().isOk());

        String corrected = "corrected." + tag + "@example.jp";
        secrets.add(corrected);
        String correction = postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/requests", Map.of("requestId", "leak-c-" + tag,
                        "customerId", id, "kind", "CORRECTION", "channel", "MAIL", "corrections", Map.of("EMAIL", corrected)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/requests/" + json.readTree(correction).get("id").asText()
                + "/completion", Map.of()).andExpect(status().isOk());

        String disclosure = postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/requests", Map.of("requestId", "leak-d-" + tag,
                        "customerId", id, "kind", "DISCLOSURE", "channel", "PORTAL"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String disclosureId = json.readTree(disclosure).get("id").asText();
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/requests/" + disclosureId + "/completion", Map.of())
                .andExpect(status().isOk());
        for (String format : List.of("json", "text")) {
            mvc.perform(get("/api/v1/privacy/requests/" + disclosureId + "/disclosure").param("format", format)
                    .header("X-Api-Key", key(Role.PRIVACY_OFFICER))).andExpect(status().isOk());
        }
        if (i == 1) {
            String stop = postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/requests", Map.of("requestId", "leak-s-" + tag,
                            "customerId", id, "kind", "STOP_OF_USE", "purpose", "THIRD_PARTY_PROVISION",
                            "recipient", recipient, "channel", "MAIL"))
                    .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
            postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/requests/" + json.readTree(stop).get("id").asText()
                    + "/completion", Map.of()).andExpect(status().isOk());
        }
    }
}
