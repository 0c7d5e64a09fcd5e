package dev.anshin.privacy;

import java.util.List;

/**
 * A disclosure as the readable page shows it (the fragment {@code privacy/disclosure :: sections}):
 * one section per kind of data, each with its count; its first rows shown, the rest in numbered chunks
 * behind a summary each, so a long history stays usable on a phone while every item stays on the page.
 */
public record DisclosureView(String customerId, String producedAt, List<Section> sections) {

    /** {@code entry}: the catalog entry of another module's data, null for the vault's own sections. */
    public record Section(String id, String entry, String title, int count, List<Row> first, List<Chunk> more) {
    }

    /** Rows {@code from} to {@code to} (counted from 1) of a section. */
    public record Chunk(int from, int to, List<Row> rows) {
    }

    /** {@code label}: a field's name, a purpose, an item's time… (null when none); {@code text}: the rest. */
    public record Row(String label, String text) {
    }

    public int total() {
        return sections.stream().mapToInt(Section::count).sum();
    }
}
