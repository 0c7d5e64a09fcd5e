/** Staff console. */
@ApplicationModule(displayName = "Console", allowedDependencies = {"fraud", "cards", "site"})
package dev.anshin.console;

import org.springframework.modulith.ApplicationModule;
