package dev.anshin.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Says once (WARN) that requests arrive through a proxy whose forwarded headers are ignored: with
 * {@code server.forward-headers-strategy} none, every rate limit per address ({@link AddressLimit}: the
 * application pages' starts and setup-link answers, the device collector, the API's buckets) counts the
 * proxy's address, so all clients behind it share one budget. Names the setting and docs/tls.md, never the
 * forwarded address (a client's, personal data). Nothing changes for the request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ForwardedHeadersWarning extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ForwardedHeadersWarning.class);

    private final boolean ignored;
    private final AtomicBoolean said = new AtomicBoolean();

    ForwardedHeadersWarning(Environment environment) {
        this.ignored = ignoresForwardedHeaders(environment);
    }

    /** As Boot decides: none when set so, or when unset on a platform that does not forward (not Cloud Foundry…). */
    static boolean ignoresForwardedHeaders(Environment environment) {
        String strategy = environment.getProperty("server.forward-headers-strategy");
        if (strategy == null || strategy.isBlank()) {
            CloudPlatform platform = CloudPlatform.getActive(environment);
            return platform == null || !platform.isUsingForwardHeaders();
        }
        return "none".equalsIgnoreCase(strategy.strip());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (ignored && !said.get() && request.getHeader("X-Forwarded-For") != null && said.compareAndSet(false, true)) {
            log.warn("Requests arrive with X-Forwarded-For, but server.forward-headers-strategy is none: Anshin sees "
                    + "the proxy's address, so every client behind it shares one rate limit per address (e.g. "
                    + "application starts). Behind a reverse proxy set server.forward-headers-strategy=native and "
                    + "server.tomcat.remoteip.internal-proxies to the proxy (docs/tls.md). Said once.");
        }
        chain.doFilter(request, response);
    }
}
