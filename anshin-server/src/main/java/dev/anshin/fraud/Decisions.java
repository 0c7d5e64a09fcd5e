package dev.anshin.fraud;

import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.Decision;
import dev.anshin.scoring.DeviceData;
import dev.anshin.scoring.DeviceFacts;
import dev.anshin.scoring.PosEntryMode;
import dev.anshin.scoring.Reason;
import dev.anshin.scoring.RiskDecision;
import dev.anshin.scoring.ScoringEngine;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Every decided authorization, with its request: the idempotency record and the scoring history. */
@Repository
public class Decisions {

    /**
     * The columns read and written. The device id, user agent and IP address are their keyed pseudonyms
     * ({@code device_key}, {@code user_agent_key}, {@code ip_key}; {@link PaymentPseudonyms}) and, sealed with
     * the customer's key, {@code device_sealed}; the clear columns of old ({@code device_id}, {@code user_agent},
     * {@code ip_address}) are written only for a decision log record from before pseudonyms, which the start-up
     * conversion ({@link PaymentDataConversion}) then pseudonymizes.
     */
    private static final String COLUMNS = """
            authorization_id, request_fingerprint, card_token, amount_minor, currency, merchant_id, mcc,
            terminal_id, merchant_country, pos_entry_mode, card_present, occurred_at, device_key, device_channel,
            user_agent_key, browser_language, timezone_offset, screen_width, screen_height, ip_key, decision,
            score, reasons, model_version, rule_set_version, shadow_scores, latency_micros, processing_micros,
            decided_at, merchant_name, shipping_address_key, account_key, device_facts, device_sealed, device_id,
            user_agent, ip_address""";
    private static final String INSERT = "INSERT INTO authorizations (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "?, ?, ?, ?)";
    private static final int[] INSERT_TYPES = {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BIGINT,
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BOOLEAN,
            Types.TIMESTAMP, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.INTEGER,
            Types.INTEGER, Types.INTEGER, Types.VARCHAR, Types.VARCHAR, Types.DOUBLE, Types.VARCHAR, Types.VARCHAR,
            Types.INTEGER, Types.VARCHAR, Types.BIGINT, Types.BIGINT, Types.TIMESTAMP, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR};
    /** Rows fetched per round trip when streaming. */
    private static final int FETCH_SIZE = 10_000;
    private static final TypeReference<List<Reason>> REASONS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Double>> SHADOW_SCORES = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;

    Decisions(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    public Optional<StoredDecision> find(String authorizationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM authorizations WHERE authorization_id = ?")
                .param(authorizationId)
                .query(this::map)
                .optional();
    }

    /** The most recently decided authorizations, newest first. */
    public List<StoredDecision> recent(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM authorizations ORDER BY decided_at DESC")
                .withMaxRows(limit)
                .query(this::map)
                .list();
    }

    /**
     * One page of the decisions a query matches, newest authorization first (ties by id): the staff's
     * decisions list. Walks the occurred_at index (or the card's) newest first and stops at the page.
     */
    public List<StoredDecision> search(DecisionQuery query, int offset, int limit) {
        if (query.cardTokens() != null && query.cardTokens().isEmpty()) {
            return List.of();
        }
        Map<String, Object> parameters = new java.util.HashMap<>();
        String where = where(query, parameters);
        parameters.put("limit", limit);
        parameters.put("offset", offset);
        return jdbc.sql("SELECT " + COLUMNS + " FROM authorizations" + where
                        + " ORDER BY occurred_at DESC, authorization_id DESC LIMIT :limit OFFSET :offset")
                .params(parameters)
                .query(this::map)
                .list();
    }

    /**
     * How many decisions a query matches, counted up to {@code cap} only (a larger answer is
     * {@code cap}): a page can say "more than 10,000" without counting a million rows.
     */
    public long countUpTo(DecisionQuery query, int cap) {
        if (query.cardTokens() != null && query.cardTokens().isEmpty()) {
            return 0;
        }
        Map<String, Object> parameters = new java.util.HashMap<>();
        String where = where(query, parameters);
        parameters.put("cap", cap);
        return jdbc.sql("SELECT COUNT(*) FROM (SELECT 1 AS one FROM authorizations" + where + " LIMIT :cap) matched")
                .params(parameters)
                .query(Long.class)
                .single();
    }

    private static String where(DecisionQuery query, Map<String, Object> parameters) {
        List<String> conditions = new ArrayList<>();
        if (!query.decisions().isEmpty()) {
            conditions.add("decision IN (:decisions)");
            parameters.put("decisions", query.decisions().stream().map(Decision::name).sorted().toList());
        }
        if (query.minScore() != null || query.maxScore() != null) {
            // A decision of the rules alone stores 0.0, which is no score: never within a score range.
            conditions.add("model_version NOT IN (:scoreless)");
            parameters.put("scoreless", List.of(ScoringEngine.RULES_ONLY, ScoringEngine.NO_MODEL));
        }
        if (query.minScore() != null) {
            conditions.add("score >= :minScore");
            parameters.put("minScore", query.minScore());
        }
        if (query.maxScore() != null) {
            conditions.add("score <= :maxScore");
            parameters.put("maxScore", query.maxScore());
        }
        if (query.cardTokens() != null) {
            conditions.add("card_token IN (:cards)");
            parameters.put("cards", query.cardTokens());
        }
        if (query.merchant() != null) {
            // Upper-cased by the database on both sides (Java's and SQL's upper-casing differ beyond
            // ASCII); only the escaping is done here.
            conditions.add("(merchant_id = :merchant OR UPPER(merchant_name) LIKE UPPER(:merchantName) ESCAPE '\\')");
            parameters.put("merchant", query.merchant());
            String escaped = query.merchant()
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            parameters.put("merchantName", "%" + escaped + "%");
        }
        if (query.from() != null) {
            conditions.add("occurred_at >= :from");
            parameters.put("from", Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            conditions.add("occurred_at < :to");
            parameters.put("to", Timestamp.from(query.to()));
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /**
     * Authorizations of these cards that happened in [from, to), newest first, at most {@code limit}:
     * a cardholder's own history.
     */
    public List<StoredDecision> ofCards(Collection<String> cardTokens, Instant from, Instant to, int limit) {
        if (cardTokens.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM authorizations WHERE card_token IN (:cards) "
                        + "AND occurred_at >= :from AND occurred_at < :to ORDER BY occurred_at DESC, authorization_id")
                .param("cards", cardTokens)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .withMaxRows(limit)
                .query(this::map)
                .list();
    }

    /** Approved use in one currency: the sum of the amounts and how many. */
    public record Total(String currency, long amountMinor, long count) {
    }

    /**
     * Approved authorizations of these cards that happened in [from, to), summed per currency (in
     * currency order): a cardholder's month, however many rows it has.
     */
    public List<Total> approvedTotals(Collection<String> cardTokens, Instant from, Instant to) {
        if (cardTokens.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT currency, SUM(amount_minor) AS total, COUNT(*) AS n FROM authorizations "
                        + "WHERE card_token IN (:cards) AND occurred_at >= :from AND occurred_at < :to "
                        + "AND decision = 'APPROVE' GROUP BY currency ORDER BY currency")
                .param("cards", cardTokens)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, row) -> new Total(rs.getString("currency"), rs.getLong("total"), rs.getLong("n")))
                .list();
    }

    /** A card's first use of a terminal or merchant since the place's moment. */
    public record FirstUse(String placeId, String cardToken, Instant at) {
    }

    /**
     * Each card's first use of each place since that place's moment and before {@code to}, the
     * earliest first: who used a set of points of compromise, in one query (each place read through
     * its index, not one query per place).
     */
    public List<FirstUse> firstUses(PlacesSince places, Instant to) {
        return firstUses(places, to, Integer.MAX_VALUE);
    }

    /**
     * {@link #firstUses(PlacesSince, Instant)}, at most {@code capPerPlace} cards per place (the earliest
     * first uses; ties by card token): a busy terminal or a large merchant flagged as compromised must not
     * make one answer of millions of rows. Still one query: the cap is a window function
     * ({@code ROW_NUMBER() OVER (PARTITION BY …)}) over the grouped rows, valid on H2 and PostgreSQL.
     */
    public List<FirstUse> firstUses(PlacesSince places, Instant to, int capPerPlace) {
        if (places.since().isEmpty() || capPerPlace < 1) {
            return List.of();
        }
        List<Object> parameters = new ArrayList<>(places.parameters());
        parameters.add(Timestamp.from(to));
        parameters.add(capPerPlace);
        return jdbc.sql("SELECT point_id, card_token, first_at FROM (SELECT p.point_id, a.card_token, "
                        + "MIN(a.occurred_at) AS first_at, ROW_NUMBER() OVER (PARTITION BY p.point_id "
                        + "ORDER BY MIN(a.occurred_at), a.card_token) AS nth FROM " + places.table()
                        + " JOIN authorizations a ON a." + places.column() + " = p.point_id "
                        + "AND a.occurred_at >= p.since AND a.occurred_at < ? "
                        + "GROUP BY p.point_id, a.card_token) firsts WHERE nth <= ? "
                        + "ORDER BY first_at, point_id, card_token")
                .params(parameters)
                .query((rs, n) -> new FirstUse(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .list();
    }

    /** Decisions made since {@code since}, oldest first. */
    List<StoredDecision> decidedSince(Instant since) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM authorizations WHERE decided_at >= ? ORDER BY decided_at")
                .param(Timestamp.from(since))
                .query(this::map)
                .list();
    }

    /**
     * Streams authorizations that happened in [from, to), in time order, without holding them all:
     * a fetch-size batch at a time, inside a read-only transaction, since PostgreSQL's driver
     * otherwise reads the whole result (the startup replay covers weeks) into memory first.
     */
    @Transactional(readOnly = true)
    public void forEachOccurred(Instant from, Instant to, Consumer<StoredDecision> action) {
        stream("SELECT " + COLUMNS + " FROM authorizations WHERE occurred_at >= ? AND occurred_at < ? "
                + "ORDER BY occurred_at, authorization_id",
                rs -> action.accept(map(rs, 0)), Timestamp.from(from), Timestamp.from(to));
    }

    /**
     * Streams every stored authorization id, in no particular order, a fetch-size batch at a time
     * (PostgreSQL only streams inside a transaction: call it in one).
     */
    void forEachId(Consumer<String> action) {
        stream("SELECT authorization_id FROM authorizations", rs -> action.accept(rs.getString(1)));
    }

    /** Runs a query whose rows are handed over {@link #FETCH_SIZE} at a time rather than all read first. */
    private void stream(String sql, RowCallbackHandler rows, Object... parameters) {
        template.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.setFetchSize(FETCH_SIZE);
            return statement;
        }, rows);
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM authorizations").query(Long.class).single();
    }

    /** Inserts a batch in the caller's transaction. */
    void insertAll(List<StoredDecision> decisions) {
        List<Object[]> rows = new ArrayList<>(decisions.size());
        for (StoredDecision decision : decisions) {
            rows.add(row(decision));
        }
        template.batchUpdate(INSERT, rows, INSERT_TYPES);
        if (decisions.stream().anyMatch(StoredDecision::clearDevice)) {
            // Clear values from an old decision log record: the start-up conversion must run (again).
            jdbc.sql("DELETE FROM payment_data_conversions").update();
        }
    }

    private Object[] row(StoredDecision stored) {
        Authorization a = stored.authorization();
        RiskDecision d = stored.decision();
        DeviceData device = a.device();
        String deviceId = device == null ? null : device.deviceId();
        String userAgent = device == null ? null : device.userAgent();
        boolean clear = stored.clearDevice();
        return new Object[] {a.authorizationId(), stored.fingerprint(), a.cardToken(), a.amountMinor(),
                a.currency(), a.merchantId(), a.mcc(), a.terminalId(), a.merchantCountry(), a.posEntryMode().name(),
                a.cardPresent(), Timestamp.from(a.timestamp()),
                clear ? null : deviceId, device == null ? null : device.channel(),
                clear ? null : userAgent, device == null ? null : device.language(),
                device == null ? null : device.timezoneOffset(), device == null ? null : device.screenWidth(),
                device == null ? null : device.screenHeight(), clear ? null : a.ipAddress(), d.decision().name(),
                d.score(), json.writeValueAsString(d.reasons()), d.modelVersion(), d.ruleSetVersion(),
                json.writeValueAsString(d.shadowScores()), d.latencyMicros(), stored.processingMicros(),
                Timestamp.from(stored.decidedAt()), a.merchantName(), a.shippingAddressKey(), a.accountKey(),
                device == null || device.anshin() == null ? null : json.writeValueAsString(device.anshin()),
                stored.sealedDevice(), clear ? deviceId : null, clear ? userAgent : null,
                clear ? a.ipAddress() : null};
    }

    /**
     * Up to {@code limit} rows that still hold a clear device id, user agent or IP address, after
     * {@code afterId} in id order, with those clear values in place of the pseudonyms
     * ({@link StoredDecision#clearDevice()}): what the start-up conversion works through.
     */
    List<StoredDecision> withClearDevice(String afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM authorizations WHERE authorization_id > ? "
                        + "AND (device_id IS NOT NULL OR user_agent IS NOT NULL OR ip_address IS NOT NULL) "
                        + "ORDER BY authorization_id LIMIT " + limit)
                .param(afterId)
                .query((rs, n) -> map(rs, true))
                .list();
    }

    /** Puts the pseudonyms and the sealed values in place of a row's clear device data, which goes. */
    void replaceClearDevice(String authorizationId, String deviceKey, String userAgentKey, String ipKey,
            String sealed, String fingerprint) {
        jdbc.sql("UPDATE authorizations SET device_key = ?, user_agent_key = ?, ip_key = ?, device_sealed = ?, "
                        + "request_fingerprint = ?, device_id = NULL, user_agent = NULL, ip_address = NULL "
                        + "WHERE authorization_id = ?")
                .params(deviceKey, userAgentKey, ipKey, sealed, fingerprint, authorizationId)
                .update();
    }

    /**
     * Forgets the device data of these cards' authorizations (their customer was erased): pseudonyms,
     * sealed values, and any clear value still waiting for the conversion. The request fingerprint goes
     * too, since it was computed over the pseudonyms: a retry of such an authorization is refused as a
     * conflict. Device channel, language, time zone and screen size stay: they name no device or network.
     *
     * @return how many authorizations lost device data
     */
    int forgetDevices(Collection<String> cardTokens) {
        if (cardTokens.isEmpty()) {
            return 0;
        }
        return jdbc.sql("UPDATE authorizations SET device_key = NULL, user_agent_key = NULL, ip_key = NULL, "
                        + "device_sealed = NULL, device_id = NULL, user_agent = NULL, ip_address = NULL, "
                        + "request_fingerprint = :erased WHERE card_token IN (:cards) AND (device_key IS NOT NULL "
                        + "OR user_agent_key IS NOT NULL OR ip_key IS NOT NULL OR device_sealed IS NOT NULL "
                        + "OR device_id IS NOT NULL OR user_agent IS NOT NULL OR ip_address IS NOT NULL)")
                .param("erased", ERASED_FINGERPRINT)
                .param("cards", cardTokens)
                .update();
    }

    /** The fingerprint of an authorization whose customer was erased: equal to no request's. */
    static final String ERASED_FINGERPRINT = "erased";

    private StoredDecision map(ResultSet rs, int row) throws SQLException {
        return map(rs, false);
    }

    private StoredDecision map(ResultSet rs, boolean clear) throws SQLException {
        String deviceColumn = clear ? "device_id" : "device_key";
        String userAgentColumn = clear ? "user_agent" : "user_agent_key";
        DeviceData device = null;
        if (anyNotNull(rs, deviceColumn, "device_channel", userAgentColumn, "browser_language", "timezone_offset",
                "screen_width", "screen_height")) {
            String facts = rs.getString("device_facts");
            device = new DeviceData(rs.getString(deviceColumn), rs.getString("device_channel"),
                    rs.getString(userAgentColumn), rs.getString("browser_language"), integer(rs, "timezone_offset"),
                    integer(rs, "screen_width"), integer(rs, "screen_height"),
                    facts == null ? null : json.readValue(facts, DeviceFacts.class));
        }
        Authorization authorization = new Authorization(rs.getString("authorization_id"), rs.getString("card_token"),
                rs.getLong("amount_minor"), rs.getString("currency"), rs.getString("merchant_id"),
                rs.getString("mcc"), rs.getString("terminal_id"), rs.getString("merchant_country"),
                PosEntryMode.valueOf(rs.getString("pos_entry_mode")), rs.getBoolean("card_present"),
                rs.getTimestamp("occurred_at").toInstant(), device, rs.getString(clear ? "ip_address" : "ip_key"),
                rs.getString("merchant_name"), rs.getString("shipping_address_key"), rs.getString("account_key"));
        RiskDecision decision = new RiskDecision(authorization.authorizationId(),
                Decision.valueOf(rs.getString("decision")), rs.getDouble("score"),
                json.readValue(rs.getString("reasons"), REASONS), rs.getString("model_version"),
                rs.getInt("rule_set_version"), json.readValue(rs.getString("shadow_scores"), SHADOW_SCORES),
                rs.getLong("latency_micros"));
        return new StoredDecision(authorization, rs.getString("request_fingerprint"), decision,
                rs.getLong("processing_micros"), rs.getTimestamp("decided_at").toInstant(),
                rs.getString("device_sealed"), clear);
    }

    private static boolean anyNotNull(ResultSet rs, String... columns) throws SQLException {
        for (String column : columns) {
            if (rs.getObject(column) != null) {
                return true;
            }
        }
        return false;
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
