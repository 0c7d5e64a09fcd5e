import java.sql.*;
import java.time.Instant;
import java.util.*;

/**
 * The lookups of points of compromise before and after V29 (docs/benchmarks.md, "Points of compromise
 * on a 45-minute demo"): the analysts' page of the 100 latest flagged points (their exposed cards) and the
 * investigation's count of other frauds at a case's terminal and merchant for the 50 latest cases,
 * with the SQL of commit ebd62c5 on a copy of a demo's database and the SQL of the fix on a copy with
 * V29's indexes, alternating in one process: after, before, after.
 *
 * <pre>java -cp h2-2.4.240.jar PointLookups.java /copy/before /copy/after</pre>
 * (database paths without {@code .mv.db}; the server stopped; {@code after} has had V29 run on it).
 */
public class PointLookups {
    static final String COLUMNS = "authorization_id, request_fingerprint, card_token, amount_minor, currency, merchant_id, mcc, terminal_id, merchant_country, pos_entry_mode, card_present, occurred_at, device_id, device_channel, user_agent, browser_language, timezone_offset, screen_width, screen_height, ip_address, decision, score, reasons, model_version, rule_set_version, shadow_scores, latency_micros, processing_micros, decided_at, merchant_name, shipping_address_key, account_key";
    static final String STATUSES = "('INTAKE','INVESTIGATING','ANALYST_REVIEW','AWAITING_CARDHOLDER','DECIDED_FRAUD','CHARGEBACK_FILED','WON','LOST','WRITTEN_OFF')";
    static int queries;

