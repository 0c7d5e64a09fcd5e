package dev.anshin.fraud;

import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.Decision;
import dev.anshin.scoring.DeviceData;
import dev.anshin.scoring.PosEntryMode;
import dev.anshin.scoring.Reason;
import dev.anshin.scoring.RiskDecision;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Decisions written straight into the journal table with exactly the decision, score, card,
 * merchant and time a test of the decisions list needs (the API decides for itself). Tests remove
 * them again ({@link #delete}) so no other test meets them.
 */
public final class StoredDecisionFixtures {

    private StoredDecisionFixtures() {
    }

    /** A decision of {@code card} at {@code merchantId} / {@code merchantName}, at {@code at}. */
    public static StoredDecision decision(String id, String cardToken, String merchantId, String merchantName,
            Instant at, Decision decision, double score, String modelVersion, List<Reason> reasons) {
        Authorization authorization = new Authorization(id, cardToken, 98_000, "JPY", merchantId, "5732",
                "T-" + merchantId, "JP", PosEntryMode.ECOMMERCE, false, at,
                new DeviceData("dev-" + id.hashCode(), "02", "Mozilla/5.0", "ja-JP", -540, 390, 844), null,
                merchantName, null, null);
        RiskDecision risk = new RiskDecision(id, decision, score, reasons, modelVersion, 3, Map.of(), 420);
        return new StoredDecision(authorization, "f".repeat(64), risk, 900, at.plusMillis(3));
    }

    public static void insert(Decisions decisions, List<StoredDecision> stored) {
        decisions.insertAll(stored);
    }

    public static void delete(JdbcClient jdbc, Collection<String> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("DELETE FROM authorizations WHERE authorization_id IN (:ids)").param("ids", ids).update();
        }
    }
}
