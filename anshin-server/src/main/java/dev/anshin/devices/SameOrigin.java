package dev.anshin.devices;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether a request comes from this site's own pages. The observation endpoint takes no cookie and
 * changes no one's account, so a CSRF token would protect nothing; what matters is that another site's
 * page cannot make its visitors' browsers post observations here. Browsers say where a request comes
 * from ({@code Sec-Fetch-Site}, {@code Origin}); a JSON body cannot be sent across sites without a
 * CORS preflight, which this endpoint never grants. A client that sends neither header (not a browser)
 * is let through: it could forge them anyway, and the rate limit bounds it.
 */
final class SameOrigin {

    private SameOrigin() {
    }

    static boolean allows(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            // The browser's own word, right behind a TLS-terminating proxy too (no scheme or port to compare).
            return site.equals("same-origin") || site.equals("none");
        }
        String origin = request.getHeader("Origin");
        return origin == null || origin.equalsIgnoreCase(ownOrigin(request));
    }

    private static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = "http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443;
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }
}
