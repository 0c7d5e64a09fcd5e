/**
 * Disputes of card transactions ("I don't recognize this charge"): the case lifecycle as an
 * explicit transition table, the card networks' fraud reason codes with their filing windows, and
 * the Visa Compelling Evidence 3.0 check an issuer runs before filing.
 */
@ApplicationModule(displayName = "Disputes", allowedDependencies = {"problems"})
package dev.anshin.disputes;

import org.springframework.modulith.ApplicationModule;
