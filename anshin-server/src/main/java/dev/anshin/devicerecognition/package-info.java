/**
 * Anshin's device identity in transaction scoring (issue 15 F3): answers the fraud module's
 * {@code DeviceRecognition} port from the devices module's public API (an observation reference →
 * the device → its reputation at the authorization's time). A module of its own because the devices
 * module depends on the fraud module (it hears confirmed frauds), so neither can call the other for this.
 */
@ApplicationModule(displayName = "Device recognition", allowedDependencies = {"fraud", "devices"})
package dev.anshin.devicerecognition;

import org.springframework.modulith.ApplicationModule;
