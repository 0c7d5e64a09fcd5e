/** RFC 9457 problem responses shared by every module. */
@ApplicationModule(displayName = "Problems", allowedDependencies = {})
package dev.anshin.problems;

import org.springframework.modulith.ApplicationModule;
