/** Staff console. */
@ApplicationModule(displayName = "Console", allowedDependencies = {"fraud", "cards"})
package dev.anshin.console;

import org.springframework.modulith.ApplicationModule;
