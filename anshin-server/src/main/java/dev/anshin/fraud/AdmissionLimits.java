package dev.anshin.fraud;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.autoconfigure.TomcatServerProperties;
import org.springframework.stereotype.Component;

/**
 * Keeps Tomcat's own queues from undoing the admission stage. An authorization waiting for a
 * scoring slot holds a request thread; if Tomcat had fewer threads than the admission stage may
 * hold, the surplus would wait in Tomcat's executor queue instead, where no deadline applies. So
 * the start fails unless {@code server.tomcat.threads.max} leaves room for the admission stage
 * and a reserve for every other endpoint (the settings that go with it are in
 * application.properties and docs/operations.md).
 */
@Component
class AdmissionLimits {

    /** Threads left for the console, the other APIs and refusals being written. */
    static final int RESERVE = 32;

    AdmissionLimits(FraudProperties properties, ObjectProvider<TomcatServerProperties> tomcat) {
        FraudProperties.AdmissionSettings admission = properties.admission();
        TomcatServerProperties server = tomcat.getIfAvailable();
        if (!admission.enabled() || server == null) {
            return;
        }
        int rulesOnly = admission.whenOverloaded() == FraudProperties.Overload.RULES_ONLY
                ? admission.rulesOnlyConcurrent() : 0;
        int needed = admission.maxConcurrent() + admission.maxWaiting() + rulesOnly + RESERVE;
        int threads = server.getThreads().getMax();
        if (threads < needed) {
            throw new IllegalStateException("server.tomcat.threads.max=" + threads + " is below what the admission "
                    + "stage may hold (max-concurrent + max-waiting + rules-only-concurrent) plus " + RESERVE
                    + " for the other endpoints: " + needed + ". Raise it, or lower anshin.fraud.admission.*, or "
                    + "authorizations would queue in Tomcat past their deadline.");
        }
    }
}
