package dev.anshin.problems;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Connections to PostgreSQL give up when the network to it goes silent (packets dropped, no reset:
 * a firewall, a failed-over address, a cable). PgJDBC's own default waits for an answer forever, so a
 * query in flight at that moment would hang until TCP gives up (about a quarter of an hour), holding
 * its pool connection and its request; with these settings it fails after {@code socketTimeout} as a
 * database outage (503, {@link DatabaseOutage}), the pool drops the connection and reconnects once the
 * network answers again. Idle connections are checked by the pool before use
 * ({@code spring.datasource.hikari.validation-timeout}), and TCP keepalive finds dead ones that sit idle.
 *
 * <p>Applied to every PostgreSQL URL however it is given (the {@code postgres} profile,
 * {@code --database-url}, {@code spring.datasource.url}); a setting in the URL itself wins
 * ({@code ...?socketTimeout=600}), so an operator whose migrations or retention run longer raises it
 * there. docs/configuration.md
 */
@Component
class PostgresConnectionDefaults implements BeanPostProcessor {

    /**
     * PgJDBC settings: no answer to a query for 2 minutes (far longer than any statement the server
     * runs while it serves) is a dead connection; connecting takes at most 5 s.
     */
    static final Map<String, String> DEFAULTS = Map.of(
            "socketTimeout", "120",
            "connectTimeout", "5",
            "tcpKeepAlive", "true");

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            DEFAULTS.forEach((setting, value) -> {
                if (!pool.getDataSourceProperties().containsKey(setting)) {
                    pool.addDataSourceProperty(setting, value);
                }
            });
        }
        return bean;
    }
}