    public static void main(String[] args) throws Exception {
        if (args.length > 2) {
            try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + args[1], "sa", "")) {
                for (String sql : args[2].split(";;")) explain(c, sql);
            }
            return;
        }
        double[] page = new double[2], lookups = new double[2];
        for (String which : List.of("new", "old", "new")) {
            try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + (which.equals("old") ? args[0] : args[1]), "sa", "")) {
                double[] t = round(which, c);
                int k = which.equals("old") ? 0 : 1;
                page[k] = page[k] == 0 ? t[0] : Math.min(page[k], t[0]);
                lookups[k] = lookups[k] == 0 ? t[1] : Math.min(lookups[k], t[1]);
            }
        }
        System.out.printf(Locale.ROOT, "page: before %.0f ms, after %.0f ms (best), %.0fx; investigation lookups per case: before %.1f ms, after %.1f ms, %.0fx%n",
            page[0], page[1], page[0] / page[1], lookups[0], lookups[1], lookups[0] / lookups[1]);
    }

    static double[] round(String which, Connection c) throws SQLException {
        List<Object[]> points = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT kind, point_id, compromised_since FROM compromise_flags ORDER BY flagged_at DESC LIMIT 100")) {
            while (rs.next()) points.add(new Object[] {rs.getString(1), rs.getString(2), rs.getTimestamp(3)});
        }
        List<String[]> cases = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT terminal_id, merchant_id, occurred_at FROM disputes ORDER BY created_at DESC LIMIT 50")) {
            while (rs.next()) cases.add(new String[] {rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant().toString()});
        }
        Timestamp to = Timestamp.from(Instant.now().plusSeconds(1));
        queries = 0;
        long t0 = System.nanoTime();
        int exposed = which.equals("old") ? oldPage(c, points, to) : newPage(c, points, to);
        long t1 = System.nanoTime();
        int pq = queries;
        queries = 0;
        int found = 0;
        for (String[] k : cases) {
            Timestamp from = Timestamp.from(Instant.parse(k[2]).minus(java.time.Duration.ofDays(30)));
            found += which.equals("old") ? oldFraudsAt(c, k[0], k[1], from, to) : newFraudsAt(c, k[0], k[1], from, to);
        }
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "%s: page of %d points: %d exposed cards, %d queries, %.1f ms; investigation lookups of %d cases: %d reports, %d queries, %.1f ms (%.1f ms/case)%n",
            which.equals("old") ? "before" : "after", points.size(), exposed, pq, (t1 - t0) / 1e6, cases.size(), found, queries, (t2 - t1) / 1e6, (t2 - t1) / 1e6 / cases.size());
        return new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6 / cases.size()};
    }

    static void explain(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("EXPLAIN " + sql)) { rs.next(); System.out.println(rs.getString(1)); }
    }

    static List<Object[]> rows(Connection c, String sql, Object... params) throws SQLException {
        queries++;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            List<Object[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) { Object[] r = new Object[n]; for (int i = 0; i < n; i++) r[i] = rs.getObject(i + 1); out.add(r); }
            }
            return out;
        }
    }

    // --- before: per point, the three queries of CompromisedPoints.exposedCards (ebd62c5)
    static int oldPage(Connection c, List<Object[]> points, Timestamp to) throws SQLException {
        int exposed = 0;
        for (Object[] p : points) {
            boolean terminal = p[0].equals("TERMINAL");
            String t = terminal ? (String) p[1] : null, m = terminal ? null : (String) p[1];
            Timestamp since = (Timestamp) p[2];
            List<Object[]> used = rows(c, "SELECT " + COLUMNS + " FROM authorizations WHERE (terminal_id = ? OR merchant_id = ?) AND occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at, authorization_id LIMIT 50000", t, m, since, to);
            Set<Object> reporting = new HashSet<>();
            rows(c, "SELECT card_token, terminal_id, merchant_id, occurred_at FROM disputes WHERE (terminal_id = ? OR merchant_id = ?) AND occurred_at >= ? AND occurred_at < ? AND status IN " + STATUSES + " ORDER BY occurred_at", t, m, since, to).forEach(r -> reporting.add(r[0]));
            rows(c, "SELECT DISTINCT a.authorization_id, a.card_token, a.terminal_id, a.merchant_id, a.occurred_at FROM fraud_labels l JOIN authorizations a ON a.authorization_id = l.authorization_id WHERE l.fraud AND (a.terminal_id = ? OR a.merchant_id = ?) AND a.occurred_at >= ? AND a.occurred_at < ? ORDER BY a.occurred_at", t, m, since, to).forEach(r -> reporting.add(r[1]));
            Set<Object> cards = new LinkedHashSet<>();
            for (Object[] u : used) if (!reporting.contains(u[2])) cards.add(u[2]);
            exposed += cards.size();
        }
        return exposed;
    }

    static int oldFraudsAt(Connection c, String t, String m, Timestamp from, Timestamp to) throws SQLException {
        return rows(c, "SELECT card_token, terminal_id, merchant_id, occurred_at FROM disputes WHERE (terminal_id = ? OR merchant_id = ?) AND occurred_at >= ? AND occurred_at < ? AND status IN " + STATUSES + " ORDER BY occurred_at", t, m, from, to).size()
            + rows(c, "SELECT DISTINCT a.authorization_id, a.card_token, a.terminal_id, a.merchant_id, a.occurred_at FROM fraud_labels l JOIN authorizations a ON a.authorization_id = l.authorization_id WHERE l.fraud AND (a.terminal_id = ? OR a.merchant_id = ?) AND a.occurred_at >= ? AND a.occurred_at < ? ORDER BY a.occurred_at", t, m, from, to).size();
    }

    // --- after: the SQL of the fix (see Decisions, FraudLabels, DisputeStore)
    static String table(int n) {
        StringJoiner j = new StringJoiner(", ", "(VALUES ", ") AS p (point_id, since)");
        for (int i = 0; i < n; i++) j.add("(CAST(? AS VARCHAR(64)), CAST(? AS TIMESTAMP WITH TIME ZONE))");
        return j.toString();
    }

    static int newPage(Connection c, List<Object[]> points, Timestamp to) throws SQLException {
        int exposed = 0;
        for (String kind : List.of("TERMINAL", "MERCHANT")) {
            String col = kind.equals("TERMINAL") ? "terminal_id" : "merchant_id";
            List<Object> params = new ArrayList<>();
            int n = 0;
            for (Object[] p : points) if (p[0].equals(kind)) { params.add(p[1]); params.add(p[2]); n++; }
            if (n == 0) continue;
            params.add(to);
            Object[] ps = params.toArray();
            List<Object[]> first = rows(c, "SELECT p.point_id, a.card_token, MIN(a.occurred_at) FROM " + table(n) + " JOIN authorizations a ON a." + col + " = p.point_id AND a.occurred_at >= p.since AND a.occurred_at < ? GROUP BY p.point_id, a.card_token", ps);
            Set<String> reporting = new HashSet<>();
            rows(c, "SELECT DISTINCT p.point_id, d.card_token FROM " + table(n) + " JOIN disputes d ON d." + col + " = p.point_id AND d.occurred_at >= p.since AND d.occurred_at < ? WHERE d.status IN " + STATUSES, ps).forEach(r -> reporting.add(r[0] + "/" + r[1]));
            rows(c, "SELECT DISTINCT p.point_id, a.card_token FROM " + table(n) + " JOIN authorizations a ON a." + col + " = p.point_id AND a.occurred_at >= p.since AND a.occurred_at < ? JOIN fraud_labels l ON l.authorization_id = a.authorization_id WHERE l.fraud", ps).forEach(r -> reporting.add(r[0] + "/" + r[1]));
            for (Object[] f : first) if (!reporting.contains(f[0] + "/" + f[1])) exposed++;
        }
        return exposed;
    }

    static int newFraudsAt(Connection c, String t, String m, Timestamp from, Timestamp to) throws SQLException {
        String d = "SELECT dispute_id, card_token, terminal_id, merchant_id, occurred_at FROM disputes WHERE %s = ? AND occurred_at >= ? AND occurred_at < ? AND status IN " + STATUSES;
        String a = "SELECT a.authorization_id, a.card_token, a.terminal_id, a.merchant_id, a.occurred_at FROM authorizations a JOIN fraud_labels l ON l.authorization_id = a.authorization_id WHERE l.fraud AND a.%s = ? AND a.occurred_at >= ? AND a.occurred_at < ?";
        return rows(c, String.format(d, "terminal_id") + " UNION " + String.format(d, "merchant_id") + " ORDER BY occurred_at", t, from, to, m, from, to).size()
            + rows(c, String.format(a, "terminal_id") + " UNION " + String.format(a, "merchant_id") + " ORDER BY occurred_at", t, from, to, m, from, to).size();
    }
}
