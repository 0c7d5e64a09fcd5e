/** Card registry and PAN tokenization. */
@ApplicationModule(displayName = "Card registry and PAN tokenization")
package dev.anshin.cards;

import org.springframework.modulith.ApplicationModule;
