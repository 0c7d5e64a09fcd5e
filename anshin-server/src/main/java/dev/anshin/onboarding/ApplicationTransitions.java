package dev.anshin.onboarding;

import static dev.anshin.onboarding.ApplicationAction.ABANDON;
import static dev.anshin.onboarding.ApplicationAction.APPROVE;
import static dev.anshin.onboarding.ApplicationAction.DECLINE;
import static dev.anshin.onboarding.ApplicationAction.ERASE;
import static dev.anshin.onboarding.ApplicationAction.FAIL;
import static dev.anshin.onboarding.ApplicationAction.IDENTITY_CONCLUDED;
import static dev.anshin.onboarding.ApplicationAction.ISSUE;
import static dev.anshin.onboarding.ApplicationAction.REFER;
import static dev.anshin.onboarding.ApplicationAction.REVIEW_IDENTITY;
import static dev.anshin.onboarding.ApplicationAction.RETRY_IDENTITY;
import static dev.anshin.onboarding.ApplicationAction.RETRY_ISSUE;
import static dev.anshin.onboarding.ApplicationAction.RETRY_SCREENING;
import static dev.anshin.onboarding.ApplicationAction.SAVE_STEP;
import static dev.anshin.onboarding.ApplicationAction.START_IDENTITY;
import static dev.anshin.onboarding.ApplicationAction.SUBMIT;
import static dev.anshin.onboarding.ApplicationParty.APPLICANT;
import static dev.anshin.onboarding.ApplicationParty.CLOCK;
import static dev.anshin.onboarding.ApplicationParty.STAFF;
import static dev.anshin.onboarding.ApplicationParty.SYSTEM;
import static dev.anshin.onboarding.ApplicationStatus.ABANDONED;
import static dev.anshin.onboarding.ApplicationStatus.APPROVED;
import static dev.anshin.onboarding.ApplicationStatus.DECLINED;
import static dev.anshin.onboarding.ApplicationStatus.DRAFT;
import static dev.anshin.onboarding.ApplicationStatus.ERRORED;
import static dev.anshin.onboarding.ApplicationStatus.IDENTITY_PENDING;
import static dev.anshin.onboarding.ApplicationStatus.ISSUED;
import static dev.anshin.onboarding.ApplicationStatus.REFERRED;
import static dev.anshin.onboarding.ApplicationStatus.SCREENING;
import static dev.anshin.onboarding.ApplicationStatus.SUBMITTED;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The application lifecycle as one table (as {@code disputes/DisputeTransitions}): every allowed move
 * is a row (from, action, to, who may make it); anything else is refused. {@code docs/onboarding.md}
 * shows {@link #mermaid()}, and a test keeps the two equal.
 */
public final class ApplicationTransitions {

    /** One allowed move. */
    public record Transition(ApplicationStatus from, ApplicationAction action, ApplicationStatus to,
            Set<ApplicationParty> by) {
        public Transition {
            by = Set.copyOf(by);
        }
    }

    private static final List<Transition> TABLE = List.of(
            row(DRAFT, SAVE_STEP, DRAFT, APPLICANT),
            row(DRAFT, SUBMIT, SUBMITTED, APPLICANT),
            row(DRAFT, ABANDON, ABANDONED, CLOCK),
            row(SUBMITTED, START_IDENTITY, IDENTITY_PENDING, APPLICANT),
            // Submitted but the eKYC vendor never reached (the applicant left): erased like a draft.
            row(SUBMITTED, ABANDON, ABANDONED, CLOCK),
            row(IDENTITY_PENDING, IDENTITY_CONCLUDED, SCREENING, SYSTEM, CLOCK),
            row(SCREENING, APPROVE, APPROVED, SYSTEM, CLOCK),
            row(SCREENING, REFER, REFERRED, SYSTEM, CLOCK),
            row(SCREENING, DECLINE, DECLINED, SYSTEM, CLOCK),
            row(SCREENING, FAIL, ERRORED, SYSTEM, CLOCK),
            row(REFERRED, APPROVE, APPROVED, STAFF),
            // A credit officer decides an identity check in review; the application then goes on from its outcome
            // (approvable once PASSED; declined by the system once FAILED).
            row(REFERRED, REVIEW_IDENTITY, REFERRED, STAFF),
            // The identity not confirmed (an expired document…) or not finished in time: the applicant verifies
            // again with another document, a bounded number of times (Applications.IDENTITY_TRIES).
            row(REFERRED, RETRY_IDENTITY, IDENTITY_PENDING, APPLICANT),
            // Staff decline; the system declines when the identity check fails after the referral (an eKYC
            // reviewer rejected it).
            row(REFERRED, DECLINE, DECLINED, STAFF, SYSTEM),
            row(APPROVED, ISSUE, ISSUED, SYSTEM, CLOCK),
            row(APPROVED, FAIL, ERRORED, SYSTEM, CLOCK),
            row(ERRORED, RETRY_SCREENING, SCREENING, CLOCK),
            row(ERRORED, RETRY_ISSUE, APPROVED, CLOCK),
            // Retried too often: a person looks at it (and may approve it again, or decline).
            row(ERRORED, REFER, REFERRED, CLOCK),
            // The applicant erased (their request, or retention): an open application closes, nothing more is decided.
            row(DRAFT, ERASE, ABANDONED, SYSTEM),
            row(SUBMITTED, ERASE, ABANDONED, SYSTEM),
            row(IDENTITY_PENDING, ERASE, ABANDONED, SYSTEM),
            row(SCREENING, ERASE, ABANDONED, SYSTEM),
            row(REFERRED, ERASE, ABANDONED, SYSTEM),
            row(APPROVED, ERASE, ABANDONED, SYSTEM),
            row(ERRORED, ERASE, ABANDONED, SYSTEM));

    private ApplicationTransitions() {
    }

    private static Transition row(ApplicationStatus from, ApplicationAction action, ApplicationStatus to,
            ApplicationParty... by) {
        return new Transition(from, action, to, EnumSet.copyOf(List.of(by)));
    }

    /** Every allowed move, in the table's order. */
    public static List<Transition> all() {
        return TABLE;
    }

    /** The allowed move for this action from this status, if any (whoever makes it). */
    public static Optional<Transition> find(ApplicationStatus from, ApplicationAction action) {
        return TABLE.stream().filter(t -> t.from() == from && t.action() == action).findFirst();
    }

    /**
     * The status after the move.
     *
     * @throws IllegalApplicationMove when the table has no such move, or {@code by} may not make it
     */
    public static ApplicationStatus next(ApplicationStatus from, ApplicationAction action, ApplicationParty by) {
        Transition move = find(from, action).orElseThrow(() -> new IllegalApplicationMove(from, action,
                "an application " + from + " cannot " + action));
        if (!move.by().contains(by)) {
            throw new IllegalApplicationMove(from, action, by + " may not " + action + " an application " + from);
        }
        return move.to();
    }

    /** The actions {@code by} may take on an application in this status. */
    public static Set<ApplicationAction> available(ApplicationStatus from, ApplicationParty by) {
        return TABLE.stream().filter(t -> t.from() == from && t.by().contains(by)).map(Transition::action)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ApplicationAction.class)));
    }

    /** The table as a Mermaid state diagram, for the docs. */
    public static String mermaid() {
        StringBuilder out = new StringBuilder("stateDiagram-v2\n    [*] --> DRAFT\n");
        for (Transition t : TABLE) {
            out.append("    ").append(t.from()).append(" --> ").append(t.to()).append(" : ").append(t.action())
                    .append(" (").append(t.by().stream().sorted().map(p -> p.name().toLowerCase())
                            .collect(Collectors.joining(", "))).append(")\n");
        }
        for (ApplicationStatus status : ApplicationStatus.values()) {
            if (status.closed()) {
                out.append("    ").append(status).append(" --> [*]\n");
            }
        }
        return out.toString();
    }
}
