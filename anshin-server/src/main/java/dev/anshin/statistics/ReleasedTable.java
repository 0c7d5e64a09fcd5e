package dev.anshin.statistics;

import java.util.List;
import java.util.Map;

/**
 * What a release makes public, and nothing else: the cells of at least k cardholders whose noisy
 * cardholder count reached τ (see {@link Protection}), each with its noisy value and noisy cardholder count; how many cells of the domain were suppressed
 * (a number of the noisy decisions, not of the data); and totals derived from the released cells only,
 * so they always add up and cost no budget (post-processing). Totals are absent for a count of
 * cardholders: one cardholder is in up to m cells, so those counts do not add up to people.
 */
public record ReleasedTable(List<String> dimensions, Protection protection, List<ReleasedCell> cells,
        int suppressedCells, Map<String, Long> totalsByFirstDimension, Long total) {

    public ReleasedTable {
        dimensions = List.copyOf(dimensions);
        cells = List.copyOf(cells);
        totalsByFirstDimension = totalsByFirstDimension == null ? null : Map.copyOf(totalsByFirstDimension);
    }

    /** A released cell: noisy value (never negative), noisy distinct-cardholder count (at least τ). */
    public record ReleasedCell(Cell cell, long value, long cardholders) {
    }
}
