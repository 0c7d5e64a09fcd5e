package dev.anshin.privacy;

import dev.anshin.problems.RequestProblem;
import jakarta.servlet.http.HttpServletRequest;
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
@RestController
@RequestMapping("/api/v1/privacy/requests")
class DataSubjectRequestController {

    private final DataSubjectRequests requests;

    DataSubjectRequestController(DataSubjectRequests requests) {
        this.requests = requests;
    }

    record Intake(String requestId, String customerId, String kind, String purpose, String recipient,
            Map<String, String> corrections, String channel) {
        @Override
        public String toString() {
            return "Intake[requestId=" + requestId + ", kind=" + kind + ", corrections=<redacted>]";
        }
    }

    record Rejection(String reason) {
    }

    record CompletionView(DataSubjectRequest request, Disclosure disclosure) {
        @Override
        public String toString() {
            return "CompletionView[request=" + request.id() + ", <redacted>]";
        }
    }

    @GetMapping
    List<DataSubjectRequest> queue(@RequestParam(defaultValue = "false") boolean includeClosed,
            @RequestParam(defaultValue = "200") int limit) {
        return requests.queue(includeClosed, limit);
    }

    @GetMapping("/{id}")
    DataSubjectRequest request(@PathVariable String id) {
        return requests.find(id).orElseThrow(() -> RequestProblem.notFound("No such request."));
    }

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

    @PostMapping("/{id}/start")
    DataSubjectRequest start(@PathVariable String id, Authentication auth, HttpServletRequest request) {
        return requests.start(Requests.actor(auth, request), id);
    }

    @PostMapping("/{id}/completion")
    ResponseEntity<CompletionView> complete(@PathVariable String id, Authentication auth, HttpServletRequest request) {
        DataSubjectRequests.Completion done = requests.complete(Requests.actor(auth, request), id);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new CompletionView(done.request(), done.disclosure()));
    }

    @PostMapping("/{id}/rejection")
    DataSubjectRequest reject(@PathVariable String id, @RequestBody Rejection body, Authentication auth,
            HttpServletRequest request) {
        RejectionReason reason = Requests.oneOf(RejectionReason.class, body == null ? null : body.reason(), "reason");
        return requests.reject(Requests.actor(auth, request), id, reason);
    }

    /** The disclosure produced: JSON (machine-readable) or plain text in Japanese or English. */
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
                    .body(disclosure.toText(!"en".equals(lang)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(disclosure);
    }

}
