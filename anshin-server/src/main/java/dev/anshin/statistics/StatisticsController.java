package dev.anshin.statistics;

import dev.anshin.privacy.Actor;
import dev.anshin.problems.RequestProblem;
import dev.anshin.problems.StrictBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Statistics over the API: analysts define reports and preview them (a preview is a release: it spends
 * budget), a privacy officer publishes a preview, partners (STATISTICS_READER) download what is published
 * as JSON, CSV or an SVG chart; administrators keep the merchant directory and the BIN table.
 */
@Tag(name = "Statistics", description = "Spending statistics that identify no one: reports as data, noisy "
        + "thresholded releases, a privacy budget per month of data, published tables for partners")
@RestController
@RequestMapping("/api/v1/statistics")
class StatisticsController {

    /** Reference entries one call may carry: 500 of the longest fit the API's default body limit (64 KB). */
    static final int MAX_PER_CALL = 500;
    private static final String DEFINITION_EXAMPLE = """
            {"requestId": "def-2026-001", "name": "Monthly spend by merchant category", "measure": "SPEND",
             "dimensions": ["MONTH", "MERCHANT_CATEGORY"], "from": "2026-01", "to": "2026-06",
             "filters": {"MERCHANT_REGION": ["KANTO"]},
             "protection": {"k": 10, "thresholdEpsilon": "0.5", "valueEpsilon": "0.5", "cap": 50000, "maxCells": 12}}""";

    /** A report as the API shows it. */
    record ReportView(String id, ReportDefinition.Body definition, Instant createdAt, List<ReleaseSummary> releases) {
    }

    /** A release without its table. */
    record ReleaseSummary(String id, @Schema(implementation = Release.Status.class) String status, Instant createdAt,
            Instant publishedAt) {
        static ReleaseSummary of(Release release) {
            return new ReleaseSummary(release.id(), release.status().name(), release.createdAt(), release.publishedAt());
        }
    }

    /** A release as the API shows it: parameters and table, never who computed it. */
    record ReleaseView(String id,
            @Schema(description = "The idempotency key the preview was computed under", example = "preview-2026-001")
            String requestId, String reportId, @Schema(implementation = Release.Status.class) String status,
            String dataset, List<String> periods, Release.Parameters parameters, Release.Table table,
            @Schema(description = "Purchase rows read so far, while RUNNING, rounded down to a multiple of "
                    + "100,000 (a coarse size, never an exact count)") Long progress, Instant createdAt,
            Instant publishedAt) {
        static ReleaseView of(Release release, Long progress) {
            return new ReleaseView(release.id(), release.requestId(), release.reportId(), release.status().name(), release.dataset(),
                    release.periods(), release.parameters(), release.table(), progress, release.createdAt(),
                    release.publishedAt());
        }
    }

    @Schema(requiredProperties = "requestId")
    record PreviewBody(@Schema(description = "The idempotency key of the preview: sent again, answers the same "
            + "release and spends nothing more", example = "preview-2026-001") String requestId) {
    }

    record MerchantsBody(List<ReferenceData.MerchantLocation> merchants) {
    }

    record BinsBody(List<ReferenceData.BinCountry> bins) {
    }

    private final StatisticsReports reports;
    private final ReferenceData reference;
    private final StrictBody<ReportDefinition.Body> definitions;
    private final StrictBody<PreviewBody> previews;
    private final StrictBody<MerchantsBody> merchants;
    private final StrictBody<BinsBody> bins;

    StatisticsController(StatisticsReports reports, ReferenceData reference, JsonMapper json) {
        this.reports = reports;
        this.reference = reference;
        this.definitions = StrictBody.of(json, ReportDefinition.Body.class, "a report definition");
        this.previews = StrictBody.of(json, PreviewBody.class, "a preview");
        this.merchants = StrictBody.of(json, MerchantsBody.class, "a merchant directory");
        this.bins = StrictBody.of(json, BinsBody.class, "a BIN table");
    }

