package dev.anshin.access;

import java.time.Instant;
import java.util.Set;

/**
 * What may be shown of an API key: never the key or its hash.
 *
 * @param keyId      the public prefix of the key, e.g. {@code ank_Ab3dE6gH}
 * @param expiresAt  when it stops working; none for the keys the server makes at start (replaced at the next one)
 * @param lastUsedAt when it last authenticated a request (written to the minute, per instance); none if never
 * @param replacedBy the key that rotation made to replace it
 */
record ApiKey(String keyId, String name, Set<Role> roles, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
        Instant revokedAt, String replacedBy, ApiKeyStatus status) {
}
