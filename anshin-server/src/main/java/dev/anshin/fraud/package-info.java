/** Fraud scoring: authorizations, labels, rules, model registry. */
@ApplicationModule(displayName = "Fraud")
package dev.anshin.fraud;

import org.springframework.modulith.ApplicationModule;
