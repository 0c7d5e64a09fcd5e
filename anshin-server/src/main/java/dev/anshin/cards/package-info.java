/** Card registry and PAN tokenization. */
@ApplicationModule(displayName = "Cards")
package dev.anshin.cards;

import org.springframework.modulith.ApplicationModule;
