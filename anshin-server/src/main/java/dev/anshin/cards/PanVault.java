package dev.anshin.cards;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.keys.KeysetFiles;
import dev.anshin.problems.RequestProblem;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The PAN vault (PCI DSS 3.5): the only place a full card number is kept, encrypted with a vault key
 * that lives outside the database and bound to the card's token. Reading it back (detokenizing) is a
 * separate operation for the CARD_DATA role, and every attempt is audited with the card shown as BIN
 * and last four only.
 */
@Component
class PanVault {

    private final JdbcClient jdbc;
    private final Aead aead;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PanVault(JdbcClient jdbc, CardsProperties properties, AuditLog audit, TransactionTemplate transactions,
            Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        KeysetFiles.refuseFreshKeyOverData(properties.vaultKeyset(), properties.vaultKeysetFile(),
                () -> jdbc.sql("SELECT COUNT(*) FROM pan_vault").query(Long.class).single(), "stored card numbers");
        try {
            AeadConfig.register();
            this.aead = KeysetFiles.load(properties.vaultKeyset(), properties.vaultKeysetFile(),
                            PredefinedAeadParameters.AES256_GCM, "PAN vault keyset (stored card numbers are lost without it)")
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the PAN vault keyset", e);
        }
    }

    /** Stores the PAN of a card being registered; call in the registration's transaction. */
    void store(String token, Pan pan) {
        try {
            String ciphertext = Base64.getEncoder().encodeToString(aead.encrypt(
                    pan.digits().getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII)));
            jdbc.sql("INSERT INTO pan_vault (token, ciphertext, stored_at) VALUES (?, ?, ?)")
                    .params(token, ciphertext, Timestamp.from(clock.instant()))
                    .update();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a card number", e);
        }
    }

    /** Destroys the stored numbers of a customer's cards (the customer was erased). */
    void deleteOfCustomer(String customerId) {
        jdbc.sql("DELETE FROM pan_vault WHERE token IN (SELECT token FROM cards WHERE customer_id = ?)")
                .param(customerId).update();
    }

    /** The full card number, for an actor with the CARD_DATA role; audited whether it succeeds or not. */
    String detokenize(Card card, String actor, String origin, String reference) {
        String resource = "card/" + card.masked();
        String ciphertext = jdbc.sql("SELECT ciphertext FROM pan_vault WHERE token = ?").param(card.token())
                .query(String.class).optional().orElse(null);
        if (ciphertext == null) {
            audit.record(new AuditEvent(actor, "card.detokenize", resource, null, AuditOutcome.FAILURE, origin,
                    "not in the vault"));
            throw RequestProblem.notFound("This card's number is not in the vault (registered before the vault, or its customer was erased).");
        }
        return transactions.execute(tx -> {
            String pan = decrypt(card.token(), ciphertext);
            audit.record(new AuditEvent(actor, "card.detokenize", resource, null, AuditOutcome.SUCCESS, origin,
                    reference == null ? null : "reference " + reference));
            return pan;
        });
    }

    private String decrypt(String token, String ciphertext) {
        try {
            return new String(aead.decrypt(Base64.getDecoder().decode(ciphertext),
                    token.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored card number does not decrypt", e);
        }
    }
}
