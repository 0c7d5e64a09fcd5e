package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class GroupCommitIntegrationTest extends IntegrationTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DecisionJournal journal;

    @Test
    void everyAnsweredDecisionIsFoundAtOnceAndReachesTheDatabase() throws Exception {
        String token = newCard().token();
        key(dev.anshin.access.Role.SCORER);
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> checks = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                String id = newId("gc");
                checks.add(pool.submit(() -> {
                    postAuthorization(authorization(id, token)).andExpect(status().isOk());
                    // Right after the answer the decision is durable (in the log) and found; the indexer
                    // then puts it in the database, read here through a separate connection.
                    if (journal.find(id).isEmpty() || !journal.awaitIndexed(id, Duration.ofSeconds(10))) {
                        return false;
                    }
                    return jdbc.sql("SELECT COUNT(*) FROM authorizations WHERE authorization_id = ?")
                            .param(id).query(Integer.class).single() == 1;
                }));
            }
            for (Future<Boolean> check : checks) {
                assertThat(check.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
        System.out.printf("group commit: 80 concurrent authorizations in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }
}
