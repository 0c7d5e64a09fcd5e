package dev.anshin.problems;

/** One offending field of a request, named by its JSON path (e.g. {@code amount.currency}). */
public record FieldProblem(String field, String message) {
}