    @Operation(summary = "Define a report", description = """
            A report as data: a measure (SPEND in yen, TRANSACTIONS, CARDHOLDERS), one to three dimensions (MONTH or \
            WEEK, MERCHANT_CATEGORY, MERCHANT_PREFECTURE, MERCHANT_REGION, CARDHOLDER_COUNTRY, AGE_BAND), whole months \
            from..to (at most 24), filters, and the protection (k at least 5, default 10; ε for the cardholder counts \
            and for the values, default 0.5 each; C and m). Nothing is read from the data. Idempotent on requestId. \
            An unknown dimension or measure, a k below 5, an unknown field or a wrong type is 422 naming the field. \
            Role: ANALYST.""")
    @ApiResponse(responseCode = "201", description = "Defined")
    @ApiResponse(responseCode = "200", description = "The same definition sent again under its requestId")
    @ApiResponse(responseCode = "409", description = "The requestId defined another report (type conflict)")
    @ApiResponse(responseCode = "422", description = "Invalid fields (type validation), naming the field")
    @PostMapping(path = "/reports", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ReportView> define(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = ReportDefinition.Body.class),
                    examples = @ExampleObject(name = "monthly spend by category", value = DEFINITION_EXAMPLE)))
            @RequestBody byte[] raw, Authentication auth, HttpServletRequest request) {
        ReportDefinition.Body body = raw == null || raw.length == 0 ? null : definitions.read(raw, request);
        if (body == null) {
            throw RequestProblem.invalid("", "a report definition is required");
        }
        StatisticsReports.Defined defined = reports.define(Actor.staff(auth, request), body);
        return ResponseEntity.status(defined.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(view(defined.report()));
    }

    @Operation(summary = "List reports", description = "Newest first, at most limit (1 to 500). Role: ANALYST or "
            + "PRIVACY_OFFICER.")
    @GetMapping("/reports")
    List<ReportView> reports(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 500) {
            throw RequestProblem.invalid("limit", "must be between 1 and 500");
        }
        return reports.reports(limit).stream().map(this::view).toList();
    }

    @Operation(summary = "Read a report with its releases", description = "Role: ANALYST or PRIVACY_OFFICER.")
    @ApiResponse(responseCode = "200", description = "The report and its releases")
    @ApiResponse(responseCode = "404", description = "No such report (type not-found)")
    @GetMapping("/reports/{id}")
    ReportView report(@PathVariable String id) {
        return reports.report(id).map(this::view).orElseThrow(() -> RequestProblem.notFound("No such report."));
    }

    @Operation(summary = "Preview a report (a release)", description = """
            Computes a release: spends the report's ε (both parts) from the budget of every month it covers, all or \
            none, then reads the purchases of the customers who have not opted out of STATISTICS (through the privacy \
            module, audited), bounds each cardholder, noises every cell and suppresses those whose noisy cardholder \
            count is below k. The answer is the noisy table: it is what publishing makes public, so looking at it \
            costs nothing more. Synchronous; while it runs, GET the release for its progress. Idempotent on requestId \
            (sent again: 200 with the same release, no new spending). Role: ANALYST.""")
    @ApiResponse(responseCode = "201", description = "The release (status PREVIEW)")
    @ApiResponse(responseCode = "200", description = "The same preview sent again under its requestId: the stored "
            + "release, nothing computed or spent")
    @ApiResponse(responseCode = "404", description = "No such report (type not-found)")
    @ApiResponse(responseCode = "409", description = "A month's budget would be exceeded (type privacy-budget-exhausted), "
            + "nothing computed")
    @PostMapping(path = "/reports/{id}/releases", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ReleaseView> preview(@PathVariable String id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = PreviewBody.class))) @RequestBody byte[] raw,
            Authentication auth, HttpServletRequest request) {
        PreviewBody body = raw == null || raw.length == 0 ? null : previews.read(raw, request);
        StatisticsReports.Previewed previewed = reports.previewed(Actor.staff(auth, request), id,
                body == null ? null : body.requestId());
        return ResponseEntity.status(previewed.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(ReleaseView.of(previewed.release(), null));
    }

    @Operation(summary = "Read a release", description = "Any status; with progress while RUNNING. Role: ANALYST or "
            + "PRIVACY_OFFICER.")
    @ApiResponse(responseCode = "200", description = "The release")
    @ApiResponse(responseCode = "404", description = "No such release (type not-found)")
    @GetMapping("/releases/{id}")
    ReleaseView release(@PathVariable String id) {
        return reports.release(id).map(r -> ReleaseView.of(r, reports.progress(r.id()).orElse(null)))
                .orElseThrow(() -> RequestProblem.notFound("No such release."));
    }

    @Operation(summary = "Publish a previewed release", description = """
            Makes the previewed table public, unchanged (no new budget). By a privacy officer other than the analyst \
            who computed it (409 otherwise); sent again by the same officer, answers it as published. Role: \
            PRIVACY_OFFICER.""")
    @ApiResponse(responseCode = "200", description = "The release (status PUBLISHED)")
    @ApiResponse(responseCode = "404", description = "No such release (type not-found)")
    @ApiResponse(responseCode = "409", description = "Not a preview (type illegal-transition), or the same person "
            + "(type conflict)")
    @PostMapping(path = "/releases/{id}/publication", produces = MediaType.APPLICATION_JSON_VALUE)
    ReleaseView publish(@PathVariable String id, Authentication auth, HttpServletRequest request) {
        return ReleaseView.of(reports.publish(Actor.staff(auth, request), id), null);
    }

    @Operation(summary = "Privacy budgets", description = "Per dataset and month: total, spent, remaining (ε). Role: "
            + "ANALYST or PRIVACY_OFFICER.")
    @GetMapping("/budgets")
    List<BudgetView> budgets() {
        return reports.budgets().stream().map(b -> new BudgetView(b.dataset(), b.period(), b.total().toString(),
                b.spent(), b.remaining())).toList();
    }

    record BudgetView(String dataset, String period, String total, String spent, String remaining) {
    }

    @Operation(summary = "List published releases", description = "Newest first. Role: STATISTICS_READER (partners), "
            + "ANALYST or PRIVACY_OFFICER.")
    @GetMapping("/published")
    List<ReleaseView> published(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 500) {
            throw RequestProblem.invalid("limit", "must be between 1 and 500");
        }
        return reports.published(limit).stream().map(r -> ReleaseView.of(r, null)).toList();
    }

    @Operation(summary = "Read a published release", description = "Role: STATISTICS_READER, ANALYST or PRIVACY_OFFICER.")
    @ApiResponse(responseCode = "200", description = "The published release")
    @ApiResponse(responseCode = "404", description = "No such published release (type not-found)")
    @GetMapping(path = "/published/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ReleaseView publishedRelease(@PathVariable String id) {
        return ReleaseView.of(published(id), null);
    }

    @Operation(summary = "Download a published release as CSV", description = """
            One line per cell of the report's domain, in the report's order: the dimension values, the noisy value, \
            the noisy cardholder count (left out for a CARDHOLDERS report, where it is the value) and SUPPRESSED: \
            true for a cell with fewer than k cardholders or a noisy count below the threshold τ, whose value and \
            count are empty. Totals (in the JSON and the chart) exclude suppressed cells. UTF-8 with a byte-order \
            mark, CRLF line ends; a value starting with = + - @ gets a leading apostrophe. Role: STATISTICS_READER, \
            ANALYST or PRIVACY_OFFICER.""")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv", examples = @ExampleObject(value = """
            MONTH,MERCHANT_CATEGORY,SPEND,CARDHOLDERS,SUPPRESSED
            2026-01,GROCERY,18243310,1204,false
            2026-01,RESTAURANTS,9120400,861,false
            2026-01,ELECTRONICS,,,true""")))
    @GetMapping(path = "/published/{id}/table.csv", produces = "text/csv")
    ResponseEntity<byte[]> csv(@PathVariable String id) {
        Release release = published(id);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"statistics-" + release.id() + ".csv\"")
                .body(ReleaseCsv.bytes(release.table(), release.parameters().definition(), reference.countries()));
    }

    @Operation(summary = "A published release as an SVG chart", description = """
            A line over time (first dimension MONTH or WEEK) or bars, of the totals by the first dimension, drawn from \
            the released values; a month or week with nothing released is a gap marked "suppressed", never a 0; a line \
            under the chart says how many cells were suppressed and that totals exclude them. A count of cardholders \
            over more than one dimension has no such series: the SVG then says the chart is not drawn. \
            Role: STATISTICS_READER, ANALYST or PRIVACY_OFFICER.""")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "image/svg+xml", examples = @ExampleObject(
            value = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 300\" role=\"img\" "
                    + "aria-labelledby=\"chart-title chart-desc\"><title id=\"chart-title\">Monthly spend</title>"
                    + "<desc id=\"chart-desc\">2026-01: 27363710</desc>…</svg>")))
    @GetMapping(path = "/published/{id}/chart.svg", produces = "image/svg+xml")
    ResponseEntity<String> chart(@PathVariable String id) {
        Release release = published(id);
        return ResponseEntity.ok().contentType(MediaType.valueOf("image/svg+xml"))
                .cacheControl(CacheControl.noStore())
                .body(ReleaseChart.svg(release.table(), release.parameters().definition(),
                        release.parameters().definition().name(), label -> label));
    }

    private Release published(String id) {
        return reports.publishedRelease(id).orElseThrow(() -> RequestProblem.notFound("No such published release."));
    }

    @Operation(summary = "Add or replace merchants in the merchant directory", description = """
            Where merchants are (merchant id → prefecture, JIS X 0401 code 01–47): the authorizations carry no \
            merchant location, so MERCHANT_PREFECTURE and MERCHANT_REGION come from here (UNKNOWN otherwise). All or \
            none; at most 500 per call (500 of the longest entries fit the API's 64 KB body limit, \
            `anshin.api.max-body-size`; a larger directory goes in several calls). Role: ADMIN.""")
    @ApiResponse(responseCode = "204", description = "Stored")
    @ApiResponse(responseCode = "422", description = "Invalid fields (type validation), naming the field")
    @PutMapping(path = "/merchant-directory", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> putMerchants(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = MerchantsBody.class), examples = @ExampleObject(value = """
                            {"merchants": [{"merchantId": "M-1001", "prefecture": "13"}]}"""))) @RequestBody byte[] raw,
            Authentication auth, HttpServletRequest request) {
        MerchantsBody body = raw == null || raw.length == 0 ? null : merchants.read(raw, request);
        if (body == null || body.merchants() == null || body.merchants().isEmpty()) {
            throw RequestProblem.invalid("merchants", "name at least one merchant");
        }
        if (body.merchants().size() > MAX_PER_CALL) {
            throw RequestProblem.invalid("merchants", "at most " + MAX_PER_CALL + " per call");
        }
        List<ReferenceData.MerchantLocation> checked = new ArrayList<>();
        for (int i = 0; i < body.merchants().size(); i++) {
            var merchant = body.merchants().get(i);
            if (merchant == null || merchant.merchantId() == null
                    || !merchant.merchantId().matches("[A-Za-z0-9._-]{1,64}")) {
                throw RequestProblem.invalid("merchants[" + i + "].merchantId", "must be 1 to 64 letters, digits, dots, "
                        + "hyphens or underscores");
            }
            if (!Prefectures.known(merchant.prefecture())) {
                throw RequestProblem.invalid("merchants[" + i + "].prefecture", "must be a JIS X 0401 code, 01 to 47");
            }
            checked.add(merchant);
        }
        reference.putMerchants(checked, auth.getName());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Add or replace BIN prefixes' countries", description = """
            The country of issue of cards by BIN prefix (4 to 8 digits, the longest matching prefix wins; ISO 3166-1 \
            alpha-2): CARDHOLDER_COUNTRY comes from here (UNKNOWN otherwise). All or none; at most 500 per call. Role: \
            ADMIN.""")
    @ApiResponse(responseCode = "204", description = "Stored")
    @ApiResponse(responseCode = "422", description = "Invalid fields (type validation), naming the field")
    @PutMapping(path = "/bin-countries", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> putBins(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = BinsBody.class), examples = @ExampleObject(value = """
                            {"bins": [{"binPrefix": "4111", "country": "US"}]}"""))) @RequestBody byte[] raw,
            Authentication auth, HttpServletRequest request) {
        BinsBody body = raw == null || raw.length == 0 ? null : bins.read(raw, request);
        if (body == null || body.bins() == null || body.bins().isEmpty()) {
            throw RequestProblem.invalid("bins", "name at least one BIN prefix");
        }
        if (body.bins().size() > MAX_PER_CALL) {
            throw RequestProblem.invalid("bins", "at most " + MAX_PER_CALL + " per call");
        }
        for (int i = 0; i < body.bins().size(); i++) {
            var bin = body.bins().get(i);
            if (bin == null || bin.binPrefix() == null || !bin.binPrefix().matches("[0-9]{4,8}")) {
                throw RequestProblem.invalid("bins[" + i + "].binPrefix", "must be 4 to 8 digits");
            }
            if (bin.country() == null || !bin.country().matches("[A-Z]{2}")) {
                throw RequestProblem.invalid("bins[" + i + "].country", "must be an ISO 3166-1 alpha-2 code");
            }
        }
        reference.putBinCountries(body.bins(), auth.getName());
        return ResponseEntity.noContent().build();
    }

    private ReportView view(StatisticsStore.Report report) {
        // the stored definition keeps no request id (it is the report's): echo the one it was defined under
        ReportDefinition.Body d = report.definition();
        ReportDefinition.Body definition = new ReportDefinition.Body(report.requestId(), d.name(), d.measure(),
                d.dimensions(), d.from(), d.to(), d.filters(), d.protection());
        return new ReportView(report.id(), definition, report.createdAt(),
                reports.releases(report.id()).stream().map(ReleaseSummary::of).toList());
    }
}
