package dev.anshin.statistics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Reports and releases, as rows: definitions and parameters as JSON written and read by the strict mapper. */
@Repository
class StatisticsStore {

    /** A stored report definition. */
    record Report(String id, String requestId, ReportDefinition.Body definition, String createdBy, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    StatisticsStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insertReport(Report report) {
        jdbc.sql("INSERT INTO statistics_reports (id, request_id, name, definition, created_by, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(report.id(), report.requestId(), report.definition().name(),
                        json.writeValueAsString(report.definition()), report.createdBy(),
                        Timestamp.from(report.createdAt()))
                .update();
    }

    Optional<Report> report(String id) {
        return jdbc.sql(REPORT + " WHERE id = ?").param(id).query(this::toReport).optional();
    }

    Optional<Report> reportByRequest(String requestId) {
        return jdbc.sql(REPORT + " WHERE request_id = ?").param(requestId).query(this::toReport).optional();
    }

    List<Report> reports(int limit) {
        return jdbc.sql(REPORT + " ORDER BY created_at DESC, id LIMIT ?").param(limit).query(this::toReport).list();
    }

    private static final String REPORT = "SELECT id, request_id, definition, created_by, created_at FROM statistics_reports";

    private Report toReport(ResultSet rs, int n) throws SQLException {
        return new Report(rs.getString(1), rs.getString(2),
                json.readValue(rs.getString(3), ReportDefinition.Body.class), rs.getString(4),
                rs.getTimestamp(5).toInstant());
    }

    void insertRelease(Release release) {
        jdbc.sql("INSERT INTO statistics_releases (id, request_id, report_id, status, dataset, periods, parameters, "
                        + "released, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)")
                .params(release.id(), release.requestId(), release.reportId(), release.status().name(), release.dataset(),
                        String.join(",", release.periods()), json.writeValueAsString(release.parameters()),
                        release.createdBy(), Timestamp.from(release.createdAt()))
                .update();
    }

    void complete(String id, Release.Table table) {
        jdbc.sql("UPDATE statistics_releases SET status = 'PREVIEW', released = ? WHERE id = ? AND status = 'RUNNING'")
                .params(json.writeValueAsString(table), id).update();
    }

    void fail(String id) {
        jdbc.sql("UPDATE statistics_releases SET status = 'FAILED' WHERE id = ? AND status = 'RUNNING'").param(id)
                .update();
    }

    /** Publishes a previewed release; false when it is not (or no longer) a preview. */
    boolean publish(String id, String by, Instant at) {
        return jdbc.sql("UPDATE statistics_releases SET status = 'PUBLISHED', published_by = ?, published_at = ? "
                        + "WHERE id = ? AND status = 'PREVIEW'")
                .params(by, Timestamp.from(at), id).update() == 1;
    }

    Optional<Release> release(String id) {
        return jdbc.sql(RELEASE + " WHERE id = ?").param(id).query(this::toRelease).optional();
    }

    Optional<Release> releaseByRequest(String requestId) {
        return jdbc.sql(RELEASE + " WHERE request_id = ?").param(requestId).query(this::toRelease).optional();
    }

    List<Release> releases(String reportId) {
        return jdbc.sql(RELEASE + " WHERE report_id = ? ORDER BY created_at DESC, id").param(reportId)
                .query(this::toRelease).list();
    }

    List<Release> published(int limit) {
        return jdbc.sql(RELEASE + " WHERE status = 'PUBLISHED' ORDER BY published_at DESC, id LIMIT ?").param(limit)
                .query(this::toRelease).list();
    }

    private static final String RELEASE = "SELECT id, request_id, report_id, status, dataset, periods, parameters, "
            + "released, created_by, created_at, published_by, published_at FROM statistics_releases";

    private Release toRelease(ResultSet rs, int n) throws SQLException {
        String released = rs.getString(8);
        Timestamp publishedAt = rs.getTimestamp(12);
        return new Release(rs.getString(1), rs.getString(2), rs.getString(3), Release.Status.valueOf(rs.getString(4)),
                rs.getString(5), Arrays.asList(rs.getString(6).split(",")),
                json.readValue(rs.getString(7), Release.Parameters.class),
                released == null ? null : json.readValue(released, Release.Table.class), rs.getString(9),
                rs.getTimestamp(10).toInstant(), rs.getString(11), publishedAt == null ? null : publishedAt.toInstant());
    }
}
