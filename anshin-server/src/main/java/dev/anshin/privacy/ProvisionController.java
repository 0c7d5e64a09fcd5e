package dev.anshin.privacy;

import dev.anshin.problems.RequestProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Set;
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

/** Recipients of third-party provision, provisions, their encrypted exports and the provision records. */
@Tag(name = "Provision", description = "Provision of personal data to third parties (APPI Art. 27): the registered "
        + "recipients, each provision with its export encrypted to the recipient's public key, and the provision "
        + "records kept for the person and the regulator")
@RestController
@RequestMapping("/api/v1/privacy")
class ProvisionController {

    private final Recipients recipients;
    private final Provisions provisions;

    ProvisionController(Recipients recipients, Provisions provisions) {
        this.recipients = recipients;
        this.provisions = provisions;
    }

    @Schema(requiredProperties = {"id", "kind", "nameJa", "nameEn", "country", "useJa", "useEn", "fields",
            "publicKeyset"})
    record RecipientBody(String id, @Schema(implementation = RecipientKind.class) String kind, String nameJa,
            String nameEn, @Schema(description = "ISO 3166-1 alpha-2 code of the recipient's country") String country,
            String useJa, String useEn,
            @Schema(description = "The fields it may receive, by name (GET /api/v1/privacy/catalog)")
            List<String> fields,
            @Schema(description = "The recipient's public HPKE keyset (Tink JSON)") String publicKeyset) {
        @Override
        public String toString() {
            return "RecipientBody[id=" + id + ", kind=" + kind + "]";
        }
    }

    /** A recipient as served: everything but the key itself is plain; the key is public. */
    record RecipientView(String id, RecipientKind kind, String nameJa, String nameEn, String country, String useJa,
            String useEn, Set<PersonalField> fields, String publicKeyset, String registeredBy,
            java.time.Instant registeredAt) {
        static RecipientView of(Recipient r) {
            return new RecipientView(r.id(), r.kind(), r.nameJa(), r.nameEn(), r.country(), r.useJa(), r.useEn(),
                    r.fields(), r.publicKeyset(), r.registeredBy(), r.registeredAt());
        }
    }

    @Schema(requiredProperties = {"requestId", "recipient", "customerIds", "items"})
    record ProvisionBody(@Schema(description = "The idempotency key of the provision") String requestId,
            @Schema(description = "The recipient's id") String recipient, List<String> customerIds,
            @Schema(description = "The fields to provide, by name") List<String> items) {
    }

    @Operation(summary = "Register a recipient", description = """
            Registers a third party that personal data may be provided to: who it is, what it uses the data for, \
            which fields it may receive, and its public keyset (exports are encrypted to it). Idempotent on id: \
            the same entry again answers the registered one (200); a different entry under the id is refused (409). \
            Role: PRIVACY_OFFICER.""")
    @ApiResponse(responseCode = "201", description = "The recipient registered; Location is the recipient")
    @ApiResponse(responseCode = "200", description = "Registered before with this entry: the recipient")
    @ApiResponse(responseCode = "409", description = "A recipient with this id has a different entry (type conflict)")
    @PostMapping("/recipients")
    ResponseEntity<RecipientView> register(@RequestBody RecipientBody body, Authentication auth,
            HttpServletRequest request) {
        if (body == null) {
            throw RequestProblem.invalid("id", "required");
        }
        RecipientKind kind = body.kind() == null ? null : Requests.oneOf(RecipientKind.class, body.kind(), "kind");
        boolean known = recipients.find(body.id()).isPresent();
        Recipient recipient = recipients.register(Requests.actor(auth, request), new Recipients.NewRecipient(body.id(),
                kind, body.nameJa(), body.nameEn(), body.country(), body.useJa(), body.useEn(),
                body.fields() == null ? Set.of() : Requests.fields(body.fields(), "fields"), body.publicKeyset()));
        return known ? ResponseEntity.ok(RecipientView.of(recipient))
                : ResponseEntity.created(URI.create("/api/v1/privacy/recipients/" + recipient.id()))
                        .body(RecipientView.of(recipient));
    }

    @Operation(summary = "List recipients", description = "Every registered recipient. Role: CUSTOMER_SERVICE or "
            + "PRIVACY_OFFICER.")
    @GetMapping("/recipients")
    List<RecipientView> recipients() {
        return recipients.list().stream().map(RecipientView::of).toList();
    }

    @Operation(summary = "Read a recipient", description = "One registered recipient. Role: CUSTOMER_SERVICE or "
            + "PRIVACY_OFFICER.")
    @GetMapping("/recipients/{id}")
    RecipientView recipient(@PathVariable String id) {
        return recipients.find(id).map(RecipientView::of).orElseThrow(() -> RequestProblem.notFound("No such recipient."));
    }

