/**
 * The cardholder portal: enrollment with a one-time activation code, sign-in with a password and a
 * TOTP code (lockout after repeated failures), and the personal-data settings page where cardholders
 * see what is held about them and why, switch optional purposes off and on and provision to each
 * recipient on and off, and "my requests", where they ask for disclosure, correction, stop of use or
 * deletion and follow each to its deadline, and "I don't recognize this charge": a report of their
 * own charges, followed live to its outcome on a status page. Cardholders are not
 * staff: their own accounts, their own filter chain, their own session key. Personal data is reached
 * only through the privacy module's {@code PersonalData}, as the cardholder themself.
 */
@ApplicationModule(displayName = "Cardholder portal",
        allowedDependencies = {"privacy", "access", "audit", "keys", "problems", "disputes", "fraud", "cards", "site"})
package dev.anshin.portal;

import org.springframework.modulith.ApplicationModule;
