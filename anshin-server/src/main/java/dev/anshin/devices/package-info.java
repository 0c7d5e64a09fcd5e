/**
 * Device identification: a first-party collector script, observations matched to known devices by
 * weighted fuzzy similarity over pseudonymized browser signals, links of devices to applications,
 * customers and confirmed frauds, and the device's reputation for onboarding and, later, scoring
 * (docs/devices.md). Device data is personal data: pseudonyms only, catalogued, disclosed and erased
 * through the privacy module's port for data held outside the vault.
 */
@ApplicationModule(displayName = "Devices",
        allowedDependencies = {"privacy", "keys", "problems", "access", "audit", "cards", "fraud", "site"})
package dev.anshin.devices;

import org.springframework.modulith.ApplicationModule;
