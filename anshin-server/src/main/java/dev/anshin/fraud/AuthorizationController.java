package dev.anshin.fraud;

import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.RequestProblem;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The scoring endpoint card issuers call for every authorization, and the read side for analysts. */
@RestController
class AuthorizationController {

    private final Cards cards;
    private final AuthorizationScoring scoring;
    private final Clock clock;

    AuthorizationController(Cards cards, AuthorizationScoring scoring, Clock clock) {
        this.cards = cards;
        this.scoring = scoring;
        this.clock = clock;
    }

    @PostMapping("/api/v1/authorizations")
    DecisionResponse score(@RequestBody AuthorizationRequest request) {
        long start = System.nanoTime();
        // Field checks first, so a malformed request is refused before the card is even looked at.
        Instant occurredAt = request.occurredAt();
        List<FieldProblem> errors = request.validate(clock.instant(), occurredAt);
        if (!errors.isEmpty()) {
            throw RequestProblem.invalid(errors);
        }
        Card card = cards.resolve(request.card().token(), request.card().pan(), "card");
        return DecisionResponse.of(scoring.decide(request.toAuthorization(card.token(), occurredAt), card, start));
    }

    @GetMapping("/api/v1/authorizations/{authorizationId}")
    DecisionResponse decision(@PathVariable String authorizationId) {
        return scoring.find(authorizationId).map(DecisionResponse::of)
                .orElseThrow(() -> RequestProblem.notFound("No decision for this authorizationId."));
    }
}
