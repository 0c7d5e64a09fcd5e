/**
 * eKYC (online identity verification under the Act on Prevention of Transfer of Criminal Proceeds,
 * ordinance art. 6(1)(i)): a verification is started at a vendor through the {@link
 * dev.anshin.ekyc.EkycProvider} port, the vendor reports its result by a signed webhook
 * ({@code POST /api/v1/ekyc/results}, HMAC-SHA256 over timestamp and body), the pure {@link
 * dev.anshin.ekyc.EkycPolicy} turns the result into PASSED, FAILED or REVIEW with reason codes (it
 * knows that the image method ホ is not accepted for non-face-to-face checks from 2027-04-01), and
 * {@link dev.anshin.ekyc.EkycConcluded} tells the rest of Anshin. Verifications move along {@link
 * dev.anshin.ekyc.EkycTransitions}. Only what the decision needs is kept: no image, no document
 * number. The sandbox provider (pages at {@code /sandbox/ekyc/**}) stands in for a real vendor in the
 * demo and the tests (docs/ekyc.md).
 */
@ApplicationModule(displayName = "eKYC", allowedDependencies = {"problems", "audit", "keys", "access", "site", "privacy"})
package dev.anshin.ekyc;

import org.springframework.modulith.ApplicationModule;
