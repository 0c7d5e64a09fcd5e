package dev.anshin.privacy;

import dev.anshin.access.ApiClient;
import dev.anshin.problems.RequestProblem;
import dev.anshin.problems.StrictBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Data received from partners: the partner's intake (role PARTNER_DATA), and for the privacy officer the
 * registry of providers and the confirmation records.
 */
@Tag(name = "Partner data", description = "Personal data partners provide to the issuer (APPI Art. 30), e.g. "
        + "purchases from a points programme: each receipt only with its confirmation record (確認記録: the "
        + "provider, how it obtained the data, when), kept 3 years; the registry of providers")
@RestController
class PartnerDataController {

    @Schema(name = "PartnerProviderBody", requiredProperties = {"id", "nameJa", "nameEn", "address", "representative",
            "items", "purpose", "apiClient"})
    record ProviderBody(String id, String nameJa, String nameEn,
            @Schema(description = "The provider's address, as the confirmation record names it") String address,
            @Schema(description = "For a company, its representative's name") String representative,
            @Schema(description = "The kinds of items it may provide: PURCHASES, POINTS") List<String> items,
            @Schema(description = "The published purpose its data is received for: RESEARCH, MARKETING or STATISTICS "
                    + "(the person may opt out; a receipt for someone who did is refused)") String purpose,
            @Schema(description = "The name of the API client (role PARTNER_DATA) that sends for this provider")
            String apiClient) {
    }

    private final PartnerProviders providers;
    private final PartnerReceipts receipts;
    private final StrictBody<PartnerReceiptBody> bodies;
    private final StrictBody<ProviderBody> providerBodies;

    PartnerDataController(PartnerProviders providers, PartnerReceipts receipts, JsonMapper json) {
        this.providers = providers;
        this.receipts = receipts;
        this.bodies = StrictBody.of(json, PartnerReceiptBody.class, "a partner receipt");
        this.providerBodies = StrictBody.of(json, ProviderBody.class, "a provider");
    }

    @Operation(summary = "Send data about a customer, with its confirmation record", description = """
            Takes one receipt of personal data from a partner: the APPI confirmation record (the provider, how it \
            obtained the data, when it obtained it, when it is handed over), the customer (the issuer's customer \
            number) and the items (purchases, points). Taken whole or not at all: without a record (type \
            confirmation-record-missing), with an invalid one (confirmation-record-invalid), from a provider not \
            registered for this client (provider-unknown), with items the provider may not provide \
            (items-not-allowed), or about a person no data can be received about (customer-unknown, 422, one \
            answer word for word whether the number was never registered, the customer was erased or the person \
            opted out of the purpose the provider's data is received for), nothing is stored. The items are kept \
            encrypted with the person's own key; the record 3 years. Idempotent on receiptId, looked up first: \
            the same receipt again answers the stored one (200), even after the person opted out; another under \
            the same id, or any under an id whose data is no longer held (swept), is refused (409). Dates are \
            from 2000-01-01 and not in the future. Role: PARTNER_DATA.""")
    @ApiResponse(responseCode = "201", description = "Received; the answer is its confirmation record's summary")
    @ApiResponse(responseCode = "200", description = "Received before with this receiptId: the same answer")
    @ApiResponse(responseCode = "403", description = "Not a PARTNER_DATA key (type forbidden)")
    @ApiResponse(responseCode = "409", description = "This receiptId was used for another receipt, or its data is no "
            + "longer held (type conflict)")
    @ApiResponse(responseCode = "422", description = "No record (confirmation-record-missing), an invalid record "
            + "(confirmation-record-invalid), an unknown provider (provider-unknown), items the provider may not "
            + "provide (items-not-allowed), no data receivable about the person: unknown, erased or opted out alike "
            + "(customer-unknown) or an invalid field (validation)")
    @PostMapping(value = "/api/v1/partner-data/receipts", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PartnerReceipts.Received> receive(@io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = PartnerReceiptBody.class))) @RequestBody byte[] raw,
            Authentication auth, HttpServletRequest request) {
        PartnerReceiptBody body = bodies.read(raw, request);
        String client = auth.getPrincipal() instanceof ApiClient apiClient ? apiClient.name() : "";
        PartnerReceipts.Outcome outcome = receipts.receive(Requests.actor(auth, request), client, body);
        return outcome.created() ? ResponseEntity.status(201).body(outcome.received())
                : ResponseEntity.ok(outcome.received());
    }

    @Operation(summary = "Register a provider", description = """
            Registers a partner that provides personal data to the issuer: who it is as its confirmation records \
            will name it (name, address, representative), the kinds of items it may provide, the published \
            purpose its data is received for, and the API client that sends for it. Idempotent on id: the same \
            entry again answers the registered one (200); a different entry under the id is refused (409). \
            Role: PRIVACY_OFFICER.""")
    @ApiResponse(responseCode = "201", description = "Registered")
    @ApiResponse(responseCode = "200", description = "Registered before with this entry")
    @ApiResponse(responseCode = "409", description = "A provider with this id has another entry (type conflict)")
    @PostMapping(value = "/api/v1/privacy/partner-providers", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PartnerProvider> register(@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = ProviderBody.class))) @RequestBody byte[] raw,
            Authentication auth, HttpServletRequest request) {
        ProviderBody body = providerBodies.read(raw, request);
        if (body == null) {
            throw RequestProblem.invalid("id", "required");
        }
        Set<PartnerItemKind> items = EnumSet.noneOf(PartnerItemKind.class);
        if (body.items() != null) {
            for (String item : body.items()) {
                items.add(Requests.oneOf(PartnerItemKind.class, item, "items"));
            }
        }
        Purpose purpose = body.purpose() == null ? null : Requests.oneOf(Purpose.class, body.purpose(), "purpose");
        boolean known = providers.find(body.id()).isPresent();
        PartnerProvider provider = providers.register(Requests.actor(auth, request), new PartnerProviders.NewProvider(
                body.id(), body.nameJa(), body.nameEn(), body.address(), body.representative(), items, purpose,
                body.apiClient()));
        return known ? ResponseEntity.ok(provider)
                : ResponseEntity.created(URI.create("/api/v1/privacy/partner-providers")).body(provider);
    }

    @Operation(summary = "List providers", description = "Every registered provider. Role: PRIVACY_OFFICER.")
    @GetMapping("/api/v1/privacy/partner-providers")
    List<PartnerProvider> providers() {
        return providers.list();
    }

    @Operation(summary = "List confirmation records", description = "The most recent confirmation records of data "
            + "received from partners, newest first (ids and words, never the data), each saying whether the data "
            + "it is about is still held. At most limit (1 to 1000, default 100). Role: PRIVACY_OFFICER.")
    @GetMapping("/api/v1/privacy/partner-receipts")
    List<ConfirmationRecord> records(@RequestParam(defaultValue = "100") int limit) {
        return receipts.recentRecords(limit);
    }
}
