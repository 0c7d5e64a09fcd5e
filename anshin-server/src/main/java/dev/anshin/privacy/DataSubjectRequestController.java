package dev.anshin.privacy;

import dev.anshin.problems.RequestProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
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

/**
 * Data-subject requests for staff: the queue by deadline, intake on the person's behalf, and acting on
 * a request (start, complete, reject). The cardholder portal uses {@link DataSubjectRequests} directly.
 */
@Tag(name = "Data-subject requests", description = "The person's requests under the APPI (disclosure, correction, "
        + "stop of use, deletion): taken in with a deadline, then started, completed or rejected by a privacy officer")
@RestController
@RequestMapping("/api/v1/privacy/requests")
class DataSubjectRequestController {

    private final DataSubjectRequests requests;
    private final FieldValues fieldValues;
    private final DisclosureFormats formats;

    DataSubjectRequestController(DataSubjectRequests requests, FieldValues fieldValues, DisclosureFormats formats) {
        this.formats = formats;
        this.fieldValues = fieldValues;
        this.requests = requests;
    }

    @Schema(requiredProperties = {"requestId", "customerId", "kind", "channel"})
    record Intake(@Schema(description = "The idempotency key of the intake") String requestId, String customerId,
            @Schema(implementation = RequestKind.class) String kind,
            @Schema(implementation = Purpose.class, description = "STOP_OF_USE: the purpose to stop") String purpose,
            @Schema(description = "STOP_OF_USE of THIRD_PARTY_PROVISION: the recipient") String recipient,
            @Schema(description = "CORRECTION: the corrected values by field name") Map<String, String> corrections,
            @Schema(implementation = ConsentChannel.class) String channel) {
        @Override
        public String toString() {
            return "Intake[requestId=" + requestId + ", kind=" + kind + ", corrections=<redacted>]";
        }
    }

    @Schema(requiredProperties = "reason")
    record Rejection(@Schema(implementation = RejectionReason.class) String reason) {
    }

    record CompletionView(DataSubjectRequest request, Disclosure disclosure) {
        @Override
        public String toString() {
            return "CompletionView[request=" + request.id() + ", <redacted>]";
        }
    }

    @Operation(summary = "List data-subject requests", description = "The open requests, earliest deadline first, "
            + "overdue ones flagged; with includeClosed, the completed and rejected ones too. At most limit (default "
            + "200). Role: CUSTOMER_SERVICE or PRIVACY_OFFICER.")
    @GetMapping
    List<DataSubjectRequest> queue(@RequestParam(defaultValue = "false") boolean includeClosed,
            @RequestParam(defaultValue = "200") int limit) {
        return requests.queue(includeClosed, limit);
    }

    @Operation(summary = "Read a data-subject request", description = "One request with its status and deadline. "
            + "Role: CUSTOMER_SERVICE or PRIVACY_OFFICER.")
    @GetMapping("/{id}")
    DataSubjectRequest request(@PathVariable String id) {
        return requests.find(id).orElseThrow(() -> RequestProblem.notFound("No such request."));
    }

    @Operation(summary = "Take in a data-subject request", description = """
            Takes in a request on the person's behalf (said to staff by phone, form, mail…), with its deadline. \
            STOP_OF_USE names the purpose (and, for THIRD_PARTY_PROVISION, the recipient); CORRECTION the \
            corrected values. Idempotent on requestId: the same submission again answers the request taken in; \
            another one under the same requestId is refused (409). Role: PRIVACY_OFFICER.""")
    @ApiResponse(responseCode = "201", description = "The request taken in; Location is the request")
    @ApiResponse(responseCode = "409", description = "This requestId was used for a different request (type conflict)")
    @ApiResponse(responseCode = "410", description = "The person's data was erased (type erased)")
    @PostMapping
    ResponseEntity<DataSubjectRequest> submit(@RequestBody Intake body, Authentication auth, HttpServletRequest request) {
        if (body == null) {
            throw RequestProblem.invalid("kind", "required");
        }
        RequestKind kind = Requests.oneOf(RequestKind.class, body.kind(), "kind");
        ConsentChannel channel = Requests.oneOf(ConsentChannel.class, body.channel(), "channel");
        RequestDetails details = switch (kind) {
            case STOP_OF_USE -> RequestDetails.stopOfUse(Requests.purpose(body.purpose(), "purpose"),
                    Requests.optionalText(body.recipient(), "recipient", 64));
            case CORRECTION -> RequestDetails.correction(body.corrections() == null ? Map.of()
                    : Requests.values(body.corrections(), "corrections"));
            default -> RequestDetails.none();
        };
        DataSubjectRequest taken = requests.submit(Requests.actor(auth, request), body.customerId(), kind, details,
                channel, body.requestId());
        return ResponseEntity.created(URI.create("/api/v1/privacy/requests/" + taken.id())).body(taken);
    }

