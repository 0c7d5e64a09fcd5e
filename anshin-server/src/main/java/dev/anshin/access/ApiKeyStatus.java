package dev.anshin.access;

import java.time.Instant;

/**
 * Where an API key stands. A key is issued ACTIVE; rotation makes it ROTATING (still valid, until
 * the overlap ends); it ends EXPIRED (its expiry passed, or its overlap ended) or REVOKED. Only
 * ACTIVE and ROTATING keys authenticate.
 */
enum ApiKeyStatus {
    ACTIVE, ROTATING, EXPIRED, REVOKED;

    static ApiKeyStatus of(boolean enabled, Instant expiresAt, String replacedBy, Instant now) {
        if (!enabled) {
            return REVOKED;
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return EXPIRED;
        }
        return replacedBy != null ? ROTATING : ACTIVE;
    }

    boolean valid() {
        return this == ACTIVE || this == ROTATING;
    }
}
