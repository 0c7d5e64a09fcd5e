package dev.anshin.disputes;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Points of compromise for analysts, with the cards exposed there. */
@RestController
@Tag(name = "Compromised points", description = "Merchants and terminals flagged as points of compromise (where the "
        + "cards of confirmed frauds were used before), with the other cards exposed there")
class CompromisedPointController {

    private final CompromisedPoints compromise;

    CompromisedPointController(CompromisedPoints compromise) {
        this.compromise = compromise;
    }

    record PointView(@Schema(implementation = CompromiseDetector.Kind.class) String kind, String id,
            @Schema(format = "date-time", description = "When the compromise began, as far as is known") String since,
            int reportingCards, @Schema(format = "date-time") String flaggedAt,
            @Schema(description = "Tokens of the cards used there since then") List<String> exposedCards) {
    }

    @Operation(summary = "List compromised points", description = "The 100 most recently flagged points, each with "
            + "its exposed cards (blocking them is the console's work). Role: ANALYST.")
    @GetMapping("/api/v1/compromised-points")
    List<PointView> points() {
        List<CompromisedPoints.Point> recent = compromise.recent(100);
        Map<CompromisedPoints.Point, List<String>> exposed = compromise.exposedCards(recent); // all points at once
        return recent.stream().map(p -> new PointView(p.kind().name(), p.id(), p.since().toString(),
                p.reportingCards(), p.flaggedAt().toString(), exposed.get(p))).toList();
    }
}
