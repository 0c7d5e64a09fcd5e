package dev.anshin.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log other modules write to. {@link #record} joins the caller's transaction when there
 * is one, so an audited change and its entry commit or roll back together; without one it commits
 * on its own.
 *
 * <p>Because of that, a refusal (DENIED) or a failure must be recorded outside any transaction
 * that will roll back, or its entry is rolled back too: record it before throwing out of a
 * {@code @Transactional} method only if that transaction commits, otherwise from a caller outside
 * it (or with {@code Propagation.REQUIRES_NEW} on your side).
 *
 * <p>Appends are serialized by a row lock on the chain head held until the transaction ends:
 * record last in a transaction and keep such transactions short, since every other audited
 * transaction waits for it (on H2 at most its lock timeout).
 */
@Service
public class AuditLog {

    static final int MAX_LIMIT = 1000;

    private final DataSource dataSource;
    private final AuditChain chain;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final java.time.Duration retention;

    AuditLog(DataSource dataSource, AuditChain chain, JdbcClient jdbc, Clock clock, AuditProperties properties) {
        this.dataSource = dataSource;
        this.chain = chain;
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = properties.retention();
    }

    /** How long entries are kept before the daily purge removes them ({@code anshin.audit.retention}): for the data catalog. */
    public java.time.Duration retention() {
        return retention;
    }

    /** Appends the event to the chain, in the caller's transaction if there is one. */
    @Transactional(propagation = Propagation.REQUIRED)
    public AuditEntry record(AuditEvent event) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return chain.append(connection, event, clock.instant());
        } catch (SQLException e) {
            throw new UncategorizedSQLException("recording an audit entry", null, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** A search of the retained entries, every criterion optional. */
    record Query(Instant from, Instant to, String actor, String action, Long afterSeq, int limit) {
    }

    /** Entries matching the query, in seq order, at most {@code limit}. */
    List<AuditEntry> entries(Query query) {
        StringBuilder sql = new StringBuilder("SELECT seq, at, actor, action, resource, purpose, outcome, origin, "
                + "detail, prev_hash, hash FROM audit_log WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (query.from() != null) {
            sql.append(" AND at >= ?");
            params.add(OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
        }
        if (query.to() != null) {
            sql.append(" AND at < ?");
            params.add(OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
        }
        if (query.actor() != null) {
            sql.append(" AND actor = ?");
            params.add(query.actor());
        }
        if (query.action() != null) {
            sql.append(" AND action = ?");
            params.add(query.action());
        }
        if (query.afterSeq() != null) {
            sql.append(" AND seq > ?");
            params.add(query.afterSeq());
        }
        sql.append(" ORDER BY seq LIMIT ?");
        params.add(Math.min(query.limit(), MAX_LIMIT));
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> AuditVerifier.entry(rs)).list();
    }
}
