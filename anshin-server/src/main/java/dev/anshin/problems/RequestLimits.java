package dev.anshin.problems;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of every request, besides the API's own ({@code anshin.api.*}) and the container's
 * ({@code server.max-http-request-header-size}, {@code server.tomcat.*}).
 *
 * @param maxPageBodySize the largest body outside the API: the console's, privacy pages' and portal's form posts
 * @param maxUrlLength    the longest URL, path and query together, in characters
 */
@ConfigurationProperties("anshin.requests")
record RequestLimits(@DefaultValue("64KB") DataSize maxPageBodySize, @DefaultValue("2048") int maxUrlLength) {

    RequestLimits {
        if (maxUrlLength < 256) {
            throw new IllegalArgumentException("anshin.requests.max-url-length must be at least 256");
        }
    }
}
