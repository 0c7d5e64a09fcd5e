package dev.anshin.privacy;

import java.time.Instant;

/**
 * A customer's personal data was erased. Published inside the erasure's transaction, so modules
 * holding data about the customer elsewhere (the PAN vault) destroy it atomically with the key.
 */
public record CustomerErased(String customerId, Instant erasedAt) {
}
