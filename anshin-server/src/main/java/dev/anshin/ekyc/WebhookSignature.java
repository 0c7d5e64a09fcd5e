package dev.anshin.ekyc;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook's signature: header {@value #HEADER}{@code : t=<unix seconds>,v1=<hex>}, where the hex
 * is HMAC-SHA256, keyed with the secret's UTF-8 bytes, over {@code <t>.<raw body>} (the timestamp, a
 * full stop, then the body's bytes exactly as sent). Several {@code v1=} may be given (a vendor
 * signing with an old and a new secret while it rotates); one that matches any active secret is
 * enough. Comparisons take constant time. Shell equivalent in docs/ekyc.md.
 */
final class WebhookSignature {

    static final String HEADER = "Anshin-Signature";
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");
    /** More than this many signatures in one header is not a rotation but a guessing game. */
    private static final int MAX_SIGNATURES = 5;

    /** Why a signature was refused (or VALID). */
    enum Verdict {
        VALID, MISSING, MALFORMED, STALE, FUTURE, MISMATCH
    }

    private WebhookSignature() {
    }

    /** The header value a sender puts on {@code body} signed at {@code unixSeconds}. */
    static String header(byte[] secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(mac(secret, unixSeconds, body));
    }

    static byte[] mac(byte[] secret, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /**
     * Checks the header against the body: well formed, dated within {@code tolerance} before
     * {@code now} and {@code future} after it, and signed with one of {@code secrets}.
     */
    static Verdict verify(String header, byte[] body, List<byte[]> secrets, Instant now, Duration tolerance,
            Duration future) {
        if (header == null || header.isBlank()) {
            return Verdict.MISSING;
        }
        if (header.length() > 1_000) {
            return Verdict.MALFORMED;
        }
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return Verdict.MALFORMED;
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (key.equals("t")) {
                if (timestamp != null || !TIMESTAMP.matcher(value).matches()) {
                    return Verdict.MALFORMED;
                }
                timestamp = Long.parseLong(value);
            } else if (key.equals("v1")) {
                if (!HEX.matcher(value).matches() || signatures.size() == MAX_SIGNATURES) {
                    return Verdict.MALFORMED;
                }
                signatures.add(HexFormat.of().parseHex(value));
            }
            // Other schemes (v0, v2…) are ignored: a sender may add a newer one before Anshin knows it.
        }
        if (timestamp == null || signatures.isEmpty()) {
            return Verdict.MALFORMED;
        }
        Instant signedAt = Instant.ofEpochSecond(timestamp);
        if (signedAt.isBefore(now.minus(tolerance))) {
            return Verdict.STALE;
        }
        if (signedAt.isAfter(now.plus(future))) {
            return Verdict.FUTURE;
        }
        boolean match = false;
        for (byte[] secret : secrets) {
            byte[] expected = mac(secret, timestamp, body);
            for (byte[] given : signatures) {
                // Every pair is compared, in constant time each: how far a guess got is not told by the time.
                match |= MessageDigest.isEqual(expected, given);
            }
        }
        return match ? Verdict.VALID : Verdict.MISMATCH;
    }
}
