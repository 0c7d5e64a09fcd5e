package dev.anshin.devices;

import dev.anshin.fraud.AuthorizationRetentionListener;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A confirmed fraud keeps counting against the device it reached after its authorization has passed its
 * retention period (the device's reputation does not change), but no longer names the authorization nor whose
 * card it was on: anonymized as an erasure does it ({@link DeviceStore}).
 */
@Component
class DeviceFraudRetention implements AuthorizationRetentionListener {

    private final JdbcClient jdbc;

    DeviceFraudRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void leaving(List<String> authorizationIds) {
        List<String[]> frauds = jdbc.sql("SELECT device_id, authorization_id FROM device_frauds "
                        + "WHERE authorization_id IN (:ids)")
                .param("ids", authorizationIds).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        for (String[] fraud : frauds) {
            jdbc.sql("UPDATE device_frauds SET authorization_id = ?, customer_id = NULL WHERE device_id = ? "
                            + "AND authorization_id = ?")
                    .params("expired-" + UUID.randomUUID(), fraud[0], fraud[1]).update();
        }
    }
}
