/** Access control: API keys, staff sign-in, roles. */
@ApplicationModule(displayName = "Access", allowedDependencies = {"problems", "audit"})
package dev.anshin.access;

import org.springframework.modulith.ApplicationModule;
