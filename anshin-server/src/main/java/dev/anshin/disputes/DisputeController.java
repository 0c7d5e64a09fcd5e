package dev.anshin.disputes;

import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.RequestProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
 * analysts read the queue and the evidence and act on cases. The cardholder portal uses
 * {@link Disputes} directly.
 */
@Tag(name = "Disputes", description = "Cardholders' reports of charges they do not recognize, and the dispute cases "
        + "they open: investigated automatically, then worked by analysts through a fixed lifecycle")
@RestController
@RequestMapping("/api/v1")
class DisputeController {

    private final Disputes disputes;

    DisputeController(Disputes disputes) {
        this.disputes = disputes;
    }

    @Schema(requiredProperties = {"customerId", "authorizationIds", "cardInHand", "familyCouldExplain",
            "subscriptionCouldExplain", "recognizesMerchant", "certified"})
    record ReportBody(String customerId, List<String> authorizationIds,
            @Schema(implementation = Answer.class) String cardInHand,
            @Schema(implementation = Answer.class) String familyCouldExplain,
            @Schema(implementation = Answer.class) String subscriptionCouldExplain,
            @Schema(implementation = Answer.class) String recognizesMerchant,
            @Schema(description = "Must be true: the cardholder certifies they did not make, allow or take part in "
                    + "the transactions") Boolean certified) {
    }

    @Schema(requiredProperties = "action")
    record ActionBody(@Schema(implementation = DisputeAction.class) String action, String note,
            @Schema(description = "The case's version as read; when given, a case changed since is refused")
            Integer version) {
    }

    /** A case with its history and what an analyst may do with it now. */
    record CaseView(Dispute dispute, List<DisputeEvent> history, List<DisputeAction> analystActions) {
    }

    @Operation(summary = "Report unrecognized charges", description = """
            Customer service reports, for a cardholder on the phone, transactions of the customer's cards that \
            they do not recognize, with their answers to the standard questions; one case is opened per \
            transaction and investigated at once. Idempotent: the same report again answers the first one's \
            cases (200). A transaction already disputed by another report is refused (409). Role: \
            CUSTOMER_SERVICE.""")
    @ApiResponse(responseCode = "201", description = "The report and its cases; Location is the report")
    @ApiResponse(responseCode = "200", description = "The same report was made before: its cases")
    @ApiResponse(responseCode = "409", description = "A transaction is already disputed (type already-disputed)")
    @ApiResponse(responseCode = "422", description = "Invalid fields (type validation), a transaction that is not on "
            + "the customer's cards (type unknown-authorization) or too old to dispute (type not-disputable)")
    @ApiResponse(responseCode = "503", description = "A transaction is not stored yet, or the database cannot be "
            + "reached (type unavailable); retry")
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

    @Operation(summary = "Read a report's cases", description = "The cases one report opened. Role: ANALYST or "
            + "CUSTOMER_SERVICE.")
    @GetMapping("/dispute-reports/{id}")
    List<Dispute> reportCases(@PathVariable String id) {
        List<Dispute> cases = disputes.ofReport(id);
        if (cases.isEmpty()) {
            throw RequestProblem.notFound("No such report.");
        }
        return cases;
    }

    /** The queue (cases waiting for staff, earliest deadline first), or the cases in the given statuses. */
    @Operation(summary = "List dispute cases", description = "Without status: the queue, the cases waiting for staff, "
            + "earliest deadline first. With status (repeatable): the cases in those statuses. At most limit (1 to "
            + "1000, default 200). Role: ANALYST or CUSTOMER_SERVICE.")
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

    @Operation(summary = "Read a case", description = "One case with its history and the actions an analyst may take "
            + "on it now. Role: ANALYST or CUSTOMER_SERVICE.")
    @GetMapping("/disputes/{id}")
    CaseView dispute(@PathVariable String id) {
        Dispute dispute = disputes.find(id).orElseThrow(() -> RequestProblem.notFound("No such case."));
        return new CaseView(dispute, disputes.history(id),
                List.copyOf(disputes.available(dispute, Party.ANALYST)));
    }

    @Operation(summary = "Act on a case", description = "Moves the case on by one of the actions its current status "
            + "allows (see the case's analystActions). Give the case's version as read, so that a case changed meanwhile "
            + "is refused (409) rather than acted on blindly. Role: ANALYST.")
    @ApiResponse(responseCode = "200", description = "The case after the action")
    @ApiResponse(responseCode = "409", description = "Not possible in the case's status (type illegal-transition), or "
            + "the case changed since it was read (type conflict)")
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
}
