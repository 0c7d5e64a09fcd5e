/**
 * The customer-service screen ({@code /service}, role CUSTOMER_SERVICE): find the customer a caller
 * is (by customer id, by the issuer's customer number through the vault's keyed index, or by a
 * card's last four digits and the date of birth: the dates of birth of at most 20 customers holding
 * such a card are decrypted inside the privacy module and compared there, never shown), see their cards
 * (masked), recent authorizations, dispute cases and data-subject requests, and act for the caller:
 * report a charge they do not recognize (the disputes module's intake, channel STAFF) or take in a
 * data-subject request. Personal data is read only through the privacy module's
 * {@code PersonalData}, for SERVICE_OPERATION; every search that looks someone up, every view and
 * every action is audited (a search refused for malformed input looks nothing up and is not). Searches
 * are POSTs with CSRF, so no personal value is ever part of an address.
 */
@ApplicationModule(displayName = "Customer service",
        allowedDependencies = {"privacy", "cards", "fraud", "disputes", "site", "access", "audit", "problems"})
package dev.anshin.customerservice;

import org.springframework.modulith.ApplicationModule;
