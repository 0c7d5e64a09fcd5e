/** Fraud scoring: authorizations, labels, rules, model registry. */
@ApplicationModule(displayName = "Fraud scoring: authorizations, labels, rules, model registry")
package dev.anshin.fraud;

import org.springframework.modulith.ApplicationModule;
