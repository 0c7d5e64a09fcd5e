package dev.anshin.voice.analysis;

import java.util.Map;
import java.util.Objects;

/**
 * A text with its personal details masked, and how many of each kind were masked.
 *
 * @param text the redacted text (what staff see and the model reads)
 * @param counts how many of each {@link Mask} were applied; masks not applied are absent
 */
public record Redaction(String text, Map<Mask, Integer> counts) {

    public Redaction {
        Objects.requireNonNull(text, "text");
        counts = Map.copyOf(counts);
    }

    /** Whether anything was masked. */
    public boolean masked() {
        return !counts.isEmpty();
    }

    /** How many of one kind were masked. */
    public int count(Mask mask) {
        return counts.getOrDefault(mask, 0);
    }
}
