package dev.anshin.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Personal data not tied to a customer (a voice from the public form): sealed with the month's key, opened only
 * for a purpose that allows it by a role that serves it (audited either way), unreadable once the month's key is
 * shredded; and a customer's sealed document opened through the audited path, refused to others.
 */
class UnattributedSealIntegrationTest extends IntegrationTestSupport {

    private static final Actor SERVICE = new Actor("seal-test-service", Set.of(Role.CUSTOMER_SERVICE), "test");
    private static final Actor ANALYST = new Actor("seal-test-analyst", Set.of(Role.ANALYST), "test");
    private static final Actor OFFICER = new Actor("seal-test-officer", Set.of(Role.PRIVACY_OFFICER), "test");

    @Autowired
    PersonalData personalData;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aMonthsDocumentOpensForTheOfficersDataSubjectRequestOnlyAndIsGoneOnceTheMonthIsShredded() {
        // A month of its own, long ago, so that shredding it touches no other test's data.
        Instant at = Instant.parse("1950-01-10T00:00:00Z")
                .plus(Duration.ofDays(31L * ThreadLocalRandom.current().nextInt(200)));
        String resource = "voice/" + UUID.randomUUID();
        PersonalData.Unattributed sealed = personalData.sealUnattributed(at, resource, "山田様より");
        assertThat(sealed.sealKey()).startsWith("month:19");
        assertThat(sealed.sealed()).doesNotContain("山田");
        // A second document of the month uses the same key.
        assertThat(personalData.sealUnattributed(at, resource + "b", "x").sealKey()).isEqualTo(sealed.sealKey());

        assertThat(personalData.openUnattributed(OFFICER, Purpose.DATA_SUBJECT_REQUEST, resource, sealed.sealKey(),
                resource, sealed.sealed())).contains("山田様より");
        // Words from nobody registered serve no customer: customer service does not open them (least privilege).
        assertThatThrownBy(() -> personalData.openUnattributed(SERVICE, Purpose.SERVICE_OPERATION, resource,
                sealed.sealKey(), resource, sealed.sealed()))
                .isInstanceOfSatisfying(RequestProblem.class,
                        p -> assertThat(p.type()).isEqualTo(ProblemType.PURPOSE_NOT_ALLOWED));
        assertThatThrownBy(() -> personalData.openUnattributed(ANALYST, Purpose.DATA_SUBJECT_REQUEST, resource,
                sealed.sealKey(), resource, sealed.sealed()))
                .isInstanceOfSatisfying(RequestProblem.class, p -> assertThat(p.type()).isEqualTo(ProblemType.FORBIDDEN));
        assertThatThrownBy(() -> personalData.openUnattributed(SERVICE, Purpose.MARKETING, resource,
                sealed.sealKey(), resource, sealed.sealed()))
                .isInstanceOfSatisfying(RequestProblem.class,
                        p -> assertThat(p.type()).isEqualTo(ProblemType.PURPOSE_NOT_ALLOWED));
        assertThat(outcomes(resource)).containsEntry("SUCCESS", 1L).containsEntry("DENIED", 3L);

        personalData.shredUnattributed(at.plus(Duration.ofDays(40)));
        assertThat(personalData.openUnattributed(OFFICER, Purpose.DATA_SUBJECT_REQUEST, resource, sealed.sealKey(),
                resource, sealed.sealed())).isEmpty();
    }

    @Test
    void aMonthsKeyIsPreparedBeforeAnyTransactionNeedsIt() {
        Instant at = Instant.parse("1930-01-10T00:00:00Z")
                .plus(Duration.ofDays(31L * ThreadLocalRandom.current().nextInt(200)));
        String sealKey = "month:" + java.time.YearMonth.from(at.atOffset(java.time.ZoneOffset.UTC));
        assertThat(keys(sealKey)).isZero();
        personalData.prepareUnattributed(at);
        personalData.prepareUnattributed(at); // made once
        assertThat(keys(sealKey)).isEqualTo(1);
        assertThat(personalData.sealUnattributed(at, "voice/x", "x").sealKey()).isEqualTo(sealKey);
        assertThat(keys(sealKey)).isEqualTo(1);
        personalData.shredUnattributed(at.plus(Duration.ofDays(40)));
        assertThat(keys(sealKey)).isZero();
    }

    private long keys(String sealKey) {
        return jdbc.sql("SELECT COUNT(*) FROM unattributed_keys WHERE seal_key = ?").param(sealKey)
                .query(Long.class).single();
    }

    @Test
    void aCustomersSealedDocumentOpensThroughTheAuditedPathForServiceOnly() {
        String customer = personalData.register(SERVICE, "U-" + UUID.randomUUID().toString().substring(0, 8),
                Map.of(PersonalField.NAME_KANJI, "封印 太郎")).customerId();
        String resource = "voice/" + UUID.randomUUID();
        String sealed = personalData.seal(customer, resource, "お客さまの言葉");
        assertThat(personalData.openFor(SERVICE, Purpose.SERVICE_OPERATION, customer, resource, resource, sealed))
                .contains("お客さまの言葉");
        assertThatThrownBy(() -> personalData.openFor(ANALYST, Purpose.SERVICE_OPERATION, customer, resource, resource,
                sealed)).isInstanceOf(RequestProblem.class);
        assertThatThrownBy(() -> personalData.openFor(Actor.cardholder(UUID.randomUUID().toString(), "test"),
                Purpose.DATA_SUBJECT_REQUEST, customer, resource, resource, sealed)).isInstanceOf(RequestProblem.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'personal-data.open' AND resource = ? "
                        + "AND outcome = 'SUCCESS' AND detail = ?")
                .params("customer/" + customer, "document=" + resource).query(Long.class).single()).isEqualTo(1);
    }

    private Map<String, Long> outcomes(String resource) {
        Map<String, Long> counts = new java.util.HashMap<>();
        jdbc.sql("SELECT outcome, COUNT(*) AS n FROM audit_log WHERE action = 'personal-data.open' AND resource = ? "
                        + "GROUP BY outcome").param(resource)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }
}
