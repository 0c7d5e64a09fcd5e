/** Card registry (each card linked to its customer), PAN tokenization at the edge, and the PAN vault. */
@ApplicationModule(displayName = "Cards", allowedDependencies = {"problems", "keys", "audit", "privacy", "access", "site"})
package dev.anshin.cards;

import org.springframework.modulith.ApplicationModule;
