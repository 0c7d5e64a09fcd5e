/**
 * Demo data and simulated live traffic for {@code ./anshin demo}: simulated cardholders (customers
 * with made-up personal data, each with a card), weeks of history and a live stream, all sent
 * through the public scoring API, and people applying for a card online (genuine and fraudulent) through
 * the application surfaces and the sandbox eKYC vendor, and customers giving feedback through every channel of the
 * voice of the customer, with its CX staff correcting and following up. Off unless {@code anshin.demo.enabled=true}.
 */
@ApplicationModule(displayName = "Demo", allowedDependencies = {"access", "cards", "fraud", "privacy", "portal", "disputes", "support", "problems", "keys", "onboarding", "ekyc", "screening", "notifications", "voice", "voice::analysis", "voice::workbench", "voice::review", "voice::imports"})
package dev.anshin.demo;

import org.springframework.modulith.ApplicationModule;
