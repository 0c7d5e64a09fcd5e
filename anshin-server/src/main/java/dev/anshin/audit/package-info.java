/**
 * Tamper-evident, append-only audit log (PCI DSS 10, APPI): who did what, when, for which purpose,
 * with which result and from where. Every entry is sealed with a keyed hash (HMAC-SHA256) over its
 * contents and the previous entry's hash, so altering, removing or reordering entries shows up in
 * {@link dev.anshin.audit.AuditVerifier}. Other modules call {@link dev.anshin.audit.AuditLog};
 * failed sign-ins, refused requests and admin actions are recorded here without those modules
 * knowing (ADR 0006).
 */
@ApplicationModule(displayName = "Audit", allowedDependencies = {"problems", "keys"})
package dev.anshin.audit;

import org.springframework.modulith.ApplicationModule;
