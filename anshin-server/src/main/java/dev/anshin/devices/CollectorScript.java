package dev.anshin.devices;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the collector script ({@code GET /device/collector.js}): first-party, from this origin, so
 * the pages' content security policy ({@code script-src 'self'}) allows it and no third party sees the
 * applicant. Cacheable for a day and revalidated by its ETag (a digest of its text), so a new version
 * reaches browsers within a day and unchanged ones cost a 304.
 */
@RestController
class CollectorScript {

    private static final MediaType JAVASCRIPT = new MediaType("text", "javascript", StandardCharsets.UTF_8);

    private final byte[] script;
    private final String etag;

    CollectorScript() {
        try (InputStream in = new ClassPathResource("device/collector.js").getInputStream()) {
            this.script = in.readAllBytes();
            this.etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(script), 0, 12) + "\"";
        } catch (IOException e) {
            throw new UncheckedIOException("the collector script is missing from the class path", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @GetMapping("/device/collector.js")
    ResponseEntity<byte[]> script(@RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
        CacheControl cache = CacheControl.maxAge(Duration.ofDays(1)).cachePublic();
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(304).eTag(etag).cacheControl(cache).build();
        }
        return ResponseEntity.ok().contentType(JAVASCRIPT).eTag(etag).cacheControl(cache).body(script);
    }
}
