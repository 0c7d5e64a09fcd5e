package dev.anshin.fraud;

import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.RequestProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Where issuers, chargeback feeds and analysts report confirmed outcomes. */
@Tag(name = "Fraud labels", description = "Confirmed outcomes (fraud or genuine) of scored authorizations, from "
        + "cardholders, issuers, chargeback feeds and analysts: what the next model learns from")
@RestController
class FraudLabelController {

    private final FraudLabels labels;

    FraudLabelController(FraudLabels labels) {
        this.labels = labels;
    }

    @Schema(requiredProperties = {"authorizationId", "fraud", "source"})
    record LabelRequest(String authorizationId, Boolean fraud,
            @Schema(implementation = FraudLabels.Source.class) String source,
            @Schema(format = "date-time", description = "When the source learnt it, ISO-8601 with an offset")
            String reportedAt) {
    }

    @Operation(summary = "Report a fraud label", description = """
            Records whether a scored authorization was fraud, as one source saw it. Idempotent per \
            authorization and source: the same label again answers 200 with the stored one; a different \
            label from the same source is refused (409). Role: LABELER.""")
    @ApiResponse(responseCode = "201", description = "The label, recorded now")
    @ApiResponse(responseCode = "200", description = "The same label was recorded before: the stored one")
    @ApiResponse(responseCode = "409", description = "This source already labelled the authorization differently "
            + "(type conflict)")
    @ApiResponse(responseCode = "422", description = "Invalid fields (type validation), or an authorization never "
            + "scored (type unknown-authorization)")
    @PostMapping("/api/v1/fraud-labels")
    ResponseEntity<FraudLabels.StoredLabel> report(@RequestBody LabelRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        if (request.authorizationId() == null || request.authorizationId().isBlank()) {
            errors.add(new FieldProblem("authorizationId", "is required"));
        }
        if (request.fraud() == null) {
            errors.add(new FieldProblem("fraud", "is required"));
        }
        FraudLabels.Source source = null;
        if (request.source() == null) {
            errors.add(new FieldProblem("source", "is required"));
        } else {
            try {
                source = FraudLabels.Source.valueOf(request.source());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldProblem("source", "must be CARDHOLDER, ISSUER, CHARGEBACK or ANALYST"));
            }
        }
        Instant reportedAt = null;
        if (request.reportedAt() != null) {
            try {
                reportedAt = OffsetDateTime.parse(request.reportedAt()).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new FieldProblem("reportedAt", "must be an ISO-8601 date-time with offset"));
            }
        }
        if (!errors.isEmpty()) {
            throw RequestProblem.invalid(errors);
        }
        FraudLabels.Recorded recorded = labels.record(request.authorizationId(), source, request.fraud(), reportedAt);
        return ResponseEntity.status(recorded.created() ? HttpStatus.CREATED : HttpStatus.OK).body(recorded.label());
    }
}
