package dev.anshin.screening;

import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.problems.StrictBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The limit reductions the re-screening proposes, for integrators (the issuer's credit system): the open
 * proposals, one proposal, and a credit officer's decision on it, exactly as the staff page makes it
 * ({@link Screenings#acceptProposal}, {@link Screenings#rejectProposal}: audited, idempotent, a proposal
 * decided once stays decided).
 */
@Tag(name = "Screening", description = "Limit reductions proposed by the periodic re-screening of issued cards "
        + "(途上与信), and credit officers' decisions on them")
@RestController
@RequestMapping("/api/v1/screening")
class ScreeningController {

    /** A proposal as the API shows it. */
    record ProposalView(String id, String runId, String cardToken, String customerId, Instant proposedAt,
            @Schema(implementation = ProposalStatus.class) String status, Limits current, Limits proposed,
            @Schema(description = "Both limits together: what accepting takes off the card, in yen") long reduction,
            List<ProposalReason> reasons, BureauFigures bureau,
            @Schema(description = "支払可能見込額 with the bureau's figures now, yen a year") long paymentCapacity,
            @Schema(description = "90 % of the payment capacity: the revolving limit's ceiling") long maxRevolvingLimit,
            @Schema(description = "What the total-volume rule leaves for this issuer's cash advance") long cashAdvanceRoom,
            long utilizationPercent,
            @Schema(description = "Late payments in twelve months; null when not known (no billing ledger)")
            Integer latePayments,
            @Schema(description = "Staff's decision; null while open") ProposalDecision decision) {

        static ProposalView of(LimitProposal p) {
            return new ProposalView(p.id(), p.runId(), p.cardToken(), p.customerId(), p.proposedAt(), p.status().name(),
                    p.current(), p.proposed(), p.reduction(), p.reasons(), p.bureau(), p.paymentCapacity(),
                    p.maxRevolvingLimit(), p.cashAdvanceRoom(), p.utilizationPercent(), p.latePayments(), p.decision());
        }
    }

    @Schema(requiredProperties = "decision")
    record DecisionBody(@Schema(allowableValues = {"ACCEPT", "REJECT"}) String decision,
            @Schema(description = "Why; required for REJECT, at most 500 characters of plain text") String note) {
    }

    private final Screenings screenings;
    private final StrictBody<DecisionBody> decisions;

    ScreeningController(Screenings screenings, JsonMapper json) {
        this.screenings = screenings;
        // A field Anshin does not know is refused rather than ignored: a misspelt "note" is not a decision
        // without its reason.
        this.decisions = StrictBody.of(json, DecisionBody.class, "a decision");
    }

    @Operation(summary = "List open limit-reduction proposals", description = "The proposals waiting for a credit "
            + "officer, newest first, at most limit (1 to 1000). Role: ANALYST or CREDIT_OFFICER.")
    @GetMapping("/proposals")
    List<ProposalView> proposals(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw RequestProblem.invalid("limit", "must be between 1 and 1000");
        }
        return screenings.proposals(limit).stream().map(ProposalView::of).toList();
    }

    @Operation(summary = "Read a proposal", description = "One proposal, open or decided. Role: ANALYST or "
            + "CREDIT_OFFICER.")
    @ApiResponse(responseCode = "200", description = "The proposal")
    @ApiResponse(responseCode = "404", description = "No such proposal (type not-found)")
    @GetMapping("/proposals/{id}")
    ProposalView proposal(@PathVariable String id) {
        return screenings.proposal(id).map(ProposalView::of)
                .orElseThrow(() -> RequestProblem.notFound("No such proposal."));
    }

    @Operation(summary = "Accept or reject a proposal", description = """
            ACCEPT: the account's recorded limits become the proposed ones. REJECT (with a note saying why): the \
            limits stay. Audited with who, what and when (the note's length, never its words). The same decision \
            sent again answers the proposal as decided, changing nothing; the other decision on a decided proposal \
            is refused (409, type illegal-transition). An ACCEPT whose account's limits changed since the proposal \
            was made is refused (409, type conflict). An unknown field, a wrong type, a missing decision or a \
            rejection without a note is 422 naming the field. Role: CREDIT_OFFICER.""")
    @ApiResponse(responseCode = "200", description = "The proposal as decided")
    @ApiResponse(responseCode = "404", description = "No such proposal (type not-found)")
    @ApiResponse(responseCode = "409", description = "Decided before the other way (type illegal-transition), or the "
            + "account's limits changed since (type conflict)")
    @ApiResponse(responseCode = "422", description = "Invalid fields (type validation), naming the field")
    @PostMapping(path = "/proposals/{id}/decision", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    // Spring's @RequestBody takes the name; the OpenAPI one (the schema of the bytes read) keeps its package.
    ProposalView decide(@PathVariable String id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = DecisionBody.class))) @RequestBody byte[] raw,
            Authentication auth, HttpServletRequest request) {
        DecisionBody body = read(raw, request);
        if (body.decision() == null) {
            throw RequestProblem.invalid("decision", "is required");
        }
        if (!"ACCEPT".equals(body.decision()) && !"REJECT".equals(body.decision())) {
            throw RequestProblem.invalid("decision", "must be ACCEPT or REJECT");
        }
        try {
            LimitProposal decided = "ACCEPT".equals(body.decision())
                    ? screenings.acceptProposal(id, auth.getName(), body.note())
                    : screenings.rejectProposal(id, auth.getName(), body.note());
            return ProposalView.of(decided);
        } catch (ProposalRefused refused) {
            throw switch (refused.reason()) {
                case UNKNOWN -> RequestProblem.notFound("No such proposal.");
                case ALREADY_DECIDED -> new RequestProblem(ProblemType.ILLEGAL_TRANSITION,
                        "The proposal was " + refused.status().name() + " before; a proposal is decided once.", List.of());
                case LIMITS_CHANGED -> RequestProblem.conflict(
                        "The account's limits changed since the proposal was made; reject it or wait for the next run.");
                case NOTE_REQUIRED -> RequestProblem.invalid("note", "is required to reject");
                case NOTE_INVALID -> RequestProblem.invalid("note", "must be at most " + Screenings.MAX_NOTE
                        + " characters of plain text without control characters or a card number");
                case DECISION_INVALID -> RequestProblem.invalid("decision", "must be ACCEPT or REJECT");
            };
        }
    }

    private DecisionBody read(byte[] raw, HttpServletRequest request) {
        DecisionBody body = raw == null || raw.length == 0 ? null : decisions.read(raw, request);
        if (body == null) {
            throw RequestProblem.invalid("decision", "is required");
        }
        return body;
    }
}
