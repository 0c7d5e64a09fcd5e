package dev.anshin.privacy;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.hybrid.HybridConfig;
import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.FreeText;
import dev.anshin.problems.RequestProblem;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The registry of recipients. A recipient's items must lie within what third-party provision may use
 * (no financial data); its key must be a Tink HPKE public keyset, checked at registration, so an
 * export can always be encrypted for it. Registering the same recipient again with the same entry
 * is a retry; a different entry under a known id is a conflict (replacing a recipient's key is not
 * built yet).
 */
@Service
public class Recipients {

    /** A recipient as the privacy officer describes it. */
    public record NewRecipient(String id, RecipientKind kind, String nameJa, String nameEn, String country,
            String useJa, String useEn, Set<PersonalField> fields, String publicKeyset) {
    }

    static final int MAX_KEYSET_CHARS = 16_000;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{2,63}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Recipients(JdbcClient jdbc, AuditLog audit, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        try {
            HybridConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot register Tink's hybrid encryption", e);
        }
    }

    /** Registers a recipient (PRIVACY_OFFICER); a retry with the same entry returns the one registered. */
    public Recipient register(Actor actor, NewRecipient entry) {
        validate(entry);
        if (!actor.serves(Purpose.THIRD_PARTY_PROVISION)) {
            audit.record(new AuditEvent(actor.name(), "recipient.register", "recipient/" + entry.id(),
                    Purpose.THIRD_PARTY_PROVISION.name(), AuditOutcome.DENIED, actor.origin(), "forbidden"));
            throw new RequestProblem(dev.anshin.problems.ProblemType.FORBIDDEN,
                    "Only a privacy officer registers recipients.", List.of());
        }
        Optional<Recipient> existing = find(entry.id());
        if (existing.isPresent()) {
            return sameEntry(existing.get(), entry);
        }
        Instant now = clock.instant();
        try {
            transactions.executeWithoutResult(tx -> {
                jdbc.sql("""
                                INSERT INTO provision_recipients (id, kind, name_ja, name_en, country, use_ja, use_en,
                                    fields, public_keyset, registered_by, registered_at)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(entry.id(), entry.kind().name(), entry.nameJa(), entry.nameEn(), entry.country(),
                                entry.useJa(), entry.useEn(), PersonalField.names(entry.fields()), entry.publicKeyset(),
                                actor.name(), Timestamp.from(now))
                        .update();
                audit.record(new AuditEvent(actor.name(), "recipient.register", "recipient/" + entry.id(),
                        Purpose.THIRD_PARTY_PROVISION.name(), AuditOutcome.SUCCESS, actor.origin(),
                        "kind=" + entry.kind() + " fields=" + PersonalField.names(entry.fields())));
            });
        } catch (DuplicateKeyException registeredMeanwhile) {
            return sameEntry(find(entry.id()).orElseThrow(), entry);
        }
        return find(entry.id()).orElseThrow();
    }

    private static Recipient sameEntry(Recipient known, NewRecipient entry) {
        boolean same = known.kind() == entry.kind() && known.nameJa().equals(entry.nameJa())
                && known.nameEn().equals(entry.nameEn()) && known.country().equals(entry.country())
                && known.useJa().equals(entry.useJa()) && known.useEn().equals(entry.useEn())
                && known.fields().equals(entry.fields()) && known.publicKeyset().equals(entry.publicKeyset());
        if (!same) {
            throw RequestProblem.conflict("A recipient with this id is registered with a different entry.");
        }
        return known;
    }

    public List<Recipient> list() {
        return jdbc.sql(SELECT + " ORDER BY id").query(Recipients::recipient).list();
    }

    public Optional<Recipient> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(Recipients::recipient).optional();
    }

    /** The recipient named in a request, or a problem naming the field. */
    Recipient named(String id, String field) {
        if (id == null || id.isBlank()) {
            throw RequestProblem.invalid(field, "name the recipient");
        }
        return find(id).orElseThrow(() -> RequestProblem.invalid(field, "not a registered recipient"));
    }

    /** The cipher that encrypts for this recipient only (its public key). */
    static HybridEncrypt encrypter(Recipient recipient) {
        try {
            return publicKeyset(recipient.publicKeyset())
                    .getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the recipient's key was valid at registration", e);
        }
    }

    private static void validate(NewRecipient entry) {
        List<FieldProblem> problems = new ArrayList<>();
        if (entry.id() == null || !ID.matcher(entry.id()).matches()) {
            problems.add(new FieldProblem("id", "3 to 64 lower-case letters, digits or '-', starting with a letter or digit"));
        }
        if (entry.kind() == null) {
            problems.add(new FieldProblem("kind", "one of " + List.of(RecipientKind.values())));
        }
        text(problems, "nameJa", entry.nameJa(), 200);
        text(problems, "nameEn", entry.nameEn(), 200);
        text(problems, "useJa", entry.useJa(), 500);
        text(problems, "useEn", entry.useEn(), 500);
        if (entry.country() == null || !COUNTRY.matcher(entry.country()).matches()) {
            problems.add(new FieldProblem("country", "an ISO 3166-1 alpha-2 code such as JP"));
        }
        if (entry.fields() == null || entry.fields().isEmpty()) {
            problems.add(new FieldProblem("fields", "name at least one field"));
        } else {
            for (PersonalField field : entry.fields()) {
                if (!Purpose.THIRD_PARTY_PROVISION.allows(field)) {
                    problems.add(new FieldProblem("fields", field + " (" + field.category()
                            + ") is never provided to third parties"));
                }
            }
        }
        keysetProblem(entry.publicKeyset()).ifPresent(message -> problems.add(new FieldProblem("publicKeyset", message)));
        if (!problems.isEmpty()) {
            throw RequestProblem.invalid(problems);
        }
    }

    /** What is wrong with a recipient's key, in words that never quote it; empty when it is a usable public keyset. */
    static Optional<String> keysetProblem(String json) {
        String expected = "a Tink hybrid (HPKE) public keyset in JSON, such as the recipient gets from "
                + "tinkey create-public-keyset; never the private keyset";
        if (json == null || json.isBlank() || json.length() > MAX_KEYSET_CHARS) {
            return Optional.of(expected);
        }
        try {
            KeysetHandle keyset = publicKeyset(json);
            for (int i = 0; i < keyset.size(); i++) {
                if (!(keyset.getAt(i).getKey() instanceof HpkePublicKey)) {
                    return Optional.of(expected);
                }
            }
            keyset.getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
            return Optional.empty();
        } catch (GeneralSecurityException | RuntimeException e) {
            // A private keyset fails here too (it holds secret key material).
            return Optional.of(expected);
        }
    }

    private static KeysetHandle publicKeyset(String json) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(json);
    }

    private static void text(List<FieldProblem> problems, String field, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            problems.add(new FieldProblem(field, "1 to " + max + " characters"));
        } else {
            // Shown to cardholders when they give or withdraw consent.
            FreeText.check(problems, field, value);
        }
    }

    private static final String SELECT = """
            SELECT id, kind, name_ja, name_en, country, use_ja, use_en, fields, public_keyset, registered_by,
                registered_at FROM provision_recipients""";

    private static Recipient recipient(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Recipient(rs.getString("id"), RecipientKind.valueOf(rs.getString("kind")), rs.getString("name_ja"),
                rs.getString("name_en"), rs.getString("country"), rs.getString("use_ja"), rs.getString("use_en"),
                PersonalField.fromNames(rs.getString("fields")), rs.getString("public_keyset"), rs.getString("registered_by"),
                rs.getTimestamp("registered_at").toInstant());
    }
}
