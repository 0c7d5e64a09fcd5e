package dev.anshin.problems;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

/** PostgreSQL connections get timeouts against a silent network; what the operator set wins; H2 is left alone. */
class PostgresConnectionDefaultsTest {

    private final PostgresConnectionDefaults defaults = new PostgresConnectionDefaults();

    private HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        return pool;
    }

    @Test
    void aPostgresPoolGetsTheTimeoutsAndKeepalive() {
        HikariDataSource pool = pool("jdbc:postgresql://db:5432/anshin");
        defaults.postProcessAfterInitialization(pool, "dataSource");
        assertThat(pool.getDataSourceProperties()).containsEntry("socketTimeout", "120")
                .containsEntry("connectTimeout", "5").containsEntry("tcpKeepAlive", "true");
    }

    @Test
    void whatTheOperatorSetIsKeptAndTheUrlWinsOverTheDefaults() throws Exception {
        HikariDataSource pool = pool("jdbc:postgresql://db:5432/anshin?socketTimeout=600");
        pool.addDataSourceProperty("connectTimeout", "30");
        defaults.postProcessAfterInitialization(pool, "dataSource");
        assertThat(pool.getDataSourceProperties()).containsEntry("connectTimeout", "30");
        // The driver reads the pool's properties under the URL's settings.
        Properties seen = Driver.parseURL(pool.getJdbcUrl(), pool.getDataSourceProperties());
        assertThat(seen.getProperty("socketTimeout")).isEqualTo("600");
        assertThat(seen.getProperty("tcpKeepAlive")).isEqualTo("true");
    }

    @Test
    void anH2PoolIsLeftAsItIs() {
        HikariDataSource pool = pool("jdbc:h2:file:./data/anshin");
        defaults.postProcessAfterInitialization(pool, "dataSource");
        assertThat(pool.getDataSourceProperties()).isEmpty();
    }
}
