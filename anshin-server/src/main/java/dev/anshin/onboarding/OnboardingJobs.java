package dev.anshin.onboarding;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The recovery job ({@link Applications#recover}, then the decision notices owed, {@link DecisionNotices}): once when the server is ready, so a crash between
 * approval and issue is finished before anyone asks, then every {@code anshin.onboarding.recovery-interval}.
 */
@Component
class OnboardingJobs {

    private static final Logger log = LoggerFactory.getLogger(OnboardingJobs.class);

    private final Applications applications;
    private final DecisionNotices notices;

    OnboardingJobs(Applications applications, DecisionNotices notices) {
        this.applications = applications;
        this.notices = notices;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        run();
    }

    @Scheduled(fixedDelayString = "${anshin.onboarding.recovery-interval:PT1M}", initialDelayString = "PT1M")
    void periodically() {
        run();
    }

    private void run() {
        try {
            Applications.Recovery done = applications.recover();
            if (done.finished() + done.retried() + done.referred() + done.abandoned() + done.tidied() > 0) {
                log.info("onboarding recovery: {} finished, {} retried, {} referred to staff, {} abandoned, "
                        + "{} declined tidied", done.finished(), done.retried(), done.referred(), done.abandoned(),
                        done.tidied());
            }
        } catch (RuntimeException e) {
            log.warn("onboarding recovery failed ({}); tried again at the next run", e.getClass().getSimpleName());
        }
        try {
            int sent = notices.sendOwed();
            if (sent > 0) {
                log.info("onboarding: {} decision notices sent to applicants", sent);
            }
        } catch (RuntimeException e) {
            log.warn("onboarding decision notices failed ({}); tried again at the next run", e.getClass().getSimpleName());
        }
    }
}
