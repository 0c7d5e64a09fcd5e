package dev.anshin.fraud;

import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.RequestProblem;
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
@RestController
class FraudLabelController {

    private final FraudLabels labels;

    FraudLabelController(FraudLabels labels) {
        this.labels = labels;
    }

    record LabelRequest(String authorizationId, Boolean fraud, String source, String reportedAt) {
    }

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
