package dev.anshin.privacy;

/**
 * Where a provision request stands: asked for and waiting for a second privacy officer (PENDING), approved
 * (the provision was made), rejected, or expired (nobody approved it in time). Only a PENDING request
 * moves, once.
 */
public enum ProvisionRequestStatus {
    PENDING, APPROVED, REJECTED, EXPIRED
}
