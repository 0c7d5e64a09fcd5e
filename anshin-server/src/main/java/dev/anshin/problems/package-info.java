/** RFC 9457 problem responses shared by every module. */
@ApplicationModule(displayName = "RFC 9457 problem responses shared by every module")
package dev.anshin.problems;

import org.springframework.modulith.ApplicationModule;
