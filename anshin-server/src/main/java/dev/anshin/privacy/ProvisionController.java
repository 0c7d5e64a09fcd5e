package dev.anshin.privacy;

import dev.anshin.problems.RequestProblem;
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
@RestController
@RequestMapping("/api/v1/privacy")
class ProvisionController {

    private final Recipients recipients;
    private final Provisions provisions;

    ProvisionController(Recipients recipients, Provisions provisions) {
        this.recipients = recipients;
        this.provisions = provisions;
    }

    record RecipientBody(String id, String kind, String nameJa, String nameEn, String country, String useJa,
            String useEn, List<String> fields, String publicKeyset) {
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

    record ProvisionBody(String requestId, String recipient, List<String> customerIds, List<String> items) {
    }

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

    @GetMapping("/recipients")
    List<RecipientView> recipients() {
        return recipients.list().stream().map(RecipientView::of).toList();
    }

    @GetMapping("/recipients/{id}")
    RecipientView recipient(@PathVariable String id) {
        return recipients.find(id).map(RecipientView::of).orElseThrow(() -> RequestProblem.notFound("No such recipient."));
    }

    @PostMapping("/provisions")
    ResponseEntity<Provisions.Provision> provide(@RequestBody ProvisionBody body, Authentication auth,
            HttpServletRequest request) {
        if (body == null) {
            throw RequestProblem.invalid("requestId", "required");
        }
        Provisions.Provision provision = provisions.provide(Requests.actor(auth, request),
                new Provisions.ProvisionRequest(body.requestId(), body.recipient(), body.customerIds(),
                        body.items() == null ? null : Requests.fields(body.items(), "items")));
        return ResponseEntity.created(URI.create("/api/v1/privacy/provisions/" + provision.provisionId()))
                .body(provision);
    }

    @GetMapping("/provisions/{id}")
    Provisions.Provision provision(@PathVariable String id) {
        return provisions.find(id);
    }

    /** The encrypted export (only the recipient's private key opens it), while it is kept. */
    @GetMapping("/provisions/{id}/export")
    ResponseEntity<byte[]> export(@PathVariable String id, Authentication auth, HttpServletRequest request) {
        byte[] ciphertext = provisions.export(Requests.actor(auth, request), id);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .cacheControl(CacheControl.noStore())
                .header("Content-Disposition", "attachment; filename=\"provision-" + id + ".hpke\"")
                .body(ciphertext);
    }

    @GetMapping("/provision-records")
    List<ProvisionRecord> records(@RequestParam(defaultValue = "100") int limit) {
        return provisions.recentRecords(limit);
    }

}
