package dev.anshin.problems;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.anshin.IntegrationTestSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The server's own pool has the PostgreSQL timeouts when it runs on PostgreSQL, and nothing added on H2. */
class PostgresConnectionDefaultsIntegrationTest extends IntegrationTestSupport {

    @Autowired
    DataSource dataSource;

    @Test
    void thePoolOfThisServerHasTheTimeoutsOnPostgresOnly() {
        HikariDataSource pool = (HikariDataSource) dataSource;
        if (pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            assertThat(pool.getDataSourceProperties()).containsAllEntriesOf(PostgresConnectionDefaults.DEFAULTS);
        } else {
            assertThat(pool.getDataSourceProperties()).doesNotContainKeys("socketTimeout", "tcpKeepAlive");
        }
        assertThat(pool.getValidationTimeout()).isEqualTo(1000);
    }
}
