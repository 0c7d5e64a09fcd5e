package dev.anshin.disputes;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.problems.RequestProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A proactive block of the cards exposed at a point of compromise, by an analyst who saw how many
 * they are: the cards are blocked together ({@link Cards#blockAll}, all or none), each audited under
 * the analyst's name, then the block of the point as a whole. Refused, with nothing blocked, when the point's
 * active exposed cards are no longer as many as the analyst confirmed.
 */
@Component
class ExposedCardBlocks {

    /** What a block did: the cards blocked now (masked), and how many were blocked already. */
    record Blocked(List<String> maskedCards, int alreadyBlocked) {
    }

    private final CompromisedPoints compromise;
    private final Cards cards;
    private final AuditLog audit;

    ExposedCardBlocks(CompromisedPoints compromise, Cards cards, AuditLog audit) {
        this.compromise = compromise;
        this.cards = cards;
        this.audit = audit;
    }

    /** The cards exposed at the point, blocked or not, in order of first use there. */
    List<Card> exposed(CompromisedPoints.Point point) {
        return exposed(List.of(point)).get(point);
    }

    /** {@link #exposed(CompromisedPoints.Point)} of each of these points, looked up together. */
    Map<CompromisedPoints.Point, List<Card>> exposed(List<CompromisedPoints.Point> points) {
        Map<CompromisedPoints.Point, List<Card>> exposed = new LinkedHashMap<>();
        compromise.exposedCards(points).forEach((point, tokens) ->
                exposed.put(point, tokens.stream().map(cards::find).flatMap(Optional::stream).toList()));
        return exposed;
    }

    /**
     * Blocks the point's active exposed cards.
     *
     * @param confirmedCount how many the analyst was shown and confirmed: must still be the number
     */
    Blocked block(CompromiseDetector.Kind kind, String pointId, int confirmedCount, Disputes.Acting by) {
        String resource = "compromised-point/" + kind + "/" + pointId;
        CompromisedPoints.Point point = compromise.find(kind, pointId)
                .orElseThrow(() -> RequestProblem.notFound("No such flagged point."));
        List<Card> exposed = exposed(point);
        List<Card> active = exposed.stream().filter(card -> !card.blocked()).toList();
        if (active.size() != confirmedCount) {
            record(by, "compromised-point.block", resource, AuditOutcome.DENIED,
                    "confirmed " + confirmedCount + " cards, " + active.size() + " active now");
            throw RequestProblem.conflict("The exposed cards changed since they were shown; look again.");
        }
        int already = exposed.size() - active.size();
        // All together (a failure blocks none), then each card's line in the audit log.
        cards.blockAll(active.stream().map(Card::token).toList());
        for (Card card : active) {
            record(by, "card.block", "card/" + card.token(), AuditOutcome.SUCCESS,
                    "exposed at compromised " + kind + " " + pointId);
        }
        record(by, "compromised-point.block", resource, AuditOutcome.SUCCESS,
                "blocked=" + active.size() + " alreadyBlocked=" + already);
        return new Blocked(active.stream().map(Card::masked).toList(), already);
    }

    private void record(Disputes.Acting by, String action, String resource, AuditOutcome outcome, String detail) {
        audit.record(new AuditEvent(AuditEvent.fit(by.name(), AuditEvent.MAX_ACTOR), action,
                AuditEvent.fit(resource, AuditEvent.MAX_RESOURCE), null, outcome,
                AuditEvent.fit(by.origin(), AuditEvent.MAX_ORIGIN), AuditEvent.fit(detail, AuditEvent.MAX_DETAIL)));
    }
}
