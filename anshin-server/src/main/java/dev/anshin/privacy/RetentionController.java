package dev.anshin.privacy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/privacy/retention}: what is kept how long, and what the daily retention job last removed. */
@Tag(name = "Privacy")
@RestController
class RetentionController {

    private final RetentionJob job;

    RetentionController(RetentionJob job) {
        this.job = job;
    }

    @Operation(summary = "Read the retention status", description = "The retention rules the daily job sweeps (catalog "
            + "entry, period), the retentions other modules run on their own schedule, and the newest run: when it "
            + "started and finished, and per rule the cutoff, how many items it removed or anonymized and whether it "
            + "is running or finished. Counts and times only. Role: ADMIN or PRIVACY_OFFICER.")
    @GetMapping("/api/v1/privacy/retention")
    RetentionStatus retention() {
        return job.status();
    }
}
