package dev.anshin.voice.review;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.Purpose;
import dev.anshin.problems.FreeText;
import dev.anshin.site.Display;
import dev.anshin.voice.Department;
import dev.anshin.voice.Departments;
import dev.anshin.voice.analysis.Topic;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The countermeasures of the monthly voice review, as a collection: raised from a report (its top topics
 * preselected) or from a voice item, edited, moved through {@link CountermeasureTransitions}; every change audited,
 * nothing stored half-way, a double submit of the same form stores one.
 */
@Service
public class Countermeasures {

    public static final int MAX_ACTION = 500;
    public static final int MAX_OWNER = 100;
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern ITEM_ID = Pattern.compile("[A-Za-z0-9-]{1,36}");

    /**
     * A countermeasure as the form sends it, every field a string still to be checked.
     *
     * @param department a department code, or blank for the company-wide review
     * @param itemIds voice item ids, separated by commas, spaces or new lines (may be blank)
     * @param formToken the form's one-time token (a retried submit carries the same)
     */
    public record Draft(String action, String owner, String dueDate, String department, String month,
            List<String> topics, String itemIds, String formToken) {

        public Draft {
            topics = topics == null ? List.of() : List.copyOf(topics);
        }
    }

    /** The fields an edit may change (not the month it was raised in, nor its department). */
    public record Edit(String action, String owner, String dueDate, List<String> topics) {

        public Edit {
            topics = topics == null ? List.of() : List.copyOf(topics);
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final Clock clock;
    private final Departments departments;

    Countermeasures(JdbcClient jdbc, TransactionTemplate transactions, AuditLog audit, Clock clock,
            Departments departments) {
        this.departments = departments;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Stores a new countermeasure, PLANNED; or returns the one this actor already stored with the same form token.
     *
     * @throws CountermeasureRefused naming every field at fault; nothing is stored
     */
    public Countermeasure raise(Actor actor, Draft draft) {
        Map<String, CountermeasureRefused.Reason> faults = new LinkedHashMap<>();
        String action = text(draft.action(), MAX_ACTION, "action", true, faults);
        String owner = text(draft.owner(), MAX_OWNER, "owner", false, faults);
        LocalDate due = date(draft.dueDate(), faults);
        String department = blankToNull(draft.department());
        if (department != null && !departmentExists(department)) {
            faults.put("department", CountermeasureRefused.Reason.UNKNOWN_DEPARTMENT);
        }
        YearMonth month = month(draft.month(), faults);
        List<Topic> topics = topics(draft.topics(), faults);
        List<String> items = items(draft.itemIds(), faults);
        String token = blankToNull(draft.formToken());
        if (token == null || token.length() > 100) {
            faults.put("formToken", CountermeasureRefused.Reason.MISSING);
        }
        if (!faults.isEmpty()) {
            throw new CountermeasureRefused(faults);
        }
        String by = AuditEvent.fit(actor.name(), 100);
        Optional<String> earlier = byToken(by, token);
        if (earlier.isPresent()) {
            return find(earlier.get()).orElseThrow();
        }
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        try {
            transactions.executeWithoutResult(tx -> {
                jdbc.sql("INSERT INTO voice_countermeasures (id, action, owner, due_date, status, department, "
                                + "created_month, created_at, created_by, form_token, changed_at, changed_by) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(id, action, owner, due, CountermeasureStatus.PLANNED.name(), department,
                                month.toString(), Timestamp.from(now), by, token, Timestamp.from(now), by)
                        .update();
                link(id, topics, items);
                record(actor, "voice.countermeasure.raise", id, "month=" + month + " department="
                        + (department == null ? "company" : department) + " topics=" + topics + " items="
                        + items.size());
            });
        } catch (org.springframework.dao.DuplicateKeyException twice) {
            // the same form submitted twice at once: the other submit stored it
            return find(byToken(by, token).orElseThrow()).orElseThrow();
        }
        return find(id).orElseThrow();
    }

    /**
     * Changes the action, owner, due date and topics.
     *
     * @throws CountermeasureRefused naming every field at fault, or NOT_FOUND; nothing is stored
     */
    public Countermeasure edit(Actor actor, String id, Edit edit) {
        Countermeasure before = find(id).orElseThrow(() -> new CountermeasureRefused(
                CountermeasureRefused.Reason.NOT_FOUND, "id"));
        Map<String, CountermeasureRefused.Reason> faults = new LinkedHashMap<>();
        String action = text(edit.action(), MAX_ACTION, "action", true, faults);
        String owner = text(edit.owner(), MAX_OWNER, "owner", false, faults);
        LocalDate due = date(edit.dueDate(), faults);
        List<Topic> topics = topics(edit.topics(), faults);
        if (!faults.isEmpty()) {
            throw new CountermeasureRefused(faults);
        }
        String by = AuditEvent.fit(actor.name(), 100);
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("UPDATE voice_countermeasures SET action = ?, owner = ?, due_date = ?, changed_at = ?, "
                            + "changed_by = ? WHERE id = ?")
                    .params(action, owner, due, Timestamp.from(clock.instant()), by, id).update();
            jdbc.sql("DELETE FROM voice_countermeasure_topics WHERE countermeasure_id = ?").param(id).update();
            link(id, topics, List.of());
            List<String> changed = new ArrayList<>();
            if (!before.action().equals(action)) {
                changed.add("action");
            }
            if (!before.owner().equals(owner)) {
                changed.add("owner");
            }
            if (!before.dueDate().equals(due)) {
                changed.add("dueDate " + before.dueDate() + "->" + due);
            }
            if (!before.topics().equals(topics)) {
                changed.add("topics " + before.topics() + "->" + topics);
            }
            record(actor, "voice.countermeasure.edit", id, "changed " + String.join(", ", changed));
        });
        return find(id).orElseThrow();
    }

