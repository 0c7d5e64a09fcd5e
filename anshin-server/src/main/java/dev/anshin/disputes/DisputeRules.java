package dev.anshin.disputes;

import dev.anshin.scoring.Authorization;
import java.util.Optional;

/** Which reason code a fraud case takes, and how long a transaction can be disputed. */
final class DisputeRules {

    /** How long a transaction of a network without automatic filing (JCB and others) can be disputed. */
    static final int OTHER_NETWORKS_DAYS = 120;

    private DisputeRules() {
    }

    /** The network's fraud reason code for this transaction, if the network files automatically. */
    static Optional<ChargebackReason> reason(String bin, Authorization authorization, boolean cardInHand) {
        return CardNetwork.ofBin(bin).flatMap(network -> ChargebackReason.forFraud(network,
                Investigator.environment(authorization), cardInHand));
    }

    /**
     * Whether the transaction is past the network's filing window at {@code now} (UTC calendar days
     * from the transaction, as the networks count).
     */
    static boolean windowClosed(String bin, Authorization authorization, java.time.Instant now) {
        java.time.LocalDate last = java.time.LocalDate.ofInstant(authorization.timestamp(), java.time.ZoneOffset.UTC)
                .plusDays(disputeDays(bin, authorization));
        return java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).isAfter(last);
    }

    /** SHA-256 of the text's UTF-8 bytes, in hex. */
    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Days after the transaction during which it can be disputed: the network's filing window. */
    static int disputeDays(String bin, Authorization authorization) {
        return reason(bin, authorization, true).map(ChargebackReason::filingDays).orElse(OTHER_NETWORKS_DAYS);
    }
}
