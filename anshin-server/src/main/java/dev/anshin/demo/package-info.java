/**
 * Demo data and simulated live traffic for {@code ./anshin demo}: simulated cardholders (customers
 * with made-up personal data, each with a card), weeks of history and a live stream, all sent
 * through the public scoring API. Off unless {@code anshin.demo.enabled=true}.
 */
@ApplicationModule(displayName = "Demo", allowedDependencies = {"access", "cards", "fraud", "privacy", "portal", "disputes", "support", "problems", "keys"})
package dev.anshin.demo;

import org.springframework.modulith.ApplicationModule;
