package dev.anshin.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    @Test
    void readsTheFormsOfTheSettings() {
        assertThat(RateLimit.valueOf("200/s")).isEqualTo(new RateLimit(200, Duration.ofSeconds(1), 200));
        assertThat(RateLimit.valueOf("10/min burst 20")).isEqualTo(new RateLimit(10, Duration.ofMinutes(1), 20));
        assertThat(RateLimit.valueOf(" 1000 / h ")).isEqualTo(new RateLimit(1000, Duration.ofHours(1), 1000));
        assertThat(RateLimit.valueOf("OFF").off()).isTrue();
        assertThat(RateLimit.valueOf("10/min burst 20").toString()).isEqualTo("10/min burst 20");
    }

    @Test
    void refusesWhatIsNotALimit() {
        for (String wrong : new String[] {"", "fast", "0/s", "10/day", "-1/s", "10/s burst 0", "10/s burst"}) {
            assertThatThrownBy(() -> RateLimit.valueOf(wrong)).as(wrong).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void anIdleBucketHasRefilledOnceItsBurstCameBack() {
        assertThat(RateLimit.valueOf("10/min burst 20").refillTime()).isEqualTo(Duration.ofSeconds(126));
        assertThat(RateLimit.valueOf("50000/s").refillTime()).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1001));
    }
}
