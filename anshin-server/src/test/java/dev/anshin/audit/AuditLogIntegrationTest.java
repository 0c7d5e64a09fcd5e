package dev.anshin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.IntegrationTestSupport;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class AuditLogIntegrationTest extends IntegrationTestSupport {

    @Autowired
    AuditLog audit;

    @Autowired
    AuditVerifier verifier;

    @Autowired
    AuditRetention retention;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    private static AuditEvent read(String actor) {
        return new AuditEvent(actor, "customer.read", "customer/c-42", "fraud-investigation", AuditOutcome.SUCCESS,
                "10.1.2.3", null);
    }

    private List<AuditEntry> entriesOf(String actor) {
        return audit.entries(new AuditLog.Query(null, null, actor, null, null, AuditLog.MAX_LIMIT));
    }

    private AuditVerification verifyServerChain() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return verifier.verify(connection, checked -> { });
        }
    }

    @Test
    void recordsAnEntryLinkedToThePreviousOne() {
        String actor = newId("alice");

        AuditEntry first = audit.record(read(actor));
        AuditEntry second = audit.record(read(actor));

        assertThat(second.seq()).isEqualTo(first.seq() + 1);
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(entriesOf(actor)).containsExactly(first, second);
        assertThat(first.at().getNano() % 1000).isZero();
    }

    @Test
    void anEntryRollsBackWithTheTransactionItJoined() throws Exception {
        String actor = newId("rolled-back");

        transactions.executeWithoutResult(status -> {
            audit.record(read(actor));
            status.setRollbackOnly();
        });

        assertThat(entriesOf(actor)).isEmpty();
        assertThat(verifyServerChain().intact()).isTrue();
    }

    @Test
    void concurrentAppendsMakeOneUnbrokenChain() throws Exception {
        String prefix = newId("thread");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String actor = prefix + "-" + t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        audit.record(read(actor));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }

        Long recorded = jdbc.sql("SELECT COUNT(DISTINCT seq) FROM audit_log WHERE actor LIKE ?").param(prefix + "-%")
                .query(Long.class).single();
        assertThat(recorded).isEqualTo(400);
        AuditVerification result = verifyServerChain();
        assertThat(result.intact()).as(result.explanation()).isTrue();
    }

    @Test
    void scheduledPurgeKeepsWhatIsWithinRetentionAndTheChainVerifiable() throws Exception {
        AuditEntry recent = audit.record(read(newId("recent")));

        retention.purge(recent.at());

        assertThat(entriesOf(recent.actor())).containsExactly(recent);
        assertThat(verifyServerChain().intact()).isTrue();
    }
}
