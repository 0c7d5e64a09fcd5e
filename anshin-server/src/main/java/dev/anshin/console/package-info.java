/** Staff console. */
@ApplicationModule(displayName = "Console")
package dev.anshin.console;

import org.springframework.modulith.ApplicationModule;
