package dev.anshin.voice.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewChartTest {

    @Test
    void scalesBarsToTheLargestCountOfEitherMonthAndKeepsTextOutOfTheDrawing() {
        var bars = ReviewChart.bars(List.of(new MonthlyReview.Count("A", 4, 8), new MonthlyReview.Count("B", 2, 0)),
                label -> "label " + label);
        assertThat(bars).extracting(ReviewChart.Bar::text).containsExactly("label A", "label B");
        assertThat(bars.get(0).svg()).contains("width=\"100.0\" height=\"12\"").contains("stroke=")
                .contains("aria-hidden=\"true\"").doesNotContain("<text");
        // no outline when last month had none: the absence is said by the number, not a zero-width shape
        assertThat(bars.get(1).svg()).contains("width=\"50.0\" height=\"12\"").doesNotContain("stroke=");
    }

    @Test
    void aMonthWithNothingDrawsEmptyTracks() {
        var bars = ReviewChart.bars(List.of(new MonthlyReview.Count("A", 0, 0)), label -> label);
        assertThat(bars.get(0).svg()).contains("width=\"0.0\" height=\"12\"");
    }
}
