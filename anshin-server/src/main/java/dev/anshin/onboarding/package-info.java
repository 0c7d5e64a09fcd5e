/**
 * Online card applications (issue 15; docs/onboarding.md): the applicant's path from the {@code /apply}
 * form or a partner's {@code POST /api/v1/applications}, through the device collector's evidence, eKYC
 * and the screening, to a decision by {@link dev.anshin.onboarding.ApplicationRiskPolicy} and a virtual
 * card usable at once, with the portal account set up in the same flow. The public API is
 * {@link dev.anshin.onboarding.Applications}; the lifecycle is one table,
 * {@link dev.anshin.onboarding.ApplicationTransitions}. Personal data goes to the privacy module's vault;
 * a crash between approval and issue is finished by the recovery job.
 */
@ApplicationModule(displayName = "Onboarding",
        allowedDependencies = {"privacy", "screening", "ekyc", "devices", "cards", "portal", "audit", "access", "keys",
                "notifications",
                "problems", "site"})
package dev.anshin.onboarding;

import org.springframework.modulith.ApplicationModule;
