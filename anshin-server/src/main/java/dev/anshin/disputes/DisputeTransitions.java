package dev.anshin.disputes;

import static dev.anshin.disputes.DisputeAction.ASK_CARDHOLDER;
import static dev.anshin.disputes.DisputeAction.CARDHOLDER_ANSWERED;
import static dev.anshin.disputes.DisputeAction.CHARGEBACK_LOST;
import static dev.anshin.disputes.DisputeAction.CHARGEBACK_WON;
import static dev.anshin.disputes.DisputeAction.CONFIRM_FRAUD;
import static dev.anshin.disputes.DisputeAction.CONTEST;
import static dev.anshin.disputes.DisputeAction.DECIDE_GENUINE;
import static dev.anshin.disputes.DisputeAction.EXPIRE;
import static dev.anshin.disputes.DisputeAction.FILE_CHARGEBACK;
import static dev.anshin.disputes.DisputeAction.INVESTIGATE;
import static dev.anshin.disputes.DisputeAction.REFER_TO_ANALYST;
import static dev.anshin.disputes.DisputeAction.WITHDRAW;
import static dev.anshin.disputes.DisputeAction.WITHDRAW_CHARGEBACK;
import static dev.anshin.disputes.DisputeAction.WRITE_OFF;
import static dev.anshin.disputes.DisputeStatus.ANALYST_REVIEW;
import static dev.anshin.disputes.DisputeStatus.AWAITING_CARDHOLDER;
import static dev.anshin.disputes.DisputeStatus.CHARGEBACK_FILED;
import static dev.anshin.disputes.DisputeStatus.DECIDED_FRAUD;
import static dev.anshin.disputes.DisputeStatus.DECIDED_GENUINE;
import static dev.anshin.disputes.DisputeStatus.EXPIRED;
import static dev.anshin.disputes.DisputeStatus.INTAKE;
import static dev.anshin.disputes.DisputeStatus.INVESTIGATING;
import static dev.anshin.disputes.DisputeStatus.LOST;
import static dev.anshin.disputes.DisputeStatus.WITHDRAWN;
import static dev.anshin.disputes.DisputeStatus.WON;
import static dev.anshin.disputes.DisputeStatus.WRITTEN_OFF;
import static dev.anshin.disputes.Party.ANALYST;
import static dev.anshin.disputes.Party.CARDHOLDER;
import static dev.anshin.disputes.Party.CLOCK;
import static dev.anshin.disputes.Party.INVESTIGATOR;
import static dev.anshin.disputes.Party.NETWORK;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The dispute lifecycle as a table: every allowed move is one row (from, action, to, who may make
 * it); anything else is refused. The table is the single source: {@code docs/disputes.md} shows
 * {@link #mermaid()}, and a test keeps the two equal.
 */
public final class DisputeTransitions {

    /** One allowed move. */
    public record Transition(DisputeStatus from, DisputeAction action, DisputeStatus to, Set<Party> by) {
        public Transition {
            by = Set.copyOf(by);
        }
    }

    private static final List<Transition> TABLE = List.of(
            row(INTAKE, INVESTIGATE, INVESTIGATING, INVESTIGATOR),
            row(INTAKE, WITHDRAW, WITHDRAWN, CARDHOLDER),
            row(INVESTIGATING, CONFIRM_FRAUD, DECIDED_FRAUD, INVESTIGATOR),
            row(INVESTIGATING, DECIDE_GENUINE, DECIDED_GENUINE, INVESTIGATOR),
            row(INVESTIGATING, REFER_TO_ANALYST, ANALYST_REVIEW, INVESTIGATOR),
            row(INVESTIGATING, WITHDRAW, WITHDRAWN, CARDHOLDER),
            row(ANALYST_REVIEW, CONFIRM_FRAUD, DECIDED_FRAUD, ANALYST),
            row(ANALYST_REVIEW, DECIDE_GENUINE, DECIDED_GENUINE, ANALYST),
            row(ANALYST_REVIEW, ASK_CARDHOLDER, AWAITING_CARDHOLDER, ANALYST),
            row(ANALYST_REVIEW, WITHDRAW, WITHDRAWN, CARDHOLDER),
            row(AWAITING_CARDHOLDER, CARDHOLDER_ANSWERED, ANALYST_REVIEW, CARDHOLDER, CLOCK),
            row(AWAITING_CARDHOLDER, WITHDRAW, WITHDRAWN, CARDHOLDER),
            row(DECIDED_GENUINE, CONTEST, ANALYST_REVIEW, CARDHOLDER),
            row(DECIDED_GENUINE, WITHDRAW, WITHDRAWN, CARDHOLDER),
            row(DECIDED_GENUINE, EXPIRE, EXPIRED, CLOCK),
            row(DECIDED_FRAUD, FILE_CHARGEBACK, CHARGEBACK_FILED, INVESTIGATOR, ANALYST),
            row(DECIDED_FRAUD, WRITE_OFF, WRITTEN_OFF, INVESTIGATOR, ANALYST),
            row(DECIDED_FRAUD, EXPIRE, EXPIRED, CLOCK),
            row(CHARGEBACK_FILED, CHARGEBACK_WON, WON, NETWORK, ANALYST),
            row(CHARGEBACK_FILED, CHARGEBACK_LOST, LOST, NETWORK, ANALYST),
            row(CHARGEBACK_FILED, WITHDRAW_CHARGEBACK, DECIDED_FRAUD, ANALYST));

    private DisputeTransitions() {
    }

    private static Transition row(DisputeStatus from, DisputeAction action, DisputeStatus to, Party... by) {
        return new Transition(from, action, to, EnumSet.copyOf(List.of(by)));
    }

    /** Every allowed move, in the table's order. */
    public static List<Transition> all() {
        return TABLE;
    }

    /** The allowed move for this action from this status, if any (whoever makes it). */
    public static Optional<Transition> find(DisputeStatus from, DisputeAction action) {
        return TABLE.stream().filter(t -> t.from() == from && t.action() == action).findFirst();
    }

    /**
     * The status after the move.
     *
     * @throws IllegalTransitionException when the table has no such move, or {@code by} may not make it
     */
    public static DisputeStatus next(DisputeStatus from, DisputeAction action, Party by) {
        Transition move = find(from, action).orElseThrow(() -> new IllegalTransitionException(from, action, by,
                "a case " + from + " cannot " + action));
        if (!move.by().contains(by)) {
            throw new IllegalTransitionException(from, action, by, by + " may not " + action + " a case " + from);
        }
        return move.to();
    }

    /** The actions {@code by} may take on a case in this status (for buttons and API hints). */
    public static Set<DisputeAction> available(DisputeStatus from, Party by) {
        return TABLE.stream().filter(t -> t.from() == from && t.by().contains(by)).map(Transition::action)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DisputeAction.class)));
    }

    /** The table as a Mermaid state diagram, for the docs. */
    public static String mermaid() {
        StringBuilder out = new StringBuilder("stateDiagram-v2\n    [*] --> INTAKE\n");
        for (Transition t : TABLE) {
            out.append("    ").append(t.from()).append(" --> ").append(t.to()).append(" : ").append(t.action())
                    .append(" (").append(t.by().stream().sorted().map(p -> p.name().toLowerCase())
                            .collect(Collectors.joining(", "))).append(")\n");
        }
        for (DisputeStatus status : DisputeStatus.values()) {
            if (status.closed()) {
                out.append("    ").append(status).append(" --> [*]\n");
            }
        }
        return out.toString();
    }
}
