package dev.anshin.disputes;

import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.RequestProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Disputes for staff and integrators: customer service reports for a cardholder on the phone;
 * analysts read the queue and the evidence and act on cases; points of compromise with the cards
 * exposed there. The cardholder portal uses {@link Disputes} directly.
 */
@RestController
@RequestMapping("/api/v1")
class DisputeController {

    private final Disputes disputes;
    private final CompromisedPoints compromise;

    DisputeController(Disputes disputes, CompromisedPoints compromise) {
        this.disputes = disputes;
        this.compromise = compromise;
    }

    record ReportBody(String customerId, List<String> authorizationIds, String cardInHand, String familyCouldExplain,
            String subscriptionCouldExplain, String recognizesMerchant, Boolean certified) {
    }

    record ActionBody(String action, String note, Integer version) {
    }

    /** A case with its history and what an analyst may do with it now. */
    record CaseView(Dispute dispute, List<DisputeEvent> history, List<DisputeAction> analystActions) {
    }

    record PointView(String kind, String id, String since, int reportingCards, String flaggedAt,
            List<String> exposedCards) {
    }

    @PostMapping("/disputes")
    ResponseEntity<Disputes.Submitted> report(@RequestBody ReportBody body, Authentication auth,
            HttpServletRequest request) {
        if (body == null) {
            throw RequestProblem.invalid("authorizationIds", "is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (body.customerId() == null || body.customerId().isBlank()) {
            problems.add(new FieldProblem("customerId", "is required"));
        }
        Answer cardInHand = answer(body.cardInHand(), "cardInHand", problems);
        Answer family = answer(body.familyCouldExplain(), "familyCouldExplain", problems);
        Answer subscription = answer(body.subscriptionCouldExplain(), "subscriptionCouldExplain", problems);
        Answer recognizes = answer(body.recognizesMerchant(), "recognizesMerchant", problems);
        if (!problems.isEmpty()) {
            throw RequestProblem.invalid(problems);
        }
        Disputes.Submitted submitted = disputes.submit(body.customerId(), Channel.STAFF,
                Disputes.Acting.staff(auth.getName(), request.getRemoteAddr()),
                new Disputes.Submission(body.authorizationIds(), cardInHand, family, subscription, recognizes,
                        body.certified()));
        return ResponseEntity.status(submitted.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/dispute-reports/" + submitted.report().id()))
                .body(submitted);
    }

    private static Answer answer(String value, String field, List<FieldProblem> problems) {
        if (value == null) {
            problems.add(new FieldProblem(field, "is required: YES, NO or UNSURE"));
            return null;
        }
        try {
            return Answer.valueOf(value);
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem(field, "must be YES, NO or UNSURE"));
            return null;
        }
    }

    @GetMapping("/dispute-reports/{id}")
    List<Dispute> reportCases(@PathVariable String id) {
        List<Dispute> cases = disputes.ofReport(id);
        if (cases.isEmpty()) {
            throw RequestProblem.notFound("No such report.");
        }
        return cases;
    }

    /** The queue (cases waiting for staff, earliest deadline first), or the cases in the given statuses. */
    @GetMapping("/disputes")
    List<Dispute> queue(@RequestParam(required = false) List<String> status,
            @RequestParam(defaultValue = "200") int limit) {
        int bounded = Math.max(1, Math.min(limit, 1_000));
        if (status == null || status.isEmpty()) {
            return disputes.queue(bounded);
        }
        List<DisputeStatus> statuses = new ArrayList<>();
        for (String s : status) {
            try {
                statuses.add(DisputeStatus.valueOf(s));
            } catch (IllegalArgumentException e) {
                throw RequestProblem.invalid("status", "must be one of " + Arrays.stream(DisputeStatus.values())
                        .map(Enum::name).collect(Collectors.joining(", ")));
            }
        }
        return disputes.inStatus(statuses, bounded);
    }

    @GetMapping("/disputes/{id}")
    CaseView dispute(@PathVariable String id) {
        Dispute dispute = disputes.find(id).orElseThrow(() -> RequestProblem.notFound("No such case."));
        return new CaseView(dispute, disputes.history(id),
                List.copyOf(disputes.available(dispute, Party.ANALYST)));
    }

    @PostMapping("/disputes/{id}/actions")
    Dispute act(@PathVariable String id, @RequestBody ActionBody body, Authentication auth,
            HttpServletRequest request) {
        if (body == null || body.action() == null) {
            throw RequestProblem.invalid("action", "is required");
        }
        DisputeAction action;
        try {
            action = DisputeAction.valueOf(body.action());
        } catch (IllegalArgumentException e) {
            throw RequestProblem.invalid("action", "must be one of " + Arrays.stream(DisputeAction.values())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
        return disputes.act(id, null, action, Disputes.Acting.staff(auth.getName(), request.getRemoteAddr()),
                body.note(), body.version());
    }

    /** The 100 most recently flagged points, each with its exposed cards. */
    @GetMapping("/compromised-points")
    List<PointView> points() {
        return compromise.recent(100).stream().map(p -> new PointView(p.kind().name(), p.id(), p.since().toString(),
                p.reportingCards(), p.flaggedAt().toString(), compromise.exposedCards(p))).toList();
    }
}