    @Operation(summary = "Ask for a provision of personal data to a recipient", description = """
            Asks to provide the items named of each customer named to the recipient. Checked now as the provision \
            will be (the recipient, the items it may receive, someone among the customers with consent in force; \
            otherwise refused and nothing stored), then kept pending: a second privacy officer (not the one who \
            asked: four-eyes), signed in to the console as themself, approves or rejects it on the page at \
            consoleUrl (approvalUrl names the same page) before expiresAt; an API key names no person, so the API \
            neither approves nor rejects. Only \
            the approval provides: each customer with consent in force then is provided, the others skipped with \
            the reason; the export is encrypted to the recipient's public key; a provision record is kept per \
            customer. Idempotent on requestId: the same request again answers the request as it stands (202 while \
            pending, 200 once decided), nothing asked twice; another request under the same requestId is refused \
            (409). Role: PRIVACY_OFFICER.""")
    @ApiResponse(responseCode = "202", description = "Asked for, pending approval; Location is the request")
    @ApiResponse(responseCode = "200", description = "Asked for before with this requestId and decided since: the "
            + "request, with provisionId once approved")
    @ApiResponse(responseCode = "403", description = "None of the customers can be provided, nothing was asked for "
            + "(type consent-required), or this role may not provide (type forbidden or purpose-not-allowed)")
    @ApiResponse(responseCode = "409", description = "This requestId was used for a different provision (type "
            + "conflict)")
    @PostMapping("/provisions")
    ResponseEntity<Provisions.PendingProvision> provide(@RequestBody ProvisionBody body, Authentication auth,
            HttpServletRequest request) {
        if (body == null) {
            throw RequestProblem.invalid("requestId", "required");
        }
        Provisions.PendingProvision pending = provisions.request(Requests.actor(auth, request),
                new Provisions.ProvisionRequest(body.requestId(), body.recipient(), body.customerIds(),
                        body.items() == null ? null : Requests.fields(body.items(), "items")));
        return pending.status() == ProvisionRequestStatus.PENDING
                ? ResponseEntity.accepted().location(URI.create("/api/v1/privacy/provision-requests/" + pending.id()))
                        .body(pending)
                : ResponseEntity.ok(pending);
    }

    @Operation(summary = "List provision requests", description = "Provision requests in one state (status: PENDING "
            + "by default, oldest first; APPROVED, REJECTED or EXPIRED newest first), at most limit (1 to 1000, default "
            + "100). Customer ids and item names only. Role: PRIVACY_OFFICER.")
    @GetMapping("/provision-requests")
    List<Provisions.PendingProvision> provisionRequests(@RequestParam(defaultValue = "PENDING") String status,
            @RequestParam(defaultValue = "100") int limit) {
        return provisions.requests(Requests.oneOf(ProvisionRequestStatus.class, status, "status"), limit);
    }

    @Operation(summary = "Read a provision request", description = "One provision request as it stands. Role: "
            + "PRIVACY_OFFICER.")
    @GetMapping("/provision-requests/{id}")
    Provisions.PendingProvision provisionRequest(@PathVariable String id) {
        return provisions.pending(id);
    }

    @Operation(summary = "Read a provision", description = "One provision: to whom, what, for which customers, and "
            + "whether its export is still kept. Role: PRIVACY_OFFICER.")
    @GetMapping("/provisions/{id}")
    Provisions.Provision provision(@PathVariable String id) {
        return provisions.find(id);
    }

    /** The encrypted export (only the recipient's private key opens it), while it is kept. */
    @Operation(summary = "Fetch a provision's export", description = "The encrypted export (HPKE; only the "
            + "recipient's private key opens it, with the provision's contextInfo), while it is kept. The fetch is in "
            + "the audit trail; never cached. Role: PRIVACY_OFFICER.")
    @ApiResponse(responseCode = "200", description = "The ciphertext", content = @Content(
            mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "410", description = "The export is no longer kept (type export-expired)")
    @GetMapping("/provisions/{id}/export")
    ResponseEntity<byte[]> export(@PathVariable String id, Authentication auth, HttpServletRequest request) {
        byte[] ciphertext = provisions.export(Requests.actor(auth, request), id);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .cacheControl(CacheControl.noStore())
                .header("Content-Disposition", "attachment; filename=\"provision-" + id + ".hpke\"")
                .body(ciphertext);
    }

    @Operation(summary = "List provision records", description = "The most recent provision records, newest first "
            + "(ids and item names, no values). At most limit (1 to 1000, default 100). Role: PRIVACY_OFFICER.")
    @GetMapping("/provision-records")
    List<ProvisionRecord> records(@RequestParam(defaultValue = "100") int limit) {
        return provisions.recentRecords(limit);
    }

}
