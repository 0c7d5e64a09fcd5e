package dev.anshin.notifications;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Usage notification settings (docs/notifications.md).
 *
 * @param sandboxSender     deliver by writing a log line (no e-mail, no push), for the demo and tests only;
 *                          off by default: a production installation deploys a {@link NotificationSender} bean,
 *                          and without one no notice is sent (said at start)
 * @param notifyWithin      an authorization that happened longer ago than this when it is indexed gets no
 *                          notification (history imported through the API, a backfill, the demo's history),
 *                          and one not sent by then is given up ({@code STALE}) instead of sent late
 * @param dispatchInterval  how often the outbox is looked at for notifications to send
 * @param dispatchBatchSize most notifications one dispatcher claims at a time
 * @param claimLease        how long a claimed notification is left to its dispatcher before another
 *                          instance may take it (a dispatcher that died mid-send)
 * @param retryBackoff      wait before the second attempt; doubles with each further attempt (at most an hour)
 * @param maxAttempts       attempts before a notification is given up (recorded, never sent)
 * @param maxSubscribers    open live feeds per customer (tabs, devices); the oldest is closed beyond it
 * @param streamTimeout     a live feed is closed after this (the browser reconnects by itself, and is
 *                          checked again: signed out, it is not let back in)
 * @param heartbeat         how often an idle live feed gets a comment line, to notice closed connections;
 *                          each beat also ends the streams of accounts that no longer stand
 * @param retention         a notification sent or given up is deleted this long after, one never sent this
 *                          long after it was written (the daily purge)
 */
@ConfigurationProperties("anshin.notifications")
public record NotificationProperties(
        @DefaultValue("false") boolean sandboxSender,
        @DefaultValue("1d") Duration notifyWithin,
        @DefaultValue("1s") Duration dispatchInterval,
        @DefaultValue("100") int dispatchBatchSize,
        @DefaultValue("1m") Duration claimLease,
        @DefaultValue("30s") Duration retryBackoff,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("5") int maxSubscribers,
        @DefaultValue("5m") Duration streamTimeout,
        @DefaultValue("25s") Duration heartbeat,
        @DefaultValue("7d") Duration retention) {
}
