package dev.anshin.voice.workbench;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.problems.FreeText;
import dev.anshin.voice.Department;
import dev.anshin.voice.Departments;
import dev.anshin.voice.analysis.Topic;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The departments and the topic → department map staff edit ({@code voice_departments}, {@code voice_routes}). A
 * changed route applies to items that arrive after it; on request it also moves the open items (not yet reviewed
 * by staff) whose first topic it is. Every change is audited.
 */
@Service
public class VoiceRoutes {

    /** A department code: capitals and underscores, 2 to 40. */
    public static final Pattern CODE = Departments.CODE;
    static final int MAX_NAME = 100;

    public record Route(Topic topic, String department, Instant changedAt, String changedBy) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final Departments departments;

    VoiceRoutes(JdbcClient jdbc, AuditLog audit, Clock clock, Departments departments) {
        this.departments = departments;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** The departments, in code order ({@link Departments}, the one reader). */
    public List<Department> departments() {
        return departments.all();
    }

    public Optional<Department> department(String code) {
        return departments.find(code);
    }

    /** Every topic's route, in the topics' order. */
    public List<Route> routes() {
        List<Route> stored = jdbc.sql("SELECT topic, department, changed_at, changed_by FROM voice_routes")
                .query((rs, n) -> new Route(Topic.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getTimestamp(3).toInstant(), rs.getString(4))).list();
        return stored.stream().sorted((a, b) -> a.topic().compareTo(b.topic())).toList();
    }

    /** The department that owns the topic now. */
    public String departmentOf(Topic topic) {
        return jdbc.sql("SELECT department FROM voice_routes WHERE topic = ?").param(topic.name())
                .query(String.class).single();
    }

    /**
     * Routes the topic to the department from now on; with {@code rerouteOpen} also moves the open items whose first
     * topic it is from the topic's previous department. Answers how many items moved. The same route again changes nothing and is not audited.
     */
    @Transactional
    public int change(String actor, Topic topic, String department, boolean rerouteOpen, String origin) {
        if (topic == null) {
            throw new WorkbenchRefused(WorkbenchRefused.Reason.MISSING, "topic");
        }
        if (department(department).isEmpty()) {
            throw new WorkbenchRefused(WorkbenchRefused.Reason.INVALID_CHOICE, "department");
        }
        String before = jdbc.sql("SELECT department FROM voice_routes WHERE topic = ? FOR UPDATE")
                .param(topic.name()).query(String.class).single();
        int moved = 0;
        if (!before.equals(department)) {
            jdbc.sql("UPDATE voice_routes SET department = ?, changed_at = ?, changed_by = ? WHERE topic = ?")
                    .params(department, Timestamp.from(clock.instant()), actor, topic.name()).update();
        }
        if (rerouteOpen && !before.equals(department)) {
            // From the topic's previous owner only: an item staff or an earlier route put elsewhere stays there.
            moved = jdbc.sql("UPDATE voice_items SET department = ? WHERE corrected = FALSE AND erased_at IS NULL "
                    + "AND department = ? AND id IN (SELECT item_id FROM voice_item_topics WHERE topic = ? "
                    + "AND topic_rank = 0)").params(department, before, topic.name()).update();
        }
        if (!before.equals(department)) {
            record(actor, "voice.route.changed", "voice-route/" + topic.name(), origin,
                    before + "->" + department + (rerouteOpen ? "; open items moved: " + moved : ""));
        }
        return moved;
    }

    /** Adds a department (it owns no topic until a route is changed to it). */
    @Transactional
    public Department addDepartment(String actor, String code, String nameJa, String nameEn, String origin) {
        String c = code == null ? "" : code.strip();
        if (c.isEmpty()) {
            throw new WorkbenchRefused(WorkbenchRefused.Reason.MISSING, "code");
        }
        if (!CODE.matcher(c).matches()) {
            throw new WorkbenchRefused(WorkbenchRefused.Reason.INVALID_CODE, "code");
        }
        String ja = name(nameJa, "nameJa");
        String en = name(nameEn, "nameEn");
        if (department(c).isPresent()) {
            throw new WorkbenchRefused(WorkbenchRefused.Reason.CODE_TAKEN, "code");
        }
        try {
            jdbc.sql("INSERT INTO voice_departments (code, name_ja, name_en, created_at) VALUES (?, ?, ?, ?)")
                    .params(c, ja, en, Timestamp.from(clock.instant())).update();
        } catch (DuplicateKeyException raced) {
            throw new WorkbenchRefused(WorkbenchRefused.Reason.CODE_TAKEN, "code");
        }
        record(actor, "voice.department.added", "voice-department/" + c, origin, null);
        return new Department(c, ja, en);
    }

    /** A department's name: one line of free text (no card number, bidi, control or invisible characters). */
    private static String name(String value, String field) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.codePointCount(0, v.length()) > MAX_NAME) {
            throw new WorkbenchRefused(WorkbenchRefused.Reason.INVALID_NAME, field);
        }
        FreeText.problem(v).ifPresent(problem -> {
            throw new WorkbenchRefused(FreeText.CARD_NUMBER.equals(problem) ? WorkbenchRefused.Reason.CARD_NUMBER
                    : WorkbenchRefused.Reason.NOT_PLAIN_TEXT, field);
        });
        return v;
    }

    /** Last in its transaction: the audit chain's head stays locked only for the end of it. */
    private void record(String actor, String action, String resource, String origin, String detail) {
        audit.record(new AuditEvent(AuditEvent.fit(actor, AuditEvent.MAX_ACTOR), action, resource, null,
                AuditOutcome.SUCCESS, AuditEvent.fit(origin, AuditEvent.MAX_ORIGIN), detail));
    }
}
