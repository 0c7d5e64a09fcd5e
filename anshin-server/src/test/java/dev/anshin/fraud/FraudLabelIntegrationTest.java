package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.PosEntryMode;
import dev.anshin.scoring.ScoringEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class FraudLabelIntegrationTest extends IntegrationTestSupport {

    @Autowired
    ScoringEngine engine;

    @Test
    void labelForAnUnknownAuthorizationIsRefused() throws Exception {
        postAs(Role.LABELER, "/api/v1/fraud-labels",
                Map.of("authorizationId", newId("nope"), "fraud", true, "source", "CARDHOLDER"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/unknown-authorization"))
                .andExpect(jsonPath("$.errors[0].field").value("authorizationId"));
    }

    @Test
    void labelWithUnknownSourceNamesTheField() throws Exception {
        postAs(Role.LABELER, "/api/v1/fraud-labels", Map.of("authorizationId", "x", "fraud", true, "source", "POLICE"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("source"));
    }

    @Test
    void sameLabelTwiceIsStoredOnce() throws Exception {
        String id = newId("label");
        postAuthorization(authorization(id, newCard().token())).andExpect(status().isOk());
        Map<String, Object> label = Map.of("authorizationId", id, "fraud", true, "source", "CARDHOLDER",
                "reportedAt", "2026-01-02T03:04:05+09:00");
        postAs(Role.LABELER, "/api/v1/fraud-labels", label).andExpect(status().isCreated());
        postAs(Role.LABELER, "/api/v1/fraud-labels", label).andExpect(status().isOk());
        postAs(Role.LABELER, "/api/v1/fraud-labels", Map.of("authorizationId", id, "fraud", false,
                "source", "CARDHOLDER")).andExpect(status().isConflict());
    }

    @Test
    void fraudLabelRaisesTheTerminalFraudRatioOfLaterAuthorizations() throws Exception {
        String terminal = newId("term");
        String id = newId("stolen");
        Map<String, Object> body = authorization(id, newCard().token());
        body.put("terminalId", terminal);
        // Old enough to fall in the label-delayed window (7 days) of today's authorizations.
        body.put("timestamp", Instant.now().minus(Duration.ofDays(10)).toString());
        postAuthorization(body).andExpect(status().isOk());
        float before = terminalFraudRatio(terminal);

        postAs(Role.LABELER, "/api/v1/fraud-labels", Map.of("authorizationId", id, "fraud", true,
                "source", "CHARGEBACK")).andExpect(status().isCreated());

        assertThat(before).isZero();
        assertThat(terminalFraudRatio(terminal)).isGreaterThan(0f);
    }

    @Test
    void labelIsKnownFromWhenItWasReportedNeverBeforeTheTransactionNorAfterNow() throws Exception {
        Instant occurred = Instant.now().minus(Duration.ofDays(20)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String reportedLater = labelledAuthorization(occurred, occurred.plus(Duration.ofDays(7)).toString());
        String reportedBefore = labelledAuthorization(occurred, occurred.minus(Duration.ofDays(1)).toString());
        String reportedInFuture = labelledAuthorization(occurred, Instant.now().plus(Duration.ofDays(3)).toString());

        assertThat(labels.find(reportedLater, FraudLabels.Source.ISSUER).orElseThrow().knownAt())
                .isEqualTo(occurred.plus(Duration.ofDays(7)));
        assertThat(labels.find(reportedBefore, FraudLabels.Source.ISSUER).orElseThrow().knownAt()).isEqualTo(occurred);
        assertThat(labels.find(reportedInFuture, FraudLabels.Source.ISSUER).orElseThrow().knownAt())
                .isBefore(Instant.now().plusSeconds(1));
    }

    @Autowired
    FraudLabels labels;

    private String labelledAuthorization(Instant occurred, String reportedAt) throws Exception {
        String id = newId("reported");
        Map<String, Object> body = authorization(id, newCard().token());
        body.put("timestamp", occurred.toString());
        postAuthorization(body).andExpect(status().isOk());
        postAs(Role.LABELER, "/api/v1/fraud-labels", Map.of("authorizationId", id, "fraud", true,
                "source", "ISSUER", "reportedAt", reportedAt)).andExpect(status().isCreated());
        return id;
    }

    private float terminalFraudRatio(String terminal) {
        Authorization probe = new Authorization(newId("probe"), "tok_probe-" + terminal, 1000, "USD", "m-probe",
                "5411", terminal, "JP", PosEntryMode.CHIP, true, Instant.now(), null, null);
        return engine.features().observe(probe).value("terminal_fraud_ratio_30d");
    }
}
