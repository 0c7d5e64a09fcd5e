package dev.anshin.notifications;

import dev.anshin.fraud.AuthorizationRetentionListener;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A usage notification never outlives its authorization. The outbox's own daily purge deletes rows long before
 * ({@code anshin.notifications.retention}, 7 days); this catches a row left when that is set longer than the
 * authorizations' retention.
 */
@Component
class NotificationRetention implements AuthorizationRetentionListener {

    private final JdbcClient jdbc;

    NotificationRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void leaving(List<String> authorizationIds) {
        jdbc.sql("DELETE FROM usage_notifications WHERE authorization_id IN (:ids)").param("ids", authorizationIds)
                .update();
    }
}
