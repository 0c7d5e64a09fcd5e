/** Card registry, PAN tokenization at the edge, and the PAN vault. */
@ApplicationModule(displayName = "Cards", allowedDependencies = {"problems", "keys", "audit"})
package dev.anshin.cards;

import org.springframework.modulith.ApplicationModule;
