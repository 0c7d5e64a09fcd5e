/** Access control: API keys, staff sign-in, roles. */
@ApplicationModule(displayName = "Access")
package dev.anshin.access;

import org.springframework.modulith.ApplicationModule;
