package dev.anshin.notifications;

import dev.anshin.fraud.AuthorizationRetentionListener;
import dev.anshin.privacy.RetentionStatus;
import dev.anshin.privacy.ScheduledRetention;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A usage notification never outlives its authorization. The outbox's own daily purge deletes rows long before
 * ({@code anshin.notifications.retention}, 7 days); this catches a row left when that is set longer than the
 * authorizations' retention.
 */
@Component
class NotificationRetention implements AuthorizationRetentionListener, ScheduledRetention {

    private final JdbcClient jdbc;
    private final NotificationProperties properties;
    private final String purgeCron;

    NotificationRetention(JdbcClient jdbc, NotificationProperties properties,
            @Value("${anshin.notifications.purge-cron:0 47 3 * * *}") String purgeCron) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.purgeCron = purgeCron;
    }

    /** The outbox's own purge ({@link UsageOutbox#purge}), for the privacy module's retention status. */
    @Override
    public List<RetentionStatus.RetentionElsewhere> retentions() {
        return List.of(new RetentionStatus.RetentionElsewhere("usage-notifications", "USAGE_NOTIFICATIONS",
                properties.retention(), purgeCron, "anshin.notifications.retention"));
    }

    @Override
    public void leaving(List<String> authorizationIds) {
        jdbc.sql("DELETE FROM usage_notifications WHERE authorization_id IN (:ids)").param("ids", authorizationIds)
                .update();
    }
}