    /**
     * Moves the countermeasure to another status, if the lifecycle allows it from the status the actor saw.
     *
     * @param seen the status the page showed: a move from another (someone moved it meanwhile) is refused
     * @throws CountermeasureRefused ILLEGAL_MOVE, CHANGED_MEANWHILE or NOT_FOUND; nothing is stored
     */
    public Countermeasure move(Actor actor, String id, CountermeasureStatus seen, CountermeasureStatus to) {
        Countermeasure before = find(id).orElseThrow(() -> new CountermeasureRefused(
                CountermeasureRefused.Reason.NOT_FOUND, "id"));
        if (seen != null && before.status() != seen) {
            if (before.status() == to) {
                return before; // a retried move that was made
            }
            throw new CountermeasureRefused(CountermeasureRefused.Reason.CHANGED_MEANWHILE, "status");
        }
        CountermeasureTransitions.next(before.status(), to);
        Instant now = clock.instant();
        String by = AuditEvent.fit(actor.name(), 100);
        transactions.executeWithoutResult(tx -> {
            int moved = jdbc.sql("UPDATE voice_countermeasures SET status = ?, changed_at = ?, changed_by = ?, "
                            + "done_at = ? WHERE id = ? AND status = ?")
                    .params(to.name(), Timestamp.from(now), by, to == CountermeasureStatus.DONE ? Timestamp.from(now)
                            : null, id, before.status().name())
                    .update();
            if (moved != 1) {
                throw new CountermeasureRefused(CountermeasureRefused.Reason.CHANGED_MEANWHILE, "status");
            }
            record(actor, "voice.countermeasure.move", id, before.status() + "->" + to);
        });
        return find(id).orElseThrow();
    }

    public Optional<Countermeasure> find(String id) {
        if (id == null || !ITEM_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT * FROM voice_countermeasures WHERE id = ?").param(id).query(this::row).optional()
                .map(this::withLinks);
    }

    /** The newest first, at most {@code limit}; a department's, or every one when {@code department} is null. */
    public List<Countermeasure> list(String department, int limit) {
        var query = department == null
                ? jdbc.sql("SELECT * FROM voice_countermeasures ORDER BY created_at DESC, id")
                : jdbc.sql("SELECT * FROM voice_countermeasures WHERE department = ? ORDER BY created_at DESC, id")
                        .param(department);
        return query.query(this::row).list().stream().limit(limit).map(this::withLinks).toList();
    }

    /**
     * Those a review looks at: raised in {@code month} ({@code earlier} false) or before it ({@code earlier} true),
     * of the department, or every one for the company-wide review ({@code department} null).
     */
    public List<Countermeasure> forReview(YearMonth month, String department, boolean earlier) {
        String where = (earlier ? "created_month < ?" : "created_month = ?")
                + (department == null ? "" : " AND department = ?");
        var query = jdbc.sql("SELECT * FROM voice_countermeasures WHERE " + where
                + " ORDER BY created_month, created_at, id").param(month.toString());
        if (department != null) {
            query = query.param(department);
        }
        return query.query(this::row).list().stream().map(this::withLinks).toList();
    }

    /** The departments, in code order ({@link Departments}). */
    public List<Department> departments() {
        return departments.all();
    }

    boolean departmentExists(String code) {
        return departments.exists(code);
    }

    private Optional<String> byToken(String by, String token) {
        return jdbc.sql("SELECT id FROM voice_countermeasures WHERE created_by = ? AND form_token = ?")
                .params(by, token).query(String.class).optional();
    }

    private void link(String id, List<Topic> topics, List<String> items) {
        for (Topic topic : topics) {
            jdbc.sql("INSERT INTO voice_countermeasure_topics (countermeasure_id, topic) VALUES (?, ?)")
                    .params(id, topic.name()).update();
        }
        for (String item : items) {
            jdbc.sql("INSERT INTO voice_countermeasure_items (countermeasure_id, item_id) VALUES (?, ?)")
                    .params(id, item).update();
        }
    }

    /** Last in its transaction, as elsewhere: the audit chain's head stays locked only for the end of it. */
    private void record(Actor actor, String action, String id, String detail) {
        audit.record(new AuditEvent(AuditEvent.fit(actor.name(), AuditEvent.MAX_ACTOR), action,
                "voice-countermeasure/" + id, Purpose.SERVICE_OPERATION.name(), AuditOutcome.SUCCESS,
                AuditEvent.fit(actor.origin(), AuditEvent.MAX_ORIGIN), AuditEvent.fit(detail, AuditEvent.MAX_DETAIL)));
    }

    /** Staff text as every free text from outside: no card number, no bidi, control or invisible characters. */
    private static String text(String value, int max, String field, boolean multiLine,
            Map<String, CountermeasureRefused.Reason> faults) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            faults.put(field, CountermeasureRefused.Reason.MISSING);
            return text;
        }
        Optional<String> problem = multiLine ? FreeText.multiLineProblem(text) : FreeText.problem(text);
        if (problem.isPresent()) {
            faults.put(field, FreeText.CARD_NUMBER.equals(problem.get()) ? CountermeasureRefused.Reason.CARD_NUMBER
                    : CountermeasureRefused.Reason.NOT_PLAIN_TEXT);
        } else if (text.codePointCount(0, text.length()) > max) {
            faults.put(field, CountermeasureRefused.Reason.TOO_LONG);
        }
        return text;
    }

