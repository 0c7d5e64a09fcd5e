/** Card registry and PAN tokenization. */
@ApplicationModule(displayName = "Cards", allowedDependencies = {"problems"})
package dev.anshin.cards;

import org.springframework.modulith.ApplicationModule;
