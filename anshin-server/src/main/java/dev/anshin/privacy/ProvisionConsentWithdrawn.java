package dev.anshin.privacy;

/** The person withdrew their consent to provision to one recipient; published in the withdrawal's transaction. */
record ProvisionConsentWithdrawn(String customerId, String recipient) {
}
