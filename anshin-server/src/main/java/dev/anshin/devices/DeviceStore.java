package dev.anshin.devices;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The devices' tables (V28, V33): devices, blocking keys, observations and their claims, applications,
 * customer links, frauds, replayed references.
 */
@Repository
class DeviceStore {

    private final JdbcClient jdbc;
    /** A savepoint inside the caller's transaction (a transaction of its own when there is none). */
    private final TransactionTemplate savepoint;
    /**
     * {@link #exists} answers for the ids the fraud module asks about on every authorization that carries a
     * UUID device id ({@link Devices#knows}), most of them issuers' ids Anshin never gave out. An answer
     * changes only when a device is created or deleted: a created device's id is a fresh random UUID that
     * nobody can have asked about before (and is forgotten here anyway), and a deleted device (its customer
     * erased, or retention) has its answer dropped when it is deleted and again when that transaction ends,
     * so a cached "yes" never outlives the row. Bounded: a miss only costs the query it saves.
     */
    private final Cache<String, Boolean> known = Caffeine.newBuilder().maximumSize(100_000).build();

    DeviceStore(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Inserts the row unless its key is taken (by an earlier or a concurrent transaction); true when
     * inserted. Under a savepoint: on PostgreSQL a unique violation aborts the whole transaction, so a
     * caught {@code DuplicateKeyException} would leave every later statement of the caller failing
     * ("current transaction is aborted"); rolling back to the savepoint undoes only the insert. (Not
     * {@code INSERT … ON CONFLICT DO NOTHING}: H2 2.x refuses it outside its PostgreSQL mode; not
     * {@code MERGE}: on PostgreSQL it still raises the violation when a concurrent transaction inserts the
     * same key.)
     */
    private boolean insertOnce(String sql, Object... params) {
        try {
            return Boolean.TRUE.equals(savepoint.execute(status -> jdbc.sql(sql).params(params).update() > 0));
        } catch (DuplicateKeyException concurrent) {
            return false;
        }
    }

    /** The devices sharing any of the keys, the latest {@code capPerKey} seen per key. */
    List<DeviceMatcher.Candidate> candidates(List<String> keys, int capPerKey) {
        Map<String, DeviceMatcher.Candidate> found = new LinkedHashMap<>();
        for (String key : keys) {
            jdbc.sql("SELECT d.device_id, d.profile, d.last_seen_at FROM device_blocking_keys k "
                            + "JOIN devices d ON d.device_id = k.device_id WHERE k.blocking_key = ? "
                            + "ORDER BY k.seen_at DESC, k.device_id")
                    .param(key).withMaxRows(capPerKey)
                    .query((rs, n) -> new DeviceMatcher.Candidate(rs.getString(1), DeviceProfile.decode(rs.getString(2)),
                            rs.getTimestamp(3).toInstant()))
                    .list()
                    .forEach(candidate -> found.putIfAbsent(candidate.deviceId(), candidate));
        }
        return new ArrayList<>(found.values());
    }

    void insertDevice(String deviceId, DeviceProfile profile, Instant at) {
        known.invalidate(deviceId);
        jdbc.sql("INSERT INTO devices (device_id, first_seen_at, last_seen_at, observations, profile) VALUES (?, ?, ?, 1, ?)")
                .params(deviceId, ts(at), ts(at), profile.encode()).update();
    }

    /** The device seen again: its profile follows the latest observation (drift is tracked, not fought). */
    void seenAgain(String deviceId, DeviceProfile profile, Instant at) {
        jdbc.sql("UPDATE devices SET observations = observations + 1, profile = ?, "
                        + "last_seen_at = CASE WHEN last_seen_at < ? THEN ? ELSE last_seen_at END WHERE device_id = ?")
                .params(profile.encode(), ts(at), ts(at), deviceId).update();
    }

    /** Adds the keys (old ones stay, so an observation like an older state still finds the device). */
    void keys(String deviceId, List<String> keys, Instant at) {
        for (String key : keys) {
            int updated = jdbc.sql("UPDATE device_blocking_keys SET seen_at = ? WHERE blocking_key = ? AND device_id = ?")
                    .params(ts(at), key, deviceId).update();
            if (updated == 0) {
                // Taken meanwhile by a concurrent observation of the device: then it is there.
                insertOnce("INSERT INTO device_blocking_keys (blocking_key, device_id, seen_at) VALUES (?, ?, ?)",
                        key, deviceId, ts(at));
            }
        }
    }

    void insertObservation(String observationId, String deviceId, Instant at, double similarity, String address,
            String agent, Set<AutomationMarker> automation, boolean timezoneInJapan, boolean speaksJapanese) {
        jdbc.sql("INSERT INTO device_observations (observation_id, device_id, observed_at, similarity, address_pseudonym, "
                        + "agent_pseudonym, automation, timezone_in_japan, speaks_japanese) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(observationId, deviceId, ts(at), (int) Math.round(similarity * 1000), address, agent,
                        markers(automation), timezoneInJapan, speaksJapanese)
                .update();
    }

    /** An observation as stored: what its reference answers, and the application that claimed it, if any. */
    record Observation(ObservedDevice observed, String claimedBy) {
    }

    Optional<Observation> observation(String observationId) {
        return jdbc.sql("SELECT observation_id, device_id, observed_at, automation, "
                        + "(SELECT COUNT(*) FROM device_observations o2 WHERE o2.device_id = o.device_id "
                        + "AND o2.observed_at < o.observed_at), claimed_by FROM device_observations o "
                        + "WHERE observation_id = ?")
                .param(observationId)
                .query((rs, n) -> new Observation(new ObservedDevice(rs.getString(1), rs.getString(2),
                        rs.getTimestamp(3).toInstant(), rs.getLong(5) == 0, markers(rs.getString(4))), rs.getString(6)))
                .optional();
    }

    /**
     * Claims the observation for the application if nobody has; one statement, so of two concurrent
     * claims exactly one changes the row (the other waits for it and then finds it claimed).
     */
    void claim(String observationId, String applicationRef, Instant at) {
        jdbc.sql("UPDATE device_observations SET claimed_by = ?, claimed_at = ? WHERE observation_id = ? "
                        + "AND claimed_by IS NULL")
                .params(applicationRef, ts(at), observationId).update();
    }

    /** Another application presented a claimed observation's reference: counted once per reference and application. */
    void recordReuse(String observationId, String applicationRef, String deviceId, Instant at) {
        insertOnce("INSERT INTO device_observation_reuses (observation_id, application_ref, device_id, attempted_at) "
                + "VALUES (?, ?, ?, ?)", observationId, applicationRef, deviceId, ts(at));
    }

    boolean exists(String deviceId) {
        return known.get(deviceId, this::existsInDatabase);
    }

    private boolean existsInDatabase(String deviceId) {
        return jdbc.sql("SELECT COUNT(*) FROM devices WHERE device_id = ?").param(deviceId).query(Long.class).single() > 0;
    }

    /** Records the application once (per reference and device); false when it was recorded already. */
    boolean recordApplication(String deviceId, String applicationRef, Instant at) {
        long held = jdbc.sql("SELECT COUNT(*) FROM device_applications WHERE application_ref = ? AND device_id = ?")
                .params(applicationRef, deviceId).query(Long.class).single();
        return held == 0 && insertOnce("INSERT INTO device_applications (application_ref, device_id, applied_at) "
                + "VALUES (?, ?, ?)", applicationRef, deviceId, ts(at));
    }

    /** Links the customer to the device once; false when linked already. */
    boolean link(String deviceId, String customerId, String applicationRef, Instant at) {
        if (applicationRef != null) {
            jdbc.sql("UPDATE device_applications SET customer_id = ? WHERE application_ref = ? AND device_id = ?")
                    .params(customerId, applicationRef, deviceId).update();
        }
        long held = jdbc.sql("SELECT COUNT(*) FROM device_customers WHERE device_id = ? AND customer_id = ?")
                .params(deviceId, customerId).query(Long.class).single();
        return held == 0 && insertOnce("INSERT INTO device_customers (device_id, customer_id, linked_at, "
                + "application_ref) VALUES (?, ?, ?, ?)", deviceId, customerId, ts(at), applicationRef);
    }

    /** Removes the link made for this application, and the customer from its application record; false when none. */
    boolean unlink(String deviceId, String customerId, String applicationRef) {
        jdbc.sql("UPDATE device_applications SET customer_id = NULL WHERE application_ref = ? AND device_id = ? "
                + "AND customer_id = ?").params(applicationRef, deviceId, customerId).update();
        return jdbc.sql("DELETE FROM device_customers WHERE device_id = ? AND customer_id = ? AND application_ref = ?")
                .params(deviceId, customerId, applicationRef).update() > 0;
    }

    /** When the customer was linked to the device, if they are. */
    Optional<Instant> linkedAt(String deviceId, String customerId) {
        return jdbc.sql("SELECT linked_at FROM device_customers WHERE device_id = ? AND customer_id = ?")
                .params(deviceId, customerId).query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
    }

    List<String> devicesOf(String customerId) {
        return jdbc.sql("SELECT device_id FROM device_customers WHERE customer_id = ? ORDER BY linked_at, device_id")
                .param(customerId).query(String.class).list();
    }

    List<String> customersOf(String deviceId) {
        return jdbc.sql("SELECT customer_id FROM device_customers WHERE device_id = ? ORDER BY linked_at, customer_id")
                .param(deviceId).query(String.class).list();
    }

    /** What one device link holds, for the customer's disclosure. */
    record Link(String deviceId, Instant linkedAt, Instant firstSeenAt, Instant lastSeenAt, long observations,
            List<String> applications, Set<AutomationMarker> automation, boolean timezoneInJapan,
            boolean speaksJapanese) {
    }

    List<Link> linksOf(String customerId) {
        return jdbc.sql("SELECT c.device_id, c.linked_at, d.first_seen_at, d.last_seen_at, d.observations "
                        + "FROM device_customers c JOIN devices d ON d.device_id = c.device_id WHERE c.customer_id = ? "
                        + "ORDER BY c.linked_at, c.device_id")
                .param(customerId)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(), rs.getLong(5)})
                .list().stream()
                .map(row -> {
                    String deviceId = (String) row[0];
                    List<String> applications = jdbc.sql("SELECT application_ref FROM device_applications "
                                    + "WHERE device_id = ? AND customer_id = ? ORDER BY applied_at, application_ref")
                            .params(deviceId, customerId).query(String.class).list();
                    var latest = latestObservation(deviceId, Instant.MAX);
                    return new Link(deviceId, (Instant) row[1], (Instant) row[2], (Instant) row[3], (Long) row[4],
                            applications, automationSince(deviceId, Instant.EPOCH, Instant.MAX),
                            latest.map(o -> o.timezoneInJapan).orElse(true), latest.map(o -> o.speaksJapanese).orElse(true));
                })
                .toList();
    }

    /** The facts of a reputation, counted as known at {@code asOf}. */
    record Facts(Instant firstSeenAt, long observations, long observationsLastHour, long applications30d,
            long applications, List<String> customers, long confirmedFrauds, long fraudsOnLinkedCards,
            Set<AutomationMarker> automation, boolean timezoneInJapan, boolean speaksJapanese,
            long reusedObservations) {
    }

    /**
     * What was known of the device at {@code asOf}, and only that: empty when the device was first seen
     * after it (it was not known then); every count up to {@code asOf}; the customers linked by then.
     */
    Optional<Facts> facts(String deviceId, Instant asOf) {
        Timestamp at = ts(asOf);
        Optional<Instant> firstSeen = jdbc.sql("SELECT first_seen_at FROM devices WHERE device_id = ? AND first_seen_at <= ?")
                .params(deviceId, at).query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
        if (firstSeen.isEmpty()) {
            return Optional.empty();
        }
        long observations = count("SELECT COUNT(*) FROM device_observations WHERE device_id = ? AND observed_at <= ?",
                deviceId, at);
        long lastHour = count("SELECT COUNT(*) FROM device_observations WHERE device_id = ? AND observed_at <= ? "
                + "AND observed_at > ?", deviceId, at, ts(asOf.minusSeconds(3600)));
        long applications30d = count("SELECT COUNT(*) FROM device_applications WHERE device_id = ? AND applied_at <= ? "
                + "AND applied_at > ?", deviceId, at, ts(asOf.minusSeconds(30L * 86400)));
        long applications = count("SELECT COUNT(*) FROM device_applications WHERE device_id = ? AND applied_at <= ?",
                deviceId, at);
        List<String> customers = jdbc.sql("SELECT customer_id FROM device_customers WHERE device_id = ? AND linked_at <= ? "
                        + "ORDER BY customer_id").params(deviceId, at).query(String.class).list();
        long frauds = count("SELECT COUNT(*) FROM device_frauds WHERE device_id = ? AND kind = 'DEVICE' AND known_at <= ?",
                deviceId, at);
        long linkedFrauds = count("SELECT COUNT(*) FROM device_frauds WHERE device_id = ? AND kind = 'LINKED_CARD' "
                + "AND known_at <= ?", deviceId, at);
        long reuses = count("SELECT COUNT(*) FROM device_observation_reuses WHERE device_id = ? AND attempted_at <= ?",
                deviceId, at);
        Set<AutomationMarker> automation = automationSince(deviceId, asOf.minusSeconds(30L * 86400), asOf);
        var latest = latestObservation(deviceId, asOf);
        return Optional.of(new Facts(firstSeen.get(), observations, lastHour, applications30d, applications, customers,
                frauds, linkedFrauds, automation, latest.map(o -> o.timezoneInJapan).orElse(true),
                latest.map(o -> o.speaksJapanese).orElse(true), reuses));
    }

    /**
     * Records a confirmed fraud on the device once; false when it was recorded already. {@code customerId}:
     * whose card it was on (null when the card is nobody's), so that erasing them reaches the row.
     */
    boolean recordFraud(String deviceId, String authorizationId, String kind, Instant occurredAt, Instant knownAt,
            String customerId) {
        long held = jdbc.sql("SELECT COUNT(*) FROM device_frauds WHERE device_id = ? AND authorization_id = ?")
                .params(deviceId, authorizationId).query(Long.class).single();
        return held == 0 && insertOnce("INSERT INTO device_frauds (device_id, authorization_id, kind, occurred_at, "
                + "known_at, customer_id) VALUES (?, ?, ?, ?, ?, ?)", deviceId, authorizationId, kind, ts(occurredAt),
                ts(knownAt), customerId);
    }

    /**
     * An erased customer's links go; a device that was theirs alone goes entirely (its observations,
     * keys, applications and frauds with it); a device others use too keeps its counts, with nothing that
     * points to the erased customer: their applications (and the claims and replays under those
     * references) renamed to an anonymous reference, the frauds on their cards that reached the device
     * through them (LINKED_CARD) deleted, and the frauds made on the device with their cards (DEVICE, evidence
     * against the device) kept under an anonymous authorization reference.
     *
     * @return how many devices were deleted
     */
    int erase(String customerId) {
        List<String> devices = devicesOf(customerId);
        forgetKnown(devices);
        jdbc.sql("DELETE FROM device_customers WHERE customer_id = ?").param(customerId).update();
        int deleted = 0;
        for (String deviceId : devices) {
            if (customersOf(deviceId).isEmpty()) {
                deleted += jdbc.sql("DELETE FROM devices WHERE device_id = ?").param(deviceId).update();
            }
        }
        List<String[]> applications = jdbc.sql("SELECT application_ref, device_id FROM device_applications WHERE customer_id = ?")
                .param(customerId).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        for (String[] application : applications) {
            String anonymous = "erased-" + java.util.UUID.randomUUID();
            jdbc.sql("UPDATE device_applications SET application_ref = ?, customer_id = NULL "
                            + "WHERE application_ref = ? AND device_id = ?")
                    .params(anonymous, application[0], application[1]).update();
            jdbc.sql("UPDATE device_observations SET claimed_by = ? WHERE claimed_by = ? AND device_id = ?")
                    .params(anonymous, application[0], application[1]).update();
            jdbc.sql("UPDATE device_observation_reuses SET application_ref = ? WHERE application_ref = ? AND device_id = ?")
                    .params(anonymous, application[0], application[1]).update();
        }
        jdbc.sql("DELETE FROM device_frauds WHERE customer_id = ? AND kind = 'LINKED_CARD'").param(customerId).update();
        List<String[]> frauds = jdbc.sql("SELECT device_id, authorization_id FROM device_frauds WHERE customer_id = ?")
                .param(customerId).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        for (String[] fraud : frauds) {
            jdbc.sql("UPDATE device_frauds SET authorization_id = ?, customer_id = NULL WHERE device_id = ? "
                            + "AND authorization_id = ?")
                    .params("erased-" + java.util.UUID.randomUUID(), fraud[0], fraud[1]).update();
        }
        return deleted;
    }

    /** Deletes observations older than {@code before}, and devices not seen since {@code unseenSince} that no customer uses. */
    int[] purge(Instant before, Instant unseenSince) {
        forgetKnown(null);
        int observations = jdbc.sql("DELETE FROM device_observations WHERE observed_at < ?").param(ts(before)).update();
        jdbc.sql("DELETE FROM device_observation_reuses WHERE attempted_at < ?").param(ts(before)).update();
        int devices = jdbc.sql("DELETE FROM devices WHERE last_seen_at < ? AND NOT EXISTS "
                + "(SELECT 1 FROM device_customers c WHERE c.device_id = devices.device_id)").param(ts(unseenSince)).update();
        return new int[] {observations, devices};
    }

    /**
     * Drops the cached answers for devices about to be deleted ({@code null}: every "yes", for a deletion by
     * age), now and again when the deleting transaction ends: an answer read from the row in between (the
     * delete not yet committed) is not kept either.
     */
    private void forgetKnown(List<String> deviceIds) {
        Runnable forget = deviceIds == null
                ? () -> known.asMap().values().removeIf(Boolean::booleanValue)
                : () -> known.invalidateAll(deviceIds);
        forget.run();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forget.run();
                }
            });
        }
    }

    private record Latest(boolean timezoneInJapan, boolean speaksJapanese) {
    }

    private Optional<Latest> latestObservation(String deviceId, Instant asOf) {
        return jdbc.sql("SELECT timezone_in_japan, speaks_japanese FROM device_observations WHERE device_id = ? "
                        + "AND observed_at <= ? ORDER BY observed_at DESC, observation_id")
                .params(deviceId, ts(asOf)).withMaxRows(1)
                .query((rs, n) -> new Latest(rs.getBoolean(1), rs.getBoolean(2))).optional();
    }

    private Set<AutomationMarker> automationSince(String deviceId, Instant from, Instant to) {
        Set<AutomationMarker> markers = EnumSet.noneOf(AutomationMarker.class);
        jdbc.sql("SELECT DISTINCT automation FROM device_observations WHERE device_id = ? AND observed_at > ? "
                        + "AND observed_at <= ? AND automation <> ''")
                .params(deviceId, ts(from), ts(to)).query(String.class).list()
                .forEach(text -> markers.addAll(markers(text)));
        return markers;
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    static String markers(Set<AutomationMarker> markers) {
        return String.join(",", markers.stream().map(Enum::name).sorted().toList());
    }

    static Set<AutomationMarker> markers(String text) {
        Set<AutomationMarker> markers = EnumSet.noneOf(AutomationMarker.class);
        if (text != null && !text.isBlank()) {
            for (String name : text.split(",")) {
                try {
                    markers.add(AutomationMarker.valueOf(name));
                } catch (IllegalArgumentException retired) {
                    // a marker no longer known: skipped
                }
            }
        }
        return markers;
    }

    private static Timestamp ts(Instant at) {
        // "Up to now and beyond" without an instant the database cannot hold.
        return at.equals(Instant.MAX) ? Timestamp.from(Instant.parse("9999-12-31T00:00:00Z")) : Timestamp.from(at);
    }
}
