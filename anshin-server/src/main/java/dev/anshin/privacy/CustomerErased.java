package dev.anshin.privacy;

/**
 * A customer's personal data was erased. Published inside the erasure's transaction, so a module
 * that keeps something about the customer outside the vault (the portal's sign-in account) removes
 * it in the same commit, or the erasure does not happen.
 */
public record CustomerErased(String customerId) {
}
