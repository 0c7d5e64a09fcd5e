package dev.anshin.cards;

import dev.anshin.problems.RequestProblem;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Registers cards (the PAN is tokenized here and dropped) and changes their status. */
@RestController
@RequestMapping("/api/v1/cards")
class CardController {

    private final Cards cards;

    CardController(Cards cards) {
        this.cards = cards;
    }

    record Registration(String pan) {
        @Override
        public String toString() {
            // Spring logs request bodies at DEBUG: a PAN must never show.
            return "Registration[pan=<redacted>]";
        }
    }

    @PostMapping
    ResponseEntity<Card> register(@RequestBody Registration registration) {
        Card card = cards.register(registration == null ? null : registration.pan());
        return ResponseEntity.created(URI.create("/api/v1/cards/" + card.token())).body(card);
    }

    @GetMapping("/{token}")
    Card card(@PathVariable String token) {
        return cards.find(token).orElseThrow(() -> RequestProblem.notFound("No such card."));
    }

    @PostMapping("/{token}/block")
    Card block(@PathVariable String token) {
        return cards.changeStatus(token, Card.Status.BLOCKED);
    }

    @PostMapping("/{token}/unblock")
    Card unblock(@PathVariable String token) {
        return cards.changeStatus(token, Card.Status.ACTIVE);
    }
}
