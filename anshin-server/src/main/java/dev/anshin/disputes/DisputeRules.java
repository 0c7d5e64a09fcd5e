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

    /** Days after the transaction during which it can be disputed: the network's filing window. */
    static int disputeDays(String bin, Authorization authorization) {
        return reason(bin, authorization, true).map(ChargebackReason::filingDays).orElse(OTHER_NETWORKS_DAYS);
    }
}
