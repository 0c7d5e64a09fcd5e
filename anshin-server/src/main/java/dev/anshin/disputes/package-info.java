/**
 * Disputes of card transactions ("I don't recognize this charge"): a cardholder's report opens one
 * case per transaction, the automatic investigation weighs the evidence (the score at authorization,
 * device and location against the cardholder's history, the merchant directory, renewals, Visa
 * Compelling Evidence 3.0, other cards' frauds at the same terminal or merchant) and decides, and a
 * fraud decision blocks and replaces the card, credits the cardholder, teaches the scoring engine
 * and files the chargeback with the network's reason code. Cases move only along an explicit
 * transition table; analysts work the rest from a queue by deadline, in the staff case console
 * ({@code /console/disputes}). Converging reports flag points of compromise, whose exposed cards an
 * analyst may block from {@code /console/compromised-points}.
 */
@ApplicationModule(displayName = "Disputes",
        allowedDependencies = {"problems", "fraud", "cards", "audit", "privacy", "access", "site"})
package dev.anshin.disputes;

import org.springframework.modulith.ApplicationModule;