    @Operation(summary = "Start a data-subject request", description = "Marks the request in progress. Role: "
            + "PRIVACY_OFFICER.")
    @ApiResponse(responseCode = "200", description = "The request, in progress")
    @ApiResponse(responseCode = "409", description = "The request is already closed (type conflict)")
    @PostMapping("/{id}/start")
    DataSubjectRequest start(@PathVariable String id, Authentication auth, HttpServletRequest request) {
        return requests.start(Requests.actor(auth, request), id);
    }

    @Operation(summary = "Complete a data-subject request", description = """
            Carries the request out through the personal data (discloses, corrects, stops the use, erases) and \
            closes it as completed; a disclosure answers what was disclosed. Completing a completed request \
            answers it again. Never cached. Role: PRIVACY_OFFICER.""")
    @ApiResponse(responseCode = "200", description = "The request, completed, and for a disclosure what was disclosed")
    @ApiResponse(responseCode = "409", description = "The request was rejected (type conflict)")
    @PostMapping("/{id}/completion")
    ResponseEntity<CompletionView> complete(@PathVariable String id, Authentication auth, HttpServletRequest request) {
        DataSubjectRequests.Completion done = requests.complete(Requests.actor(auth, request), id);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new CompletionView(done.request(), done.disclosure()));
    }

    @Operation(summary = "Reject a data-subject request", description = "Closes the request as rejected, with the "
            + "reason. Role: PRIVACY_OFFICER.")
    @ApiResponse(responseCode = "200", description = "The request, rejected")
    @ApiResponse(responseCode = "409", description = "The request is already closed (type conflict)")
    @PostMapping("/{id}/rejection")
    DataSubjectRequest reject(@PathVariable String id, @RequestBody Rejection body, Authentication auth,
            HttpServletRequest request) {
        RejectionReason reason = Requests.oneOf(RejectionReason.class, body == null ? null : body.reason(), "reason");
        return requests.reject(Requests.actor(auth, request), id, reason);
    }

    /** The disclosure produced: JSON (machine-readable) or plain text in Japanese or English. */
    @Operation(summary = "Read a disclosure", description = "The disclosure a completed DISCLOSURE request produced: "
            + "JSON (format=json, the default), or plain text for the person in Japanese (lang=ja, the default) or "
            + "English (lang=en), as sealed at completion: a long history (purchases) holds its newest 1,000 items "
            + "and how many more are held; disclosure.json and disclosure.csv give every one. The read is in the "
            + "audit trail; never cached. Role: PRIVACY_OFFICER.")
    @ApiResponse(responseCode = "200", description = "The disclosure", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = Disclosure.class)),
            @Content(mediaType = "text/plain", schema = @Schema(type = "string"), examples = @ExampleObject(value = """
                    Disclosure of the personal data we hold
                    Produced: 2026-12-07 10:00 (JST)

                    == Data held
                      Name: Hanako Yamada
                    """))})
    @ApiResponse(responseCode = "410", description = "The person's data was erased (type erased)")
    @GetMapping("/{id}/disclosure")
    ResponseEntity<?> disclosure(@PathVariable String id, @RequestParam(defaultValue = "json") String format,
            @RequestParam(defaultValue = "ja") String lang, Authentication auth, HttpServletRequest request) {
        if (!"json".equals(format) && !"text".equals(format)) {
            throw RequestProblem.invalid("format", "json or text"); // before the read, which is audited
        }
        Disclosure disclosure = requests.disclosure(Requests.actor(auth, request), id)
                .orElseThrow(() -> new RequestProblem(dev.anshin.problems.ProblemType.ERASED,
                        "This customer's personal data was erased.", List.of()));
        if ("text".equals(format)) {
            // Bytes, not a String: Spring logs the start of a String body at DEBUG, and this one starts with a name.
            return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                    .contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8))
                    .body(disclosure.toText(!"en".equals(lang), fieldValues).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(disclosure);
    }


    @Operation(summary = "Download a disclosure as JSON", description = """
            The disclosure a completed DISCLOSURE request produced (sealed at completion, not read again), as \
            the stable download schema DisclosureDocument: values by field name, purposes, consents, provision \
            records, and what other modules hold (held: one group per catalog entry with its labels, category \
            and items, each item its named values and its text). Every transaction is included: the purchase \
            history, too long to seal whole, is read anew up to the disclosure's producedAt and streamed as it \
            is written. Labels and texts in Japanese (lang=ja, the \
            default) or English (lang=en). An attachment, never cached; the read is in the audit trail. Role: \
            PRIVACY_OFFICER.""")
    @ApiResponse(responseCode = "200", description = "The disclosure, as an attachment", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = DisclosureDocument.class)))
    @ApiResponse(responseCode = "410", description = "The person's data was erased (type erased)")
    @GetMapping("/{id}/disclosure.json")
    void disclosureJson(@PathVariable String id, @RequestParam(defaultValue = "ja") String lang,
            Authentication auth, HttpServletRequest request, HttpServletResponse response) throws IOException {
        download(id, DisclosureFormat.JSON, lang, auth, request, response);
    }

    @Operation(summary = "Download a disclosure as CSV", description = """
            The same disclosure as CSV for a spreadsheet, one row per item: section (disclosure, value, held, \
            purpose, consent, provision), entry (the field, catalog entry, purpose or recipient), then key and \
            value pairs; a header row names them (key1, value1…) and every row has as many cells. UTF-8 with a \
            byte-order mark, CRLF line ends; a cell starting with = + - @ is prefixed with an apostrophe so no \
            spreadsheet runs it as a formula. Every transaction and lang as for JSON. An attachment, never cached; the read is in the \
            audit trail. Role: PRIVACY_OFFICER.""")
    @ApiResponse(responseCode = "200", description = "The disclosure, as an attachment", content = @Content(
            mediaType = "text/csv", schema = @Schema(type = "string"), examples = @ExampleObject(value = """
                    section,entry,key1,value1,key2,value2,key3,value3
                    disclosure,,customerId,0d6f3c8e-5b7a-4e61-9a2f-3c1d8e7b9a40,producedAt,2026-12-07T02:10:00Z,language,en
                    value,NAME_KANJI,label,Name (kanji),value,山田 花子,,
                    held,DEVICE_LINKS,linkedAt,2026-12-01T03:00:00Z,label,Devices used,text,A smartphone first seen on 2026-12-01
                    """)))
    @ApiResponse(responseCode = "410", description = "The person's data was erased (type erased)")
    @GetMapping("/{id}/disclosure.csv")
    void disclosureCsv(@PathVariable String id, @RequestParam(defaultValue = "ja") String lang,
            Authentication auth, HttpServletRequest request, HttpServletResponse response) throws IOException {
        download(id, DisclosureFormat.CSV, lang, auth, request, response);
    }

    private void download(String id, DisclosureFormat format, String lang, Authentication auth,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"ja".equals(lang) && !"en".equals(lang)) {
            throw RequestProblem.invalid("lang", "ja or en"); // before the read, which is audited
        }
        Disclosure disclosure = requests.disclosure(Requests.actor(auth, request), id, format)
                .orElseThrow(() -> new RequestProblem(dev.anshin.problems.ProblemType.ERASED,
                        "This customer's personal data was erased.", List.of()));
        formats.download(disclosure, format, "en".equals(lang) ? java.util.Locale.ENGLISH
                : java.util.Locale.JAPANESE, "disclosure-" + id, response);
    }
}
