package dev.anshin.access;

import jakarta.servlet.http.HttpServletRequest;
import dev.anshin.problems.EarlyAnswerHeaders;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The response headers of every door (API, API reference, staff console, cardholder portal), said once. On top of
 * Spring Security's defaults, which stay: {@code X-Content-Type-Options: nosniff} and
 * {@code Cache-Control: no-cache, no-store, max-age=0, must-revalidate} (every page may show
 * personal data). {@code Strict-Transport-Security: max-age=31536000 ; includeSubDomains} goes
 * with HTTPS answers only (a plain-HTTP answer cannot promise HTTPS; behind a proxy the request
 * counts as HTTPS once forwarded headers are trusted), and not to a loopback name: a browser that
 * remembered HTTPS-only for {@code localhost} would refuse the plain-HTTP demo on the same machine.
 */
public final class SecurityHeaders {

    /**
     * Pages: scripts, styles, images, fetches and the live event stream from this origin only, no
     * inline script or style (the stylesheet is /assets/anshin.css, the scripts under /console/assets and
     * /portal/assets),
     * QR codes as data: images, forms posting here only, never framed.
     */
    public static final String PAGE_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /**
     * The API reference (Swagger UI, at /api-docs): the pages' policy, but styles may also be inline,
     * because Swagger UI's bundle writes style elements as it draws (refused under {@code style-src
     * 'self'}, as ApiReferenceBrowserIntegrationTest saw). Scripts stay this origin's only, and the
     * reference shows no data; every other page keeps {@link #PAGE_POLICY}.
     */
    public static final String API_REFERENCE_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /**
     * The API answers data, never a document: nothing may load from it or frame it. (Also what the
     * size limits' refusals carry, written before these filters: {@code EarlyAnswerHeaders}.)
     */
    public static final String API_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    /** For the console, the privacy pages and the portal. */
    public static Customizer<HeadersConfigurer<HttpSecurity>> forPages() {
        return headers(PAGE_POLICY);
    }

    /** For the API reference (Swagger UI) and the OpenAPI document it reads. */
    public static Customizer<HeadersConfigurer<HttpSecurity>> forApiReference() {
        return headers(API_REFERENCE_POLICY);
    }

    /** For /api/**. */
    public static Customizer<HeadersConfigurer<HttpSecurity>> forApi() {
        return headers(API_POLICY);
    }

    private static Customizer<HeadersConfigurer<HttpSecurity>> headers(String contentSecurityPolicy) {
        return headers -> headers
                .httpStrictTransportSecurity(hsts -> hsts.requestMatcher(SecurityHeaders::hstsApplies))
                .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy))
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER));
    }

    /** One rule for every answer, also those written before these headers (the size limits'). */
    static boolean hstsApplies(HttpServletRequest request) {
        return EarlyAnswerHeaders.hstsApplies(request);
    }
}
