/** Staff console. */
@ApplicationModule(displayName = "Staff console")
package dev.anshin.console;

import org.springframework.modulith.ApplicationModule;
