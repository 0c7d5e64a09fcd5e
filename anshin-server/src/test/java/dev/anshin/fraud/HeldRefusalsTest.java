package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RetryLater;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.context.request.async.DeferredResult;

class HeldRefusalsTest {

    private static final RetryLater REFUSAL = new RetryLater(ProblemType.OVERLOADED, "over capacity", Duration.ofSeconds(1));

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private HeldRefusals refusals;

    @AfterEach
    void stop() {
        if (refusals != null) {
            refusals.destroy();
        }
    }

    private HeldRefusals refusals(Duration deadline, FraudProperties.RefusalTiming timing) {
        FraudProperties.AdmissionSettings defaults = DecisionJournalTest.ADMISSION;
        FraudProperties.AdmissionSettings settings = new FraudProperties.AdmissionSettings(true,
                defaults.maxConcurrent(), defaults.maxWaiting(), deadline, defaults.whenOverloaded(),
                defaults.rulesOnlyConcurrent(), defaults.retryAfter(), defaults.logInterval(), timing,
                defaults.indexerBehindAt(), defaults.maxConcurrentWhileBehind());
        FraudProperties properties = new FraudProperties(0.5, 0.9, Duration.ofDays(7), Duration.ofDays(35), 10, 100,
                Duration.ofSeconds(5), 100, 0, Duration.ofDays(60), Duration.ofMinutes(10), DecisionJournalTest.LOG_OFF,
                settings);
        refusals = new HeldRefusals(properties, metrics);
        return refusals;
    }

    /** Completes with the time the refusal was set as the result. */
    private static CompletableFuture<Long> answered(DeferredResult<Void> result) {
        CompletableFuture<Long> at = new CompletableFuture<>();
        result.setResultHandler(value -> at.complete(System.nanoTime()));
        return at;
    }

    @Test
    void aRefusalIsAnsweredWhenTheDeadlineHasPassedNotBefore() throws Exception {
        HeldRefusals held = refusals(Duration.ofMillis(150), FraudProperties.RefusalTiming.AT_DEADLINE);
        long arrival = System.nanoTime();
        DeferredResult<Void> result = held.answer(REFUSAL, arrival);
        CompletableFuture<Long> at = answered(result);

        long answeredAt = at.get(30, TimeUnit.SECONDS);
        assertThat(answeredAt - arrival).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(150));
        assertThat(result.getResult()).isSameAs(REFUSAL);
    }

    @Test
    void heldRefusalsAreCountedAndAnsweredAtOnceAtShutdown() throws Exception {
        HeldRefusals held = refusals(Duration.ofHours(1), FraudProperties.RefusalTiming.AT_DEADLINE);
        DeferredResult<Void> first = held.answer(REFUSAL, System.nanoTime());
        DeferredResult<Void> second = held.answer(REFUSAL, System.nanoTime());
        CompletableFuture<Long> firstAnswered = answered(first);
        CompletableFuture<Long> secondAnswered = answered(second);
        assertThat(first.hasResult()).isFalse();
        assertThat(metrics.get("anshin.admission.refusals.held").gauge().value()).isEqualTo(2.0);

        held.destroy();
        firstAnswered.get(30, TimeUnit.SECONDS);
        secondAnswered.get(30, TimeUnit.SECONDS);
        assertThat(first.getResult()).isSameAs(REFUSAL);
        assertThat(second.getResult()).isSameAs(REFUSAL);
        assertThat(held.held()).isZero();
    }

    @Test
    void aRefusalWhoseDeadlineHasPassedIsAnsweredAtOnce() {
        HeldRefusals held = refusals(Duration.ofMillis(250), FraudProperties.RefusalTiming.AT_DEADLINE);
        long longAgo = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
        assertThatThrownBy(() -> held.answer(REFUSAL, longAgo)).isSameAs(REFUSAL);
        assertThat(held.held()).isZero();
    }

    @Test
    void answeredAtOnceWhenTheIssuerSaysSo() {
        HeldRefusals held = refusals(Duration.ofHours(1), FraudProperties.RefusalTiming.AT_ONCE);
        assertThatThrownBy(() -> held.answer(REFUSAL, System.nanoTime())).isSameAs(REFUSAL);
        assertThat(held.held()).isZero();
    }
}
