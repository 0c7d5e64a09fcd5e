package dev.anshin.access;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits per client and per address (docs/configuration.md, "Limits"). Each is a
 * {@link RateLimit}: {@code 200/s}, {@code 10/min burst 20}, or {@code off}. The defaults stay out of
 * the way of the demo's traffic and of {@code anshin loadtest} (which reaches about 16,000
 * authorizations and 32,000 pings a second from one key on one address on 2 cores).
 *
 * @param apiScoringPerKey      the scoring path (POST /api/v1/authorizations, POST /api/v1/fraud-labels,
 *                              GET /api/v1/ping) per API key: an issuer may legitimately send thousands a second
 * @param apiScoringPerAddress  the same per remote address, whatever the key
 * @param apiOtherPerKey        every other API request per API key
 * @param apiOtherPerAddress    every other API request per remote address
 * @param apiRefusalsPerAddress wrong, expired or revoked API keys per remote address; past it the
 *                              address gets 429 instead of 401 for a wrong key (a key is looked up first,
 *                              so a valid one from it still works)
 * @param signInPerAddress      failed sign-in steps per remote address, staff and cardholders apart
 *                              (a successful step gives its token back)
 * @param signInPerName         failed sign-ins per user name typed, known or not
 * @param maxTrackedSubjects    most buckets each limit keeps: about 800 bytes each (measured with 1,000,000
 *                              addresses), so at most about 16 MB per limit however many addresses or names come
 */
@ConfigurationProperties("anshin.limits")
record LimitProperties(
        @DefaultValue("50000/s") RateLimit apiScoringPerKey,
        @DefaultValue("50000/s") RateLimit apiScoringPerAddress,
        @DefaultValue("200/s burst 400") RateLimit apiOtherPerKey,
        @DefaultValue("500/s burst 1000") RateLimit apiOtherPerAddress,
        @DefaultValue("10/s burst 20") RateLimit apiRefusalsPerAddress,
        @DefaultValue("30/min burst 30") RateLimit signInPerAddress,
        @DefaultValue("10/min burst 10") RateLimit signInPerName,
        @DefaultValue("20000") int maxTrackedSubjects) {

    LimitProperties {
        if (maxTrackedSubjects < 100) {
            throw new IllegalArgumentException("anshin.limits.max-tracked-subjects must be at least 100");
        }
    }
}
