package dev.anshin.fraud;

import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.RequestProblem;
import dev.anshin.scoring.AmountCeiling;
import dev.anshin.scoring.Authorization;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/** The scoring endpoint card issuers call for every authorization, and the read side for analysts. */
@Tag(name = "Authorizations", description = "Scoring: a decision (approve, review or decline) with its score and "
        + "reasons for every card authorization, and the decisions read back")
@RestController
class AuthorizationController {

    private final Cards cards;
    private final AuthorizationScoring scoring;
    private final Admission admission;
    private final HeldRefusals refusals;
    private final Clock clock;
    private final AmountCeiling amountCeiling;
    private final ObjectReader requests;
    private final ObjectWriter responses;
    private final ObjectProvider<DeviceRecognition> devices;
    private final PaymentDevices paymentDevices;

    AuthorizationController(Cards cards, AuthorizationScoring scoring, Admission admission, HeldRefusals refusals,
            Clock clock, AmountCeiling amountCeiling, JsonMapper json, ObjectProvider<DeviceRecognition> devices,
            PaymentDevices paymentDevices) {
        this.cards = cards;
        this.paymentDevices = paymentDevices;
        this.devices = devices;
        this.admission = admission;
        this.refusals = refusals;
        this.scoring = scoring;
        this.clock = clock;
        this.amountCeiling = amountCeiling;
        // The application's own mapper, so the JSON is exactly what the message converters would read and write.
        this.requests = json.readerFor(AuthorizationRequest.class);
        this.responses = json.writerFor(DecisionResponse.class);
    }

    /**
     * Scores one authorization. The body is read and the answer written with a reader and a writer
     * made once, not through Spring's message converters: on this, the hottest path, choosing a
     * converter and negotiating media types cost more than the JSON itself (docs/benchmarks.md).
     * Content type (415) and {@code Accept} (406) are still checked by the mapping, and a body that
     * cannot be read gets the same problem responses as with {@code @RequestBody}.
     *
     * @return null once the decision is written; for an authorization the admission stage refused
     *         (overloaded, or a decision log that cannot record now), the refusal, answered at its
     *         deadline ({@link HeldRefusals})
     */
    @Operation(summary = "Score an authorization", description = """
            Scores one card authorization and answers the decision: APPROVE, REVIEW or DECLINE, with the \
            score (none when the rules alone decided) and the reasons. The decision is stored before it is answered.

            Idempotent on `authorizationId`: the same request again answers the stored decision (nothing is \
            scored twice); the same id with a different request is refused (409). After a 429 or a 503, retry \
            with the same `authorizationId`.

            The card is given by `token` or by `pan` (tokenized at once, never kept). Role: SCORER.""")
    @ApiResponse(responseCode = "409", description = "This authorizationId was already used for a different request "
            + "(type conflict)")
    @ApiResponse(responseCode = "422", description = "Invalid fields, each named in errors (type validation), or a "
            + "card that is not registered (type unknown-card)")
    @PostMapping(path = "/api/v1/authorizations", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = AuthorizationRequest.class)))
    @ApiResponse(responseCode = "200", description = "The decision",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = DecisionResponse.class)))
    @ApiResponse(responseCode = "429", description = "Refused before anything was done: the server is over "
            + "capacity (type overloaded); nothing scored or stored; retry after Retry-After. Answered when the "
            + "admission deadline (250 ms by default) has passed, not at once (anshin.fraud.admission.answer-refusals)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "503", description = "Not decided now (type unavailable): the decision could not "
            + "be recorded (decision log failing, database too far behind) or not made durable before the "
            + "deadline; retry with the same authorizationId after Retry-After. When the decision log cannot record, "
            + "answered once the admission deadline has passed, like a 429",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    DeferredResult<Void> score(HttpServletRequest http, HttpServletResponse response) throws IOException {
        long start = System.nanoTime();
        AuthorizationRequest request = read(http);
        // Field checks first, so a malformed request is refused before the card is even looked at.
        Instant occurredAt = request.occurredAt();
        List<FieldProblem> errors = request.validate(clock.instant(), occurredAt, amountCeiling);
        if (!errors.isEmpty()) {
            throw RequestProblem.invalid(errors);
        }
        // Admitted (or refused) only once the body is in: a client sending it slowly holds a request
        // thread, never a scoring slot. The deadline counts from here. The slot is freed before the
        // answer is written, so a slow reader does not hold it either.
        long admitted = System.nanoTime();
        Admission.Slot slot;
        try {
            slot = admission.admit(admitted);
        } catch (Admission.Refused refused) {
            // Answered at the deadline, no thread held meanwhile (HeldRefusals says why).
            return refusals.answer(refused, admitted);
        }
        DecisionResponse decision;
        try (slot) {
            Card card = cards.resolve(request.card().token(), request.card().pan(), "card");
            Authorization clear = request.toAuthorization(card.token(), occurredAt, cards::pseudonym);
            // From here on the device id, user agent and IP address are keyed pseudonyms: the engine, the
            // decision log and the database never see the values, which only the customer's key can open.
            Authorization authorization = recognised(paymentDevices.pseudonymized(clear, this::isAnshinDevice),
                    request.deviceObservation());
            String sealed = paymentDevices.seal(card, clear);
            decision = DecisionResponse.of(scoring.decide(authorization, sealed, card, start, admitted,
                    slot.rulesOnly()));
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        responses.writeValue(response.getOutputStream(), decision);
        // Written here: no result for Spring to handle.
        return null;
    }

    /**
     * With an observation of Anshin's collector that the devices module recognises: Anshin's stable
     * device id in place of the issuer's, and what is known of the device at the authorization's time,
     * for the features, the rules and the reasons. Otherwise the authorization as sent.
     */
    private Authorization recognised(Authorization authorization, String observation) {
        DeviceRecognition recognition = observation == null ? null : devices.getIfAvailable();
        if (recognition == null) {
            return authorization;
        }
        return recognition.recognise(observation, authorization.timestamp())
                .map(device -> authorization.withDevice(
                        authorization.device().recognisedAs(device.deviceId(), device.facts())))
                .orElse(authorization);
    }

    /** Whether the devices module gave out this device id (asked only for a UUID; false without that module). */
    private boolean isAnshinDevice(String deviceId) {
        DeviceRecognition recognition = devices.getIfAvailable();
        return recognition != null && recognition.isAnshinDevice(deviceId);
    }

    private AuthorizationRequest read(HttpServletRequest http) throws IOException {
        AuthorizationRequest request;
        try {
            request = requests.readValue(http.getInputStream());
        } catch (JacksonException e) {
            throw new HttpMessageNotReadableException("Unreadable authorization request", e,
                    new ServletServerHttpRequest(http));
        }
        if (request == null) {
            throw new HttpMessageNotReadableException("Required request body is missing",
                    new ServletServerHttpRequest(http));
        }
        return request;
    }

    @Operation(summary = "Read a decision", description = "The stored decision of one authorization, as it was "
            + "answered when it was scored. Role: ANALYST or ADMIN.")
    @GetMapping("/api/v1/authorizations/{authorizationId}")
    DecisionResponse decision(@PathVariable String authorizationId) {
        return scoring.find(authorizationId).map(DecisionResponse::of)
                .orElseThrow(() -> RequestProblem.notFound("No decision for this authorizationId."));
    }
}
