/** Fraud scoring: authorizations, labels, rules, model registry. */
@ApplicationModule(displayName = "Fraud", allowedDependencies = {"cards", "problems", "keys", "privacy", "site"})
package dev.anshin.fraud;

import org.springframework.modulith.ApplicationModule;
