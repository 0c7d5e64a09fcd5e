package dev.anshin.voice;

import dev.anshin.privacy.Actor;
import dev.anshin.privacy.Purpose;
import dev.anshin.problems.FreeText;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.problems.StrictBody;
import dev.anshin.voice.analysis.Kind;
import dev.anshin.voice.analysis.Sentiment;
import dev.anshin.voice.analysis.Topic;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
 * Voices from the call-center and store systems ({@link VoiceIntake}, source {@link Source#API}): one voice per
 * call, analysed and routed as it is stored; a retry with the same {@code voiceId} answers the stored item.
 */
@Tag(name = "Voices", description = "The voice of the customer: feedback from the call center and the stores, "
        + "redacted, classified (kind, topics, sentiment) and routed to the department that owns its topic")
@RestController
@RequestMapping("/api/v1/voices")
class VoiceController {

    /** Most characters of a client's voiceId (the column's width). */
    static final int MAX_VOICE_ID = 100;

    @Schema(requiredProperties = {"channel", "text", "receivedAt"})
    record VoiceBody(
            @Schema(allowableValues = {"CALL_CENTER", "WEB", "STORE", "APP", "MAIL"}) String channel,
            @Schema(description = "The customer's words, at most 2000 characters (Unicode code points) after "
                    + "trimming; card numbers, phone numbers, e-mail addresses, ID numbers and names are masked "
                    + "before anyone reads it", maxLength = VoiceIntake.MAX_TEXT_LENGTH) String text,
            @Schema(description = "When the customer said it (ISO 8601 with offset); not later than now",
                    format = "date-time") String receivedAt,
            @Schema(description = "The customer's id, when known; must be a customer whose data is held")
            String customerId,
            @Schema(description = "Your idempotency key, at most 100 characters: the same voice sent again with it "
                    + "answers the stored item (200)", maxLength = MAX_VOICE_ID) String voiceId) {
    }

    /** A stored voice as the API shows it: the redacted text, never the words. */
    record VoiceView(String id, @Schema(description = "The client's idempotency key, if it gave one") String voiceId,
            Channel channel, Source source, Instant receivedAt, Instant recordedAt, String customerId,
            @Schema(description = "The text with personal details masked (［カード番号］, ［電話番号］, ［氏名］…)")
            String redactedText, Kind kind,
            @Schema(description = "Most likely first; the first routes the voice") List<Topic> topics,
            Sentiment sentiment, @Schema(description = "The department that owns the first topic") String department,
            String modelVersion, @Schema(description = "Whether staff corrected the analysis") boolean corrected) {

        static VoiceView of(VoiceItem item, String voiceId) {
            return new VoiceView(item.id(), voiceId, item.channel(), item.source(), item.receivedAt(),
                    item.recordedAt(), item.customerId(), item.redactedText(), item.kind(), item.topics(),
                    item.sentiment(), item.department(), item.modelVersion(), item.corrected());
        }
    }

    /** A voice's original words, read for a purpose that allows it (audited). */
    record VoiceOriginal(String id, String customerId, String text) {
    }

    private final VoiceIntake intake;
    private final VoiceItems items;
    private final VoiceOriginals originals;
    private final StrictBody<VoiceBody> bodies;

    VoiceController(VoiceIntake intake, VoiceItems items, VoiceOriginals originals, JsonMapper json) {
        this.intake = intake;
        this.items = items;
        this.originals = originals;
        // A field Anshin does not know is refused rather than ignored: a misspelt "customerId" is not a voice
        // from nobody.
        this.bodies = StrictBody.of(json, VoiceBody.class, "a voice");
    }

    @Operation(summary = "Send a customer's voice", description = """
            Stores one voice (feedback: a request, complaint, praise or question) from the call center or a store, \
            and answers it with its analysis: kind, topics (most likely first), sentiment, the department it is \
            routed to, and the text with personal details masked. The text is at most 2000 characters (Unicode \
            code points, after trimming). With a voiceId, the same voice sent again answers the stored item (200, \
            nothing stored twice); another voice under the same voiceId is refused (409, type voice-key-reused). \
            Refused, with nothing stored, each with its own problem type naming the field: an empty text \
            (voice-empty-text), a longer one (voice-text-too-long), an unknown channel (voice-unknown-channel), a \
            customerId that is not a customer (voice-unknown-customer) or an erased one (voice-customer-erased), a \
            receivedAt later than now (voice-received-in-future), a text whose masked form does not fit (a text \
            of many one-letter names: voice-text-too-long); a receivedAt before the voices' retention period (3 \
            years) or absurd, a missing field, a wrong JSON type, an unreadable \
            time or an unknown field is 422 (type validation). The words are personal data: sealed, never logged. \
            Role: CUSTOMER_SERVICE.""")
    @ApiResponse(responseCode = "201", description = "Stored; Location names the item")
    @ApiResponse(responseCode = "200", description = "A retry: the item stored before under this voiceId")
    @ApiResponse(responseCode = "409", description = "The voiceId was used for another voice (type voice-key-reused)")
    @ApiResponse(responseCode = "422", description = "Refused, naming the field (types voice-empty-text, "
            + "voice-text-too-long, voice-unknown-channel, voice-unknown-customer, voice-customer-erased, "
            + "voice-received-in-future, validation)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    // Spring's @RequestBody takes the name; the OpenAPI one (the schema of the bytes read) keeps its package.
    ResponseEntity<VoiceView> receive(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = VoiceBody.class))) @RequestBody byte[] raw,
            Authentication auth, HttpServletRequest request) {
        VoiceBody body = raw == null || raw.length == 0 ? null : bodies.read(raw, request);
        if (body == null) {
            throw RequestProblem.invalid("text", "is required");
        }
        Channel channel = channel(body.channel());
        Instant receivedAt = time(body.receivedAt());
        String voiceId = voiceId(body.voiceId());
        Actor actor = Actor.staff(auth, request);
        VoiceItem item;
        try {
            item = intake.receive(actor, new Submission(Source.API, auth.getName(), voiceId, channel, body.text(),
                    receivedAt, body.customerId(), null, null));
        } catch (VoiceRefused refused) {
            throw VoiceProblems.of(refused);
        }
        VoiceView view = VoiceView.of(item, voiceId);
        if (!item.created()) {
            return ResponseEntity.ok(view);
        }
        return ResponseEntity.created(URI.create("/api/v1/voices/" + item.id())).body(view);
    }

    @Operation(summary = "Read a voice", description = "One stored voice with its analysis (possibly corrected by "
            + "staff) and its redacted text; once the customer is erased the text is empty and the labels stay. "
            + "Role: CUSTOMER_SERVICE.")
    @ApiResponse(responseCode = "200", description = "The voice")
    @ApiResponse(responseCode = "404", description = "No such voice (type not-found)")
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    VoiceView voice(@PathVariable String id) {
        return items.find(id).map(stored -> VoiceView.of(stored.item(), stored.voiceKey()))
                .orElseThrow(() -> RequestProblem.notFound("No such voice."));
    }

    @Operation(summary = "Read a voice's original words", description = """
            The customer's own words, unmasked, opened through the privacy module and audited, for the privacy \
            officer answering the person's own request (purpose DATA_SUBJECT_REQUEST, the default; a voice from \
            nobody registered is read for nothing else). The systems that send voices (API keys with \
            CUSTOMER_SERVICE) never read originals: staff see the masked text. Gone (410, type erased) once the \
            customer is erased or the voice's retention ended. Role: PRIVACY_OFFICER.""")
    @ApiResponse(responseCode = "200", description = "The words")
    @ApiResponse(responseCode = "403", description = "The purpose does not allow it for this role (type forbidden or "
            + "purpose-not-allowed)")
    @ApiResponse(responseCode = "404", description = "No such voice (type not-found)")
    @ApiResponse(responseCode = "410", description = "The words were erased (type erased)")
    @GetMapping(path = "/{id}/original", produces = MediaType.APPLICATION_JSON_VALUE)
    VoiceOriginal original(@PathVariable String id, @RequestParam(required = false) String purpose,
            Authentication auth, HttpServletRequest request) {
        Actor actor = Actor.staff(auth, request);
        Purpose chosen = purpose == null ? Purpose.DATA_SUBJECT_REQUEST : Purpose.named(purpose).orElseThrow(() -> RequestProblem.invalid("purpose",
                        "must be SERVICE_OPERATION or DATA_SUBJECT_REQUEST"));
        VoiceOriginals.Original original = originals.open(actor, chosen, id);
        if (original instanceof VoiceOriginals.Original.Words words) {
            return new VoiceOriginal(words.item().id(), words.item().customerId(), words.text());
        }
        if (original instanceof VoiceOriginals.Original.Gone) {
            throw new RequestProblem(ProblemType.ERASED, "This voice's words were erased; its labels stay.", List.of());
        }
        throw RequestProblem.notFound("No such voice.");
    }

    private static Channel channel(String name) {
        if (name == null) {
            throw VoiceProblems.of(new VoiceRefused(VoiceRefused.Reason.MISSING, "channel"));
        }
        for (Channel channel : Channel.values()) {
            if (channel.name().equals(name)) {
                return channel;
            }
        }
        throw VoiceProblems.of(new VoiceRefused(VoiceRefused.Reason.UNKNOWN_CHANNEL, "channel"));
    }

    private static Instant time(String value) {
        if (value == null) {
            throw VoiceProblems.of(new VoiceRefused(VoiceRefused.Reason.MISSING, "receivedAt"));
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw RequestProblem.invalid("receivedAt", "must be a time in ISO 8601 with an offset, e.g. "
                    + "2026-12-07T10:15:00+09:00");
        }
    }

    private static String voiceId(String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > MAX_VOICE_ID || FreeText.problem(value).isPresent()) {
            throw RequestProblem.invalid("voiceId", "must be 1 to " + MAX_VOICE_ID + " characters of plain text");
        }
        return value;
    }
}
