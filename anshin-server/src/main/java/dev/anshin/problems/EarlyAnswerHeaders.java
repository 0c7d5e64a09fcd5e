package dev.anshin.problems;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;

/**
 * The security headers of an answer written before Spring Security's filters run. The URL and body
 * limits (414, 413, 400) and the check of parameters (422) refuse a request before it reaches those
 * filters, which set the headers of every other answer; so they set them here themselves: the API's
 * strict policy whatever the door (what they write is a problem or a line of text, never a document
 * that loads anything), no referrer, no sniffing, no framing, no caching, and HSTS on the same rule.
 * The values are those of {@code access.SecurityHeaders} for the API; SecurityHeadersIntegrationTest
 * keeps them equal.
 */
public final class EarlyAnswerHeaders {

    /** Nothing may load from the answer or frame it. */
    static final String POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private EarlyAnswerHeaders() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-XSS-Protection", "0");
        response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Expires", "0");
        if (hstsApplies(request)) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
        }
    }

    /**
     * Whether an answer promises HTTPS-only: on HTTPS (behind a proxy, once its forwarded headers are
     * trusted), and not to a loopback name, where a browser that remembered it would refuse the
     * plain-HTTP demo on the same machine.
     */
    public static boolean hstsApplies(HttpServletRequest request) {
        if (!request.isSecure()) {
            return false;
        }
        String host = request.getServerName().toLowerCase(Locale.ROOT);
        return !(host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
                || host.equals("[::1]") || host.equals("::1"));
    }
}
