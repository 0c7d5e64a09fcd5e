package dev.anshin.onboarding;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of evidence a referral rests on, as the review queue filters and charts them: the identity
 * check, the device, the screening, duplicates of another application; {@link #OTHER} for a referral
 * after repeated technical errors.
 */
enum ReasonKind {
    IDENTITY, DEVICE, SCREENING, DUPLICATE, OTHER;

    /** The kind of one reason. */
    static ReasonKind of(RiskReason reason) {
        String name = reason.name();
        if (name.startsWith("IDENTITY_")) {
            return IDENTITY;
        }
        if (name.startsWith("DEVICE_") || reason == RiskReason.NO_DEVICE_EVIDENCE) {
            return DEVICE;
        }
        if (name.startsWith("SCREENING_")) {
            return SCREENING;
        }
        if (name.startsWith("DUPLICATE_") || reason == RiskReason.SAME_PERSON_ACTIVE) {
            return DUPLICATE;
        }
        return OTHER;
    }

    /**
     * The reasons that sent the application to staff (notes and fraud signals below the cut left out), in the
     * policy's order.
     */
    static List<RiskReason> referring(Application application) {
        return application.decision() == null ? List.of() : application.decision().referring();
    }

    /** The kind of the first referring reason; {@link #OTHER} when none (referred after technical errors). */
    static ReasonKind main(Application application) {
        List<RiskReason> reasons = referring(application);
        return reasons.isEmpty() ? OTHER : of(reasons.get(0));
    }

    /** Whether any referring reason is of this kind (OTHER: none at all). */
    boolean covers(Application application) {
        List<RiskReason> reasons = referring(application);
        if (this == OTHER) {
            return reasons.isEmpty() || reasons.stream().anyMatch(r -> of(r) == OTHER);
        }
        return reasons.stream().anyMatch(r -> of(r) == this);
    }

    /** The filter's value ({@code identity}, {@code device}…). */
    String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ReasonKind> ofValue(String value) {
        for (ReasonKind kind : values()) {
            if (kind.value().equals(value)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    String messageKey() {
        return "onboarding.console.kind." + name();
    }

    /** The short words, for the chart's labels. */
    String shortMessageKey() {
        return "onboarding.console.kind.short." + name();
    }
}
