package dev.anshin.problems;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The stable problem types Anshin answers with (RFC 9457). Clients switch on the {@code type} URI,
 * so a type is never renamed; add a new one instead.
 */
public enum ProblemType {
    MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request body"),
    VALIDATION("validation", HttpStatus.UNPROCESSABLE_CONTENT, "Invalid request"),
    UNKNOWN_CARD("unknown-card", HttpStatus.UNPROCESSABLE_CONTENT, "Unknown card"),
    UNKNOWN_AUTHORIZATION("unknown-authorization", HttpStatus.UNPROCESSABLE_CONTENT, "Unknown authorization"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    CONFLICT("conflict", HttpStatus.CONFLICT, "Conflicting request"),
    ALREADY_DISPUTED("already-disputed", HttpStatus.CONFLICT, "The transaction is already disputed"),
    NOT_DISPUTABLE("not-disputable", HttpStatus.UNPROCESSABLE_CONTENT, "The transaction cannot be disputed"),
    ILLEGAL_TRANSITION("illegal-transition", HttpStatus.CONFLICT, "Not possible in the case's current state"),
    /** A training window whose stored authorizations are not both fraud and genuine: no model can be fitted. */
    NOTHING_TO_LEARN("nothing-to-learn", HttpStatus.UNPROCESSABLE_CONTENT, "Nothing to train a model on"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Authentication required"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed for this client"),
    API_KEY_EXPIRED("api-key-expired", HttpStatus.UNAUTHORIZED, "API key expired"),
    API_KEY_REVOKED("api-key-revoked", HttpStatus.UNAUTHORIZED, "API key revoked"),
    RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    URI_TOO_LONG("uri-too-long", HttpStatus.URI_TOO_LONG, "Request URI too long"),
    /**
     * The request could not be parsed at all: a URL with {@code %00}, an invalid percent-encoding or
     * invalid UTF-8 (refused by the container before any of Anshin runs).
     */
    MALFORMED_URL("malformed-url", HttpStatus.BAD_REQUEST, "Malformed request URL"),
    /** A query parameter of a page or a list has a value it does not take (a filter not in its list); names it. */
    INVALID_PARAMETER("invalid-parameter", HttpStatus.BAD_REQUEST, "Invalid query parameter"),
    PURPOSE_NOT_ALLOWED("purpose-not-allowed", HttpStatus.FORBIDDEN, "Purpose does not allow this data"),
    CONSENT_WITHDRAWN("consent-withdrawn", HttpStatus.FORBIDDEN, "The person has opted out of this purpose"),
    CONSENT_REQUIRED("consent-required", HttpStatus.FORBIDDEN, "The person has not given the prior consent this needs"),
    ERASED("erased", HttpStatus.GONE, "The person's data has been erased"),
    EXPORT_EXPIRED("export-expired", HttpStatus.GONE, "The export is no longer kept"),
    UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable"),
    /**
     * Refused by the admission stage before any work was done (nothing scored, nothing stored): the
     * server as a whole is over capacity, every client alike (the per-client rate limit is
     * {@link #RATE_LIMITED}, also 429). 429 with {@code Retry-After} rather than 503: Tomcat closes
     * the connection after every 503, so shedding with 503 would make each refused client reconnect
     * (and shake hands again over TLS) just when the server has the least to spare. 503 stays for
     * outages ({@link #UNAVAILABLE}). The type, not the status, tells the refusals apart.
     */
    OVERLOADED("overloaded", HttpStatus.TOO_MANY_REQUESTS, "Server overloaded"),
    /**
     * A vendor's webhook (eKYC results) without a valid signature: missing, malformed, signed with no
     * active secret, or dated outside the tolerance (a replay). Nothing was read or stored.
     */
    WEBHOOK_SIGNATURE("webhook-signature", HttpStatus.UNAUTHORIZED, "Missing or invalid webhook signature"),
    /**
     * A provision approved by the privacy officer who asked for it: a second officer approves (four-eyes).
     * Nothing was provided.
     */
    FOUR_EYES("four-eyes", HttpStatus.FORBIDDEN, "A second person must approve"),
    /** A provision request that waited longer than its approval window: ask again. Nothing was provided. */
    APPROVAL_EXPIRED("approval-expired", HttpStatus.GONE, "The request expired before it was approved"),
    /** Data from a partner sent without its confirmation record (確認記録, APPI Art. 30): nothing stored. */
    CONFIRMATION_RECORD_MISSING("confirmation-record-missing", HttpStatus.UNPROCESSABLE_CONTENT,
            "The confirmation record is missing"),
    /** A confirmation record with a missing or impossible field, each named: nothing stored. */
    CONFIRMATION_RECORD_INVALID("confirmation-record-invalid", HttpStatus.UNPROCESSABLE_CONTENT,
            "The confirmation record is invalid"),
    /** A provider not registered, or not one this client sends for: nothing stored. */
    PROVIDER_UNKNOWN("provider-unknown", HttpStatus.UNPROCESSABLE_CONTENT, "Unknown provider"),
    /** Items of a kind the provider is not registered to provide: nothing stored. */
    ITEMS_NOT_ALLOWED("items-not-allowed", HttpStatus.UNPROCESSABLE_CONTENT,
            "The provider may not provide these items"),
    /** No customer held under this customer number (never registered, or erased): nothing stored. */
    CUSTOMER_UNKNOWN("customer-unknown", HttpStatus.UNPROCESSABLE_CONTENT, "Unknown customer"),
    /**
     * A statistics release that would spend more privacy budget (ε) than its dataset and period have
     * left: nothing was computed or released; the problem names the period.
     */
    PRIVACY_BUDGET_EXHAUSTED("privacy-budget-exhausted", HttpStatus.CONFLICT, "Privacy budget exhausted"),
    /** A voice with no words, or only spaces (issue 17): nothing stored; the problem names the field. */
    VOICE_EMPTY_TEXT("voice-empty-text", HttpStatus.UNPROCESSABLE_CONTENT, "The voice has no text"),
    /** A voice longer than the intake takes (2,000 characters): nothing stored; the problem names the field. */
    VOICE_TEXT_TOO_LONG("voice-text-too-long", HttpStatus.UNPROCESSABLE_CONTENT, "The voice's text is too long"),
    /** A voice through a channel Anshin does not know: nothing stored. */
    VOICE_UNKNOWN_CHANNEL("voice-unknown-channel", HttpStatus.UNPROCESSABLE_CONTENT, "Unknown channel"),
    /** A voice naming a customer id that is not a customer: nothing stored. */
    VOICE_UNKNOWN_CUSTOMER("voice-unknown-customer", HttpStatus.UNPROCESSABLE_CONTENT, "Unknown customer"),
    /** A voice naming an erased customer: nothing more is recorded about them; nothing stored. */
    VOICE_CUSTOMER_ERASED("voice-customer-erased", HttpStatus.UNPROCESSABLE_CONTENT, "The customer has been erased"),
    /** A voice received later than now (beyond five minutes of clock skew): nothing stored. */
    VOICE_RECEIVED_IN_FUTURE("voice-received-in-future", HttpStatus.UNPROCESSABLE_CONTENT,
            "The voice is dated in the future"),
    /** A voice id (idempotency key) sent before with another voice: nothing stored, the first voice stands. */
    VOICE_KEY_REUSED("voice-key-reused", HttpStatus.CONFLICT, "The voice id was used for another voice"),
    INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    private static final String BASE = "https://anshin.dev/problems/";

    private final URI type;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.type = URI.create(BASE + slug);
        this.status = status;
        this.title = title;
    }

    public URI type() {
        return type;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
