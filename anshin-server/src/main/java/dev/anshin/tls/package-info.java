/**
 * Transport security: the server speaks HTTPS unless told not to (the demo, or behind a
 * TLS-terminating proxy), with the operator's certificate or, when none is configured, a
 * self-signed one made at first start and kept in the keys directory; TLS 1.2 and 1.3 with strong
 * cipher suites only, whichever certificate. Plain HTTP binds to the loopback address unless an
 * address is given. See docs/tls.md.
 */
@ApplicationModule(displayName = "TLS", allowedDependencies = {"keys"})
package dev.anshin.tls;

import org.springframework.modulith.ApplicationModule;
