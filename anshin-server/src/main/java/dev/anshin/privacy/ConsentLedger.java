package dev.anshin.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The consent ledger: rows are only ever inserted, so the whole history of a person's choices stays
 * provable. The choice in force for a purpose is the latest entry for that product if there is one
 * (a product-specific choice overrides the general one, as the seed issuer's terms say), else the
 * latest general entry, else the purpose's default: published purposes are in force until the
 * person opts out. A use not tied to a product is refused while any product-specific withdrawal
 * is in force, so leaving out the product cannot get round it. A purpose that needs prior consent
 * (third-party provision) is the other way round: nothing is in force until the person opts in, and
 * only for the one recipient named.
 */
@Repository
class ConsentLedger {

    private final JdbcClient jdbc;
    private final Clock clock;

    ConsentLedger(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Appends a choice; call inside a transaction. */
    ConsentEvent append(String requestId, String customerId, Purpose purpose, String product, String recipient,
            boolean granted, ConsentChannel channel, String noticeVersion, String recordedBy) {
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO consent_ledger (request_id, customer_id, purpose, product, recipient, granted, channel,
                    notice_version, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(requestId, customerId, purpose.name(), product, recipient, granted, channel.name(),
                        noticeVersion, recordedBy, Timestamp.from(now))
                .update();
        return recipient == null ? latest(customerId, purpose, product).orElseThrow()
                : latestForRecipient(customerId, recipient).orElseThrow();
    }

    /**
     * The entry in force for provision to one recipient: the latest for that recipient. Consent is
     * given only if it exists and is a grant; the caller keeps its seq as the provision's basis.
     */
    Optional<ConsentEvent> latestForRecipient(String customerId, String recipient) {
        return jdbc.sql(SELECT + " WHERE customer_id = ? AND purpose = ? AND recipient = ?"
                        + " ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")
                .param(customerId).param(Purpose.THIRD_PARTY_PROVISION.name()).param(recipient)
                .query(ConsentLedger::event).optional();
    }

    Optional<ConsentEvent> byRequestId(String requestId) {
        return jdbc.sql(SELECT + " WHERE request_id = ?").param(requestId).query(ConsentLedger::event).optional();
    }

    /** Whether the person's choices allow the purpose now, for a product or in general. */
    boolean allows(String customerId, Purpose purpose, String product) {
        if (!purpose.optional()) {
            return true;
        }
        if (purpose.needsPriorConsent()) {
            return false; // only per recipient: latestForRecipient
        }
        if (product != null) {
            return latest(customerId, purpose, product).or(() -> latest(customerId, purpose, null))
                    .map(ConsentEvent::granted).orElse(true);
        }
        // A use not tied to a product must not reach a person through a product they opted out of.
        boolean general = latest(customerId, purpose, null).map(ConsentEvent::granted).orElse(true);
        return general && !anyProductWithdrawn(customerId, purpose);
    }

    private boolean anyProductWithdrawn(String customerId, Purpose purpose) {
        // The latest entry of each product for this purpose; any of them a withdrawal?
        return jdbc.sql("""
                        SELECT COUNT(*) FROM consent_ledger c WHERE c.customer_id = ? AND c.purpose = ?
                          AND c.product IS NOT NULL AND c.granted = FALSE
                          AND c.seq = (SELECT MAX(l.seq) FROM consent_ledger l WHERE l.customer_id = c.customer_id
                                         AND l.purpose = c.purpose AND l.product = c.product)""")
                .param(customerId).param(purpose.name()).query(Long.class).single() > 0;
    }

    /**
     * Every customer who has switched the purpose off, in general or for any product (the latest entry of
     * each is a withdrawal): a use not tied to a product, such as statistics, leaves them all out.
     */
    Set<String> optedOut(Purpose purpose) {
        return new java.util.HashSet<>(jdbc.sql("""
                        SELECT DISTINCT c.customer_id FROM consent_ledger c WHERE c.purpose = ? AND c.granted = FALSE
                          AND c.seq = (SELECT MAX(l.seq) FROM consent_ledger l WHERE l.customer_id = c.customer_id
                                         AND l.purpose = c.purpose
                                         AND (l.product = c.product OR (l.product IS NULL AND c.product IS NULL)))""")
                .param(purpose.name()).query(String.class).list());
    }

    List<ConsentEvent> history(String customerId) {
        return jdbc.sql(SELECT + " WHERE customer_id = ? ORDER BY seq").param(customerId).query(ConsentLedger::event).list();
    }

    private Optional<ConsentEvent> latest(String customerId, Purpose purpose, String product) {
        String productClause = product == null ? "product IS NULL" : "product = ?";
        var statement = jdbc.sql(SELECT + " WHERE customer_id = ? AND purpose = ? AND " + productClause
                        + " ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")
                .param(customerId)
                .param(purpose.name());
        if (product != null) {
            statement = statement.param(product);
        }
        return statement.query(ConsentLedger::event).optional();
    }

    private static final String SELECT = """
            SELECT seq, request_id, customer_id, purpose, product, recipient, granted, channel, notice_version,
                recorded_by, recorded_at FROM consent_ledger""";

    private static ConsentEvent event(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new ConsentEvent(rs.getLong("seq"), rs.getString("request_id"), rs.getString("customer_id"),
                Purpose.valueOf(rs.getString("purpose")), rs.getString("product"), rs.getString("recipient"),
                rs.getBoolean("granted"),
                ConsentChannel.valueOf(rs.getString("channel")), rs.getString("notice_version"),
                rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant());
    }
}
