package dev.anshin.support;

import java.util.Optional;

/** What the customer wants to talk about: a short list, so staff can prepare; the note says the rest. */
public enum SupportTopic {
    CARD_USAGE,
    UNRECOGNIZED_CHARGE,
    PAYMENT,
    PERSONAL_DATA,
    OTHER;

    static Optional<SupportTopic> named(String name) {
        for (SupportTopic topic : values()) {
            if (topic.name().equals(name)) {
                return Optional.of(topic);
            }
        }
        return Optional.empty();
    }
}
