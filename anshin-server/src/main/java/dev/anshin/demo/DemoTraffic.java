package dev.anshin.demo;

import java.time.Instant;
import java.util.Locale;

/**
 * JSON bodies of simulated scoring-API requests, shared by the demo's live stream and the load
 * generator so both speak exactly what an issuer would send.
 */
public final class DemoTraffic {

    private static final String[] MCCS = {"5411", "5812", "5999", "5541", "5311", "5732", "4121", "5912"};
    /** A made-up merchant per category (two real chains, so the merchant directory has something to find). */
    private static final String[] MERCHANTS = {"SEVEN-ELEVEN", "SAKURA-TEI", "HANA ZAKKA", "ENEOS", "MIRAI DEPT STORE",
            "DENKI LAND", "AOZORA TAXI", "KENKO DRUG"};

    private DemoTraffic() {
    }

    /** The merchant category of a simulated terminal (stable per terminal). */
    public static String mcc(String terminalId) {
        return MCCS[Math.floorMod(terminalId.hashCode(), MCCS.length)];
    }

    /**
     * The merchant name and location a terminal's authorizations carry (ISO 8583 DE43: name, city,
     * country), stable per terminal.
     */
    public static String merchantName(String terminalId) {
        return MERCHANTS[Math.floorMod(terminalId.hashCode(), MERCHANTS.length)] + " #" + terminalId + " TOKYO JP";
    }

    /** An authorization by demo card {@code cardIndex} at {@code terminalId}, amount in yen. */
    public static String authorizationJson(String authorizationId, int cardIndex, String terminalId, long yen,
            Instant timestamp) {
        return authorizationJson(authorizationId, DemoCards.pan(cardIndex), terminalId, yen, timestamp);
    }

    /** An authorization by the card with this number at {@code terminalId}, amount in yen. */
    static String authorizationJson(String authorizationId, String pan, String terminalId, long yen,
            Instant timestamp) {
        return String.format(Locale.ROOT, """
                {"authorizationId":"%s","card":{"pan":"%s"},"amount":{"minor":%d,"currency":"JPY"},\
                "merchantId":"M%s","mcc":"%s","terminalId":"T%s","merchantCountry":"JP","posEntryMode":"05",\
                "cardPresent":true,"timestamp":"%s","merchantName":"%s"}""",
                authorizationId, pan, yen, terminalId, mcc(terminalId), terminalId, timestamp,
                merchantName(terminalId));
    }

    /** A confirmed label for an earlier authorization. */
    public static String labelJson(String authorizationId, boolean fraud, Instant reportedAt) {
        return String.format(Locale.ROOT, """
                {"authorizationId":"%s","fraud":%s,"source":"ISSUER","reportedAt":"%s"}""",
                authorizationId, fraud, reportedAt);
    }
}
