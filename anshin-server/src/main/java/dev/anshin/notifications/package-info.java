/**
 * Cardholder usage notifications (issue 4): every authorization on a cardholder's cards goes to an
 * outbox, written in the same transaction as the authorization, from which a dispatcher hands it to
 * the issuer's e-mail/push sender ({@link dev.anshin.notifications.NotificationSender}: none by default,
 * and then nothing is sent; a logging sandbox sender in the demo and tests), and to the portal's live
 * "card usage" page within a second. The merchant is shown as the brand people recognize (the disputes module's merchant directory) next
 * to the raw descriptor. Fraud does not know this module: it calls it through its
 * {@code DecisionsIndexedListener}.
 */
@ApplicationModule(displayName = "Usage notifications",
        allowedDependencies = {"fraud", "cards", "disputes", "portal", "privacy", "site", "access"})
package dev.anshin.notifications;

import org.springframework.modulith.ApplicationModule;
