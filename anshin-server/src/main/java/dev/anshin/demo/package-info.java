/**
 * Demo data and simulated live traffic for {@code ./anshin demo}: simulated cardholders, weeks of
 * history and a live stream, all sent through the public scoring API. Off unless
 * {@code anshin.demo.enabled=true}.
 */
@ApplicationModule(displayName = "Demo", allowedDependencies = {"access", "cards", "fraud"})
package dev.anshin.demo;

import org.springframework.modulith.ApplicationModule;
