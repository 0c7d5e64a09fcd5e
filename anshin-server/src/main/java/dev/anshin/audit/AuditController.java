package dev.anshin.audit;

import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.RequestProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail for privacy officers (the URL rule in access allows no one else): search every
 * retained entry, and verify the chain. Each use is itself recorded.
 */
@Tag(name = "Audit", description = "The tamper-evident audit trail (a hash chain) of personal-data access, key "
        + "custody and case actions: search it, and verify the chain")
@RestController
class AuditController {

    private final AuditLog audit;
    private final AuditVerifier verifier;
    private final DataSource dataSource;

    AuditController(AuditLog audit, AuditVerifier verifier, DataSource dataSource) {
        this.audit = audit;
        this.verifier = verifier;
        this.dataSource = dataSource;
    }

    /** A page of entries; {@code next} is the {@code after} of the following page, null on the last. */
    record EntriesPage(List<AuditEntry> entries, Long next) {
    }

    @Operation(summary = "Search the audit trail", description = """
            A page of retained entries, oldest first, matching every criterion given: recorded from (inclusive) \
            and before to, by actor, of action. Pages by seq: `next` is the `after` of the following page, null on \
            the last. limit 1 to 1000 (default 100). The search itself is recorded (its criteria, not their values). \
            Role: PRIVACY_OFFICER.""")
    @GetMapping("/api/v1/audit/entries")
    EntriesPage entries(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) Long after, @RequestParam(defaultValue = "100") int limit,
            Principal principal, HttpServletRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (limit < 1 || limit > AuditLog.MAX_LIMIT) {
            problems.add(new FieldProblem("limit", "between 1 and " + AuditLog.MAX_LIMIT));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            problems.add(new FieldProblem("to", "must be after from"));
        }
        if (actor != null && (actor.isBlank() || actor.length() > AuditEvent.MAX_ACTOR)) {
            problems.add(new FieldProblem("actor", "1 to " + AuditEvent.MAX_ACTOR + " characters"));
        }
        if (action != null && (action.isBlank() || action.length() > AuditEvent.MAX_ACTION)) {
            problems.add(new FieldProblem("action", "1 to " + AuditEvent.MAX_ACTION + " characters"));
        }
        if (after != null && after < 0) {
            problems.add(new FieldProblem("after", "a seq, 0 or more"));
        }
        if (!problems.isEmpty()) {
            throw RequestProblem.invalid(problems);
        }
        List<AuditEntry> entries = audit.entries(new AuditLog.Query(from, to, actor, action, after, limit));
        // The criteria, not their values: the actor searched for may be a person.
        audit.record(new AuditEvent(principal.getName(), "audit.read", "audit_log", null, AuditOutcome.SUCCESS,
                origin(request), "criteria " + criteria(from, to, actor, action, after) + ", limit " + limit
                        + ", returned " + entries.size()));
        Long next = entries.size() == limit ? entries.get(entries.size() - 1).seq() : null;
        return new EntriesPage(entries, next);
    }

    @Operation(summary = "Verify the audit trail", description = "Walks the hash chain from the retention checkpoint to "
            + "the head and says whether it is intact, or where and how it is broken; note lastHash outside the database "
            + "to detect a later roll-back. The verification is recorded. Role: PRIVACY_OFFICER.")
    @GetMapping("/api/v1/audit/verification")
    AuditVerification verification(Principal principal, HttpServletRequest request) {
        AuditVerification result;
        try (Connection connection = dataSource.getConnection()) {
            result = verifier.verify(connection, checked -> { });
        } catch (SQLException e) {
            throw new UncategorizedSQLException("verifying the audit log", null, e);
        }
        audit.record(new AuditEvent(principal.getName(), "audit.verify", "audit_log", null,
                result.intact() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE, origin(request),
                result.intact() ? "intact up to seq " + result.lastSeq()
                        : "broken at seq " + result.brokenSeq() + ": " + result.reason()));
        return result;
    }

    private static String criteria(Instant from, Instant to, String actor, String action, Long after) {
        List<String> given = new ArrayList<>();
        if (from != null) {
            given.add("from=" + from);
        }
        if (to != null) {
            given.add("to=" + to);
        }
        if (actor != null) {
            given.add("actor");
        }
        if (action != null) {
            given.add("action");
        }
        if (after != null) {
            given.add("after=" + after);
        }
        return given.isEmpty() ? "none" : String.join(" ", given);
    }

    static String origin(HttpServletRequest request) {
        return AuditEvent.fit(request.getRemoteAddr(), AuditEvent.MAX_ORIGIN);
    }
}
