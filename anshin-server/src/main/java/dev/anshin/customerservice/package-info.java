/**
 * The customer-service screen ({@code /service}, role CUSTOMER_SERVICE): find the customer a caller
 * is (by customer id, by the issuer's customer number through the vault's keyed index, or by a
 * card's last four digits and the date of birth, compared inside the vault), see their cards
 * (masked), recent authorizations, dispute cases and data-subject requests, and act for the caller:
 * report a charge they do not recognize (the disputes module's intake, channel STAFF) or take in a
 * data-subject request. Personal data is read only through the privacy module's
 * {@code PersonalData}, for SERVICE_OPERATION; every search, view and action is audited.
 */
@ApplicationModule(displayName = "Customer service",
        allowedDependencies = {"privacy", "cards", "fraud", "disputes", "site", "access", "audit", "problems"})
package dev.anshin.customerservice;

import org.springframework.modulith.ApplicationModule;
