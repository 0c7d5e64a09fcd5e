package dev.anshin.statistics;

import java.util.List;

/** One cell of a report: a value for each of its dimensions, in the report's order. */
public record Cell(List<String> values) {

    public Cell {
        values = List.copyOf(values);
    }

    public static Cell of(String... values) {
        return new Cell(List.of(values));
    }
}
