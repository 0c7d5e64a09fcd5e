package dev.anshin.cards;

import dev.anshin.access.Role;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Registers cards (the PAN is tokenized here and dropped) and changes their status. */
@Tag(name = "Cards", description = "The card registry: a card is known by a keyed token; its number is kept only in "
        + "the vault, encrypted, and read back only by the CARD_DATA role")
@RestController
@RequestMapping("/api/v1/cards")
class CardController {

    private final Cards cards;

    CardController(Cards cards) {
        this.cards = cards;
    }

    @Schema(requiredProperties = "pan")
    record Registration(@Schema(description = "The card number: 13 to 19 digits with a valid check digit")
            String pan, String customerId) {
        @Override
        public String toString() {
            // Spring logs request bodies at DEBUG: a PAN must never show.
            return "Registration[pan=<redacted>, customerId=" + customerId + "]";
        }
    }

    /**
     * Registers a card, and links it to its customer when {@code customerId} is given. Linking says
     * whose card it is, so it is customer service's work (the role that registers customers and reads
     * their data for operating the card); an administrator registers cards but sees no personal data,
     * and is refused the link (403) before anything is stored.
     */
    @Operation(summary = "Register a card", description = """
            Tokenizes the card number (PAN), keeps it encrypted in the vault and answers the card's token; the \
            number itself is never answered. With customerId, the card is linked to that customer. Idempotent: the \
            same PAN answers the same card (and links a card registered without a customer); a card of another \
            customer is refused (409). Role: ADMIN or CUSTOMER_SERVICE; only CUSTOMER_SERVICE may give customerId.""")
    @ApiResponse(responseCode = "201", description = "The card; Location is the card")
    @ApiResponse(responseCode = "403", description = "customerId given by a role other than CUSTOMER_SERVICE, or this "
            + "key's role does not allow the call (type forbidden)")
    @ApiResponse(responseCode = "409", description = "The card is registered to another customer (type conflict)")
    @PostMapping
    ResponseEntity<Card> register(@RequestBody Registration registration, Authentication auth) {
        if (registration != null && registration.customerId() != null && auth.getAuthorities().stream()
                .noneMatch(a -> a.getAuthority().equals(Role.CUSTOMER_SERVICE.authority()))) {
            throw new RequestProblem(ProblemType.FORBIDDEN, "Linking a card to a customer is for customer service.",
                    List.of(new FieldProblem("customerId", "needs the CUSTOMER_SERVICE role")));
        }
        Card card = registration == null ? cards.register(null)
                : cards.register(registration.pan(), registration.customerId());
        return ResponseEntity.created(URI.create("/api/v1/cards/" + card.token())).body(card);
    }

    /** The cards of one customer. */
    @Operation(summary = "List a customer's cards", description = "The cards linked to one customer. Role: ANALYST or "
            + "ADMIN.")
    @GetMapping(params = "customerId")
    List<Card> ofCustomer(@RequestParam String customerId) {
        return cards.ofCustomer(customerId);
    }

    @Operation(summary = "Read a card", description = "One card: token, BIN, last four digits, status. Role: ANALYST "
            + "or ADMIN.")
    @GetMapping("/{token}")
    Card card(@PathVariable String token) {
        return cards.find(token).orElseThrow(() -> RequestProblem.notFound("No such card."));
    }

    record DetokenizeRequest(String reference) {
    }

    record CardNumber(String token, String pan) {
        @Override
        public String toString() {
            // Spring logs response bodies at DEBUG.
            return "CardNumber[token=" + token + ", pan=<redacted>]";
        }
    }

    /** The full card number from the vault (CARD_DATA role only; audited). */
    @Operation(summary = "Read a card's number", description = "The full card number from the vault, for a stated "
            + "reference (e.g. the case or ticket it is needed for). Each read is in the audit trail; the answer is never "
            + "cached. Role: CARD_DATA.")
    @PostMapping("/{token}/pan")
    ResponseEntity<CardNumber> pan(@PathVariable String token, @RequestBody(required = false) DetokenizeRequest body,
            Authentication auth, HttpServletRequest request) {
        String reference = body == null || body.reference() == null || body.reference().isBlank() ? null : body.reference();
        if (reference != null && !reference.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw RequestProblem.invalid("reference", "at most 64 letters, digits, '.', '_', ':' or '-'");
        }
        String pan = cards.detokenize(token, auth.getName(), request.getRemoteAddr(), reference);
        // Never cached by a browser or a proxy.
        return ResponseEntity.ok().header("Cache-Control", "no-store").body(new CardNumber(token, pan));
    }

    @Operation(summary = "Block a card", description = "Authorizations of a blocked card are declined. Blocking a "
            + "blocked card changes nothing. Role: ADMIN.")
    @PostMapping("/{token}/block")
    Card block(@PathVariable String token) {
        return cards.changeStatus(token, Card.Status.BLOCKED);
    }

    @Operation(summary = "Unblock a card", description = "Makes a blocked card active again. Role: ADMIN.")
    @PostMapping("/{token}/unblock")
    Card unblock(@PathVariable String token) {
        return cards.changeStatus(token, Card.Status.ACTIVE);
    }
}
