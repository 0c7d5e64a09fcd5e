/** Card registry and PAN tokenization. */
@ApplicationModule(displayName = "Cards", allowedDependencies = {"problems", "keys"})
package dev.anshin.cards;

import org.springframework.modulith.ApplicationModule;
