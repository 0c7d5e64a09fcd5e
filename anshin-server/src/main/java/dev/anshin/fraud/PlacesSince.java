package dev.anshin.fraud;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Terminals or merchants, each with the moment from which its use counts: the rows one set-based
 * lookup joins against ({@code (VALUES …) AS p (point_id, since)}), so that many points of compromise
 * cost one query, each row found through the place's index, instead of one query per point.
 *
 * @param kind  terminals or merchants
 * @param since each place's id and the moment from which it counts
 */
public record PlacesSince(Kind kind, Map<String, Instant> since) {

    /** What the ids name. */
    public enum Kind { TERMINAL, MERCHANT }

    public PlacesSince {
        since = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(since));
    }

    /** The column holding this kind of place (the same name in authorizations and in disputes). */
    public String column() {
        return kind == Kind.TERMINAL ? "terminal_id" : "merchant_id";
    }

    /** The places as an inline table {@code p (point_id, since)}, bound by {@link #parameters()} in order. */
    public String table() {
        StringJoiner rows = new StringJoiner(", ", "(VALUES ", ") AS p (point_id, since)");
        since.forEach((id, from) -> rows.add("(CAST(? AS VARCHAR(64)), CAST(? AS TIMESTAMP WITH TIME ZONE))"));
        return rows.toString();
    }

    /** The parameters of {@link #table()}: each place's id and moment. */
    public List<Object> parameters() {
        List<Object> parameters = new ArrayList<>(since.size() * 2);
        since.forEach((id, from) -> {
            parameters.add(id);
            parameters.add(Timestamp.from(from));
        });
        return parameters;
    }
}
