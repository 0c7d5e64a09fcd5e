/**
 * Key files: Tink keysets given in the environment or kept in owner-only files outside the
 * database, created on first run and replaced atomically. Shared by the modules that hold keys
 * (card tokens, the personal-data vault, the audit log, the TLS key). And the owner-only data
 * directory: folders 0700 and files 0600 for everything Anshin keeps on disk (database, decision
 * log, keys, certificate).
 */
@ApplicationModule(displayName = "Keys", allowedDependencies = {})
package dev.anshin.keys;

import org.springframework.modulith.ApplicationModule;
