/**
 * Backup and restore (ADR 0009): the database and the decision log as one consistent pair, taken
 * while the server runs ({@code POST /api/v1/backups}, streamed as one archive with a manifest and
 * checksums) or offline; the key files backed up apart; a restore that checks the archive, refuses
 * to overwrite, and replays the erasure journal so no erased customer comes back.
 */
@ApplicationModule(displayName = "Backup", allowedDependencies = {"fraud", "privacy", "audit", "keys", "problems"})
package dev.anshin.backup;

import org.springframework.modulith.ApplicationModule;
