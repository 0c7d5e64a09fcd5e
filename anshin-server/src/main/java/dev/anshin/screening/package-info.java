/**
 * Screening that prevents over-indebtedness (F5, docs/screening.md): the Installment Sales Act's
 * payment capacity (支払可能見込額 = annual income − statutory living costs − annual credit
 * repayments; the revolving limit at most 0.9 × that), the Money Lending Business Act's total-volume
 * rule (総量規制) for cash advances, a credit-bureau port with a sandbox, a pure
 * {@link dev.anshin.screening.ScreeningPolicy} that approves, refers or declines with its figures
 * and reasons, {@link dev.anshin.screening.Screenings} that stores and audits each decision, and a
 * periodic re-screening of issued accounts that proposes limit reductions, which a credit officer
 * accepts or rejects on the module's staff pages ({@code /console/screening/…}) or its API twin.
 *
 * <p>The calculation ({@link dev.anshin.screening.PaymentCapacity}, {@link dev.anshin.screening.LivingCosts})
 * and the policy are plain Java, so the command line and the tests use them without Spring.
 */
@ApplicationModule(displayName = "Screening",
        allowedDependencies = {"audit", "fraud", "privacy", "problems", "access", "cards", "site"})
package dev.anshin.screening;

import org.springframework.modulith.ApplicationModule;