    private static LocalDate date(String value, Map<String, CountermeasureRefused.Reason> faults) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            faults.put("dueDate", CountermeasureRefused.Reason.MISSING);
            return null;
        }
        try {
            if (DATE.matcher(text).matches()) {
                return LocalDate.parse(text);
            }
        } catch (DateTimeParseException notADate) {
            // falls through
        }
        faults.put("dueDate", CountermeasureRefused.Reason.NOT_A_DATE);
        return null;
    }

    private static YearMonth month(String value, Map<String, CountermeasureRefused.Reason> faults) {
        YearMonth month = parseMonth(value);
        if (month == null) {
            faults.put("month", CountermeasureRefused.Reason.NOT_A_MONTH);
        }
        return month;
    }

    /** A review month as the URLs and forms write it (YYYY-MM), or null. */
    public static YearMonth parseMonth(String value) {
        if (value == null || !MONTH.matcher(value.strip()).matches()) {
            return null;
        }
        try {
            YearMonth month = YearMonth.parse(value.strip());
            return month.getYear() < 2000 ? null : month;
        } catch (DateTimeParseException notAMonth) {
            return null;
        }
    }

    private static List<Topic> topics(List<String> values, Map<String, CountermeasureRefused.Reason> faults) {
        Set<Topic> topics = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null || value.isBlank()) {
                continue;
            }
            try {
                topics.add(Topic.valueOf(value.strip()));
            } catch (IllegalArgumentException unknown) {
                faults.put("topics", CountermeasureRefused.Reason.UNKNOWN_TOPIC);
            }
        }
        return List.copyOf(topics);
    }

    private List<String> items(String value, Map<String, CountermeasureRefused.Reason> faults) {
        Set<String> ids = new LinkedHashSet<>();
        if (value != null) {
            for (String part : value.split("[\\s,、]+")) {
                if (!part.isEmpty()) {
                    ids.add(part);
                }
            }
        }
        for (String id : ids) {
            if (!ITEM_ID.matcher(id).matches() || jdbc.sql("SELECT COUNT(*) FROM voice_items WHERE id = ?")
                    .param(id).query(Integer.class).single() == 0) {
                faults.put("itemIds", CountermeasureRefused.Reason.UNKNOWN_ITEM);
                break;
            }
        }
        return List.copyOf(ids);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private Countermeasure row(ResultSet rs, int n) throws SQLException {
        Timestamp done = rs.getTimestamp("done_at");
        return new Countermeasure(rs.getString("id"), rs.getString("action"), rs.getString("owner"),
                rs.getObject("due_date", LocalDate.class), CountermeasureStatus.valueOf(rs.getString("status")),
                rs.getString("department"), YearMonth.parse(rs.getString("created_month")), List.of(), List.of(),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                rs.getTimestamp("changed_at").toInstant(), rs.getString("changed_by"),
                done == null ? null : done.toInstant());
    }

    private Countermeasure withLinks(Countermeasure c) {
        List<Topic> topics = jdbc.sql("SELECT topic FROM voice_countermeasure_topics WHERE countermeasure_id = ?")
                .param(c.id()).query(String.class).list().stream().map(Topic::valueOf).sorted().toList();
        List<String> items = jdbc.sql("SELECT item_id FROM voice_countermeasure_items WHERE countermeasure_id = ? "
                + "ORDER BY item_id").param(c.id()).query(String.class).list();
        return new Countermeasure(c.id(), c.action(), c.owner(), c.dueDate(), c.status(), c.department(),
                c.createdMonth(), topics, items, c.createdAt(), c.createdBy(), c.changedAt(), c.changedBy(),
                c.doneAt());
    }

    /** Today in Japan, the day lateness is judged on. */
    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Display.ZONE);
    }
}
