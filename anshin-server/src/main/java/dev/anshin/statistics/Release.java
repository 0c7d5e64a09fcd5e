package dev.anshin.statistics;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A release as kept: its parameters and the released table, which holds only noisy, thresholded values
 * (no true count, no suppressed cell's number, no seed).
 */
public record Release(String id, String requestId, String reportId, Status status, String dataset, List<String> periods,
        Parameters parameters, Table table, String createdBy, Instant createdAt, String publishedBy,
        Instant publishedAt) {

    public enum Status {
        /** Budget spent, the table being computed. */
        RUNNING,
        /** Computed and shown to staff; not public. */
        PREVIEW,
        /** Approved by a second person: partners may download it. */
        PUBLISHED,
        /** Failed before anything was released; its budget was given back. */
        FAILED
    }

    /** Everything a reader needs to judge the numbers: the definition and the protection applied. */
    @Schema(name = "ReleaseParameters")
    public record Parameters(ReportDefinition.Body definition,
            @Schema(example = "discrete Laplace (Canonne, Kamath, Steinke 2020), exact integer sampling, SecureRandom")
            String mechanism,
            @Schema(description = "L1 sensitivity of the cardholder counts: m", example = "12") long countSensitivity,
            @Schema(description = "L1 sensitivity of the values: m·C, or m for CARDHOLDERS", example = "600000")
            long valueSensitivity,
            @Schema(description = "ε this release spent from the budget of each calendar month of data it covers",
                    example = "1") String totalEpsilon,
            @Schema(example = "true") boolean thresholdOnNoisyCount,
            @Schema(description = "δ of the (ε, δ) guarantee (plain decimal); absent on releases made before δ",
                    example = "0.000001") String delta,
            @Schema(description = "τ = k + j: the noisy cardholder count a cell of at least k cardholders needs",
                    example = "127") Long threshold,
            @Schema(example = "(ε, δ)-differential privacy for adding or removing one cardholder")
            String guarantee,
            @Schema(example = "Totals are sums of the released cells (post-processing); suppressed cells are not in them")
            String totals) {
    }

    /** The released table. */
    @Schema(name = "ReleasedTable")
    public record Table(List<String> dimensions, String measure, List<Row> cells,
            @Schema(description = "Cells of the domain with fewer than k cardholders or a noisy count below τ")
            int suppressedCells,
            @Schema(description = "Sum of released values per value of the first dimension; null for CARDHOLDERS")
            Map<String, Long> totalsByFirstDimension,
            @Schema(description = "Sum of all released values; null for CARDHOLDERS") Long total) {

        static Table of(ReleasedTable released) {
            return new Table(released.dimensions(), released.protection().measure().name(),
                    released.cells().stream().map(c -> new Row(c.cell().values(), c.value(), c.cardholders())).toList(),
                    released.suppressedCells(), released.totalsByFirstDimension(), released.total());
        }
    }

    /** A released cell: its dimension values, its noisy value and its noisy cardholder count. */
    @Schema(name = "ReleasedCell")
    public record Row(List<String> values, long value, long cardholders) {
    }

    /** The parameters of a release of {@code definition}, the report defined under {@code reportRequestId}. */
    static Parameters parameters(ReportDefinition definition, String reportRequestId) {
        Protection p = definition.protection();
        ReportDefinition.Body body = definition.body();
        return new Parameters(new ReportDefinition.Body(reportRequestId, body.name(), body.measure(), body.dimensions(),
                body.from(), body.to(), body.filters(), body.protection()),
                "discrete Laplace (Canonne, Kamath, Steinke 2020), exact integer sampling, SecureRandom",
                p.countSensitivity(), p.valueSensitivity(), p.totalEpsilon().toString(), true, p.delta().toString(),
                p.threshold(), "(ε, δ)-differential privacy for adding or removing one cardholder: ε " + p.totalEpsilon()
                        + ", δ " + p.delta() + "; a cell is released only with at least k = " + p.k()
                        + " distinct cardholders and a noisy count of at least τ = " + p.threshold(),
                "Totals are sums of the released cells (post-processing); suppressed cells are not in them");
    }
}
