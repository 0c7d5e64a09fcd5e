package dev.anshin.scoring;

import java.time.Instant;

/** Named authorization fixtures for tests. */
public final class Authorizations {

    private Authorizations() {
    }

    /** A chip purchase of JPY 5,000 at a Tokyo supermarket, with device and IP data. */
    public static Authorization supermarketPurchase() {
        return new Authorization("auth-1", "card-tok-1", 5_000, "JPY", "merchant-1", "5411", "term-1", "JP",
                PosEntryMode.CHIP, true, Instant.parse("2026-01-01T10:00:00Z"),
                new DeviceData("device-1", "02", "Mozilla/5.0", "ja-JP", -540, 390, 844), "203.0.113.7");
    }

    /** The same purchase without device data, IP, merchant country or entry mode. */
    public static Authorization bareAuthorization() {
        return new Authorization("auth-2", "card-tok-2", 1_000, "JPY", null, null, null, null, null, false,
                Instant.parse("2026-01-01T10:00:00Z"), null, null);
    }
}
