package dev.anshin.support;

/** How the customer is served: staff call them back, or they meet staff in a video call (sign language, lip reading, text). */
public enum SupportKind {
    CALL_BACK,
    VIDEO;

    static java.util.Optional<SupportKind> named(String name) {
        for (SupportKind kind : values()) {
            if (kind.name().equals(name)) {
                return java.util.Optional.of(kind);
            }
        }
        return java.util.Optional.empty();
    }
}
