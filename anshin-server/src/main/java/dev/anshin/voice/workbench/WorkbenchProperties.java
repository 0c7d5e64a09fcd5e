package dev.anshin.voice.workbench;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The voice workbench's settings ({@code anshin.voice.*}, docs/configuration.md).
 *
 * @param alertInterval how often the surge check runs (read by its {@code @Scheduled}; here for the record)
 * @param alertMinimum fewest voices in 24 hours that can be a surge
 * @param alertRatio how many times the baseline the last 24 hours must reach
 * @param alertRecipients department code → the staff who receive its surge alerts (ids the notification channel
 *     knows; in the demo and tests, the sandbox inbox's)
 * @param pageSize items on one page of a queue
 */
@ConfigurationProperties("anshin.voice")
public record WorkbenchProperties(Duration alertInterval, Integer alertMinimum, BigDecimal alertRatio,
        Map<String, List<String>> alertRecipients, Integer pageSize) {

    public WorkbenchProperties {
        alertInterval = alertInterval == null ? Duration.ofMinutes(15) : alertInterval;
        alertMinimum = alertMinimum == null ? 10 : alertMinimum;
        alertRatio = alertRatio == null ? new BigDecimal("2.0") : alertRatio;
        alertRecipients = alertRecipients == null ? Map.of() : Map.copyOf(alertRecipients);
        pageSize = pageSize == null ? 20 : pageSize;
        rule(alertMinimum, alertRatio);
    }

    public SurgeRule rule() {
        return rule(alertMinimum, alertRatio);
    }

    private static SurgeRule rule(int minimum, BigDecimal ratio) {
        return new SurgeRule(minimum, ratio);
    }

    /** The staff to notify of a surge in the department's topics (none configured: nobody). */
    public List<String> recipients(String department) {
        return alertRecipients.getOrDefault(department, List.of());
    }
}
