/**
 * RFC 9457 problem responses shared by every module, and the rules of input every module applies the
 * same way: strict JSON reading, the check of outside text ({@code FreeText}) and the Luhn check.
 */
@ApplicationModule(displayName = "Problems", allowedDependencies = {})
package dev.anshin.problems;

import org.springframework.modulith.ApplicationModule;
