package dev.anshin.disputes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for the card network's dispute system, for the demo and tests: it accepts every filing
 * and answers with a reference derived from the case id (so a retried filing gets the same one), and
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
        return filed.computeIfAbsent(filing.disputeId(), id -> {
            String reference = "SBX-" + filing.reason().network().name().charAt(0) + "-" + digest(id);
            Instant now = clock.instant();
            log.info("Sandbox network: chargeback {} filed for case {} (authorization {}, reason {} {}, {} {} minor, "
                            + "deadline {})", reference, id, filing.authorizationId(), filing.reason().network(),
                    filing.reason().code(), filing.amountMinor(), filing.currency(), filing.filingDeadline());
            return new Filed(reference, now);
        });
    }

    @Override
    public void withdraw(String reference) {
        log.info("Sandbox network: chargeback {} withdrawn", reference);
    }

    private static String digest(String id) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6).toUpperCase(java.util.Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
