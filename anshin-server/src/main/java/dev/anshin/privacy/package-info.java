/**
 * Personal data: the catalog of personal fields, purposes of use, the consent ledger, per-customer
 * encryption and crypto-shredding, and the one access path through which every read of personal
 * data names its actor, purpose and fields and is audited.
 */
@ApplicationModule(displayName = "Privacy", allowedDependencies = {"problems", "audit", "access", "keys", "site"})
package dev.anshin.privacy;

import org.springframework.modulith.ApplicationModule;
