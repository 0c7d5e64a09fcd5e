package dev.anshin.disputes;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for the card network's dispute system, for the demo and tests: it accepts every filing
 * and answers with a reference derived from the filing's idempotency key (so a retried filing gets
 * the same one, a filing after a withdrawal a new one), and
 * logs what a real adapter would send, with ids only. It never decides a chargeback: the outcome is
 * recorded by an analyst, as it would be from the network's notice. Used unless the issuer provides
 * its own {@link ChargebackNetwork} bean.
 */
public class SandboxChargebackNetwork implements ChargebackNetwork {

    private static final Logger log = LoggerFactory.getLogger(SandboxChargebackNetwork.class);

    private final Clock clock;
    private final Map<String, Filed> filed = new ConcurrentHashMap<>();

    public SandboxChargebackNetwork(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Filed file(Filing filing) {
        return filed.computeIfAbsent(filing.idempotencyKey(), key -> {
            String reference = "SBX-" + filing.reason().network().name().charAt(0) + "-"
                    + DisputeRules.sha256(key).substring(0, 12).toUpperCase(java.util.Locale.ROOT);
            String id = filing.disputeId();
            Instant now = clock.instant();
            log.debug("Sandbox network: chargeback {} filed for case {} (authorization {}, reason {} {}, {} {} minor, "
                            + "deadline {})", reference, id, filing.authorizationId(), filing.reason().network(),
                    filing.reason().code(), filing.amountMinor(), filing.currency(), filing.filingDeadline());
            return new Filed(reference, now);
        });
    }

    @Override
    public void withdraw(String reference) {
        filed.values().removeIf(f -> f.reference().equals(reference));
        log.debug("Sandbox network: chargeback {} withdrawn", reference);
    }
}
