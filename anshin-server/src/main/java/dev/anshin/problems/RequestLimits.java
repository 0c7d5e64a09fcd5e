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
 * @param maxImportBodySize the largest upload of a call-center export ({@code POST /voice/imports}, multipart):
 *                        the page says 50 MB per file; the rest is room for the form's fields
 */
@ConfigurationProperties("anshin.requests")
record RequestLimits(@DefaultValue("64KB") DataSize maxPageBodySize, @DefaultValue("2048") int maxUrlLength,
        @DefaultValue("51MB") DataSize maxImportBodySize) {

    RequestLimits {
        if (maxUrlLength < 256) {
            throw new IllegalArgumentException("anshin.requests.max-url-length must be at least 256");
        }
    }
}
