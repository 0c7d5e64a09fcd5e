/**
 * Statistics that identify no one (F13): reports defined as data, computed from purchases read only
 * through the privacy module for the STATISTICS purpose, each cardholder's contribution bounded,
 * every released value noised with exact discrete Laplace noise, cells below k suppressed on their
 * noisy count, and a privacy budget per dataset and period that refuses a release past its total.
 */
@ApplicationModule(displayName = "Statistics", allowedDependencies = {"privacy", "problems", "access", "audit", "site"})
package dev.anshin.statistics;

import org.springframework.modulith.ApplicationModule;
