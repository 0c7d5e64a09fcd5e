/** Access control: API keys, staff sign-in, roles. */
@ApplicationModule(displayName = "Access control: API keys, staff sign-in, roles")
package dev.anshin.access;

import org.springframework.modulith.ApplicationModule;
