package dev.anshin.privacy;

import dev.anshin.access.Role;
import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.FreeText;
import dev.anshin.problems.Ids;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The registry of partners that provide personal data to the issuer, kept by the privacy officer and
 * audited. Registering the same provider again with the same entry is a retry; a different entry
 * under a known id is a conflict (a provider's entry is part of the confirmation records made under
 * it, which copy it, so changing one is not built yet).
 */
@Service
public class PartnerProviders {

    /** A provider as the privacy officer describes it. */
    public record NewProvider(String id, String nameJa, String nameEn, String address, String representative,
            Set<PartnerItemKind> items, Purpose purpose, String apiClient) {
    }

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{2,63}");

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PartnerProviders(JdbcClient jdbc, AuditLog audit, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * The purposes a provider's data may be received for: published purposes (the person is told and may
     * opt out) that use product and service usage data. Data from partners is never taken in for a purpose
     * the person cannot see or switch off.
     */
    public static Set<Purpose> receivablePurposes() {
        return Arrays.stream(Purpose.values())
                .filter(p -> p.legalBasis() == LegalBasis.PUBLISHED_PURPOSE && p.allows(DataCategory.PRODUCT_USAGE))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Purpose.class)));
    }

    /** Registers a provider (PRIVACY_OFFICER); a retry with the same entry returns the one registered. */
    public PartnerProvider register(Actor actor, NewProvider entry) {
        validate(entry);
        if (!actor.roles().contains(Role.PRIVACY_OFFICER)) {
            audit.record(new AuditEvent(actor.name(), "partner-provider.register", "partner-provider/" + entry.id(),
                    null, AuditOutcome.DENIED, actor.origin(), "forbidden"));
            throw new RequestProblem(ProblemType.FORBIDDEN, "Only a privacy officer registers providers.", List.of());
        }
        Optional<PartnerProvider> existing = find(entry.id());
        if (existing.isPresent()) {
            return sameEntry(existing.get(), entry);
        }
        Instant now = clock.instant();
        try {
            transactions.executeWithoutResult(tx -> {
                jdbc.sql("""
                                INSERT INTO partner_providers (id, name_ja, name_en, address, representative, items,
                                    purpose, api_client, registered_by, registered_at)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(entry.id(), entry.nameJa(), entry.nameEn(), entry.address(), entry.representative(),
                                names(entry.items()), entry.purpose().name(), entry.apiClient(), actor.name(),
                                Timestamp.from(now))
                        .update();
                audit.record(new AuditEvent(actor.name(), "partner-provider.register", "partner-provider/" + entry.id(),
                        entry.purpose().name(), AuditOutcome.SUCCESS, actor.origin(),
                        "items=" + names(entry.items()) + " client=" + entry.apiClient()));
            });
        } catch (DuplicateKeyException registeredMeanwhile) {
            return sameEntry(find(entry.id()).orElseThrow(), entry);
        }
        return find(entry.id()).orElseThrow();
    }

    private static PartnerProvider sameEntry(PartnerProvider known, NewProvider entry) {
        boolean same = known.nameJa().equals(entry.nameJa()) && known.nameEn().equals(entry.nameEn())
                && known.address().equals(entry.address()) && known.representative().equals(entry.representative())
                && known.items().equals(entry.items()) && known.purpose() == entry.purpose()
                && known.apiClient().equals(entry.apiClient());
        if (!same) {
            throw RequestProblem.conflict("A provider with this id is registered with a different entry.");
        }
        return known;
    }

    public List<PartnerProvider> list() {
        return jdbc.sql(SELECT + " ORDER BY id").query(PartnerProviders::provider).list();
    }

    public Optional<PartnerProvider> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(PartnerProviders::provider).optional();
    }

    static String names(Set<PartnerItemKind> items) {
        return items.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    static Set<PartnerItemKind> kinds(String names) {
        Set<PartnerItemKind> kinds = EnumSet.noneOf(PartnerItemKind.class);
        for (String name : names.split(",")) {
            if (!name.isBlank()) {
                kinds.add(PartnerItemKind.valueOf(name));
            }
        }
        return kinds;
    }

    private static void validate(NewProvider entry) {
        List<FieldProblem> problems = new ArrayList<>();
        if (entry.id() == null || !ID.matcher(entry.id()).matches()) {
            problems.add(new FieldProblem("id", "3 to 64 lower-case letters, digits or '-', starting with a letter or digit"));
        }
        text(problems, "nameJa", entry.nameJa(), 200);
        text(problems, "nameEn", entry.nameEn(), 200);
        text(problems, "address", entry.address(), 300);
        text(problems, "representative", entry.representative(), 200);
        if (entry.items() == null || entry.items().isEmpty()) {
            problems.add(new FieldProblem("items", "name at least one of " + List.of(PartnerItemKind.values())));
        }
        if (entry.purpose() == null || !receivablePurposes().contains(entry.purpose())) {
            problems.add(new FieldProblem("purpose", "one of " + receivablePurposes()
                    + ": a published purpose the person may opt out of"));
        }
        if (entry.apiClient() == null || entry.apiClient().isBlank() || entry.apiClient().length() > 128
                || !Ids.isToken(entry.apiClient())) {
            problems.add(new FieldProblem("apiClient", "the name of the API client (PARTNER_DATA) that sends for "
                    + "this provider: 1 to 128 letters, digits, '.', '_', ':' or '-'"));
        }
        if (!problems.isEmpty()) {
            throw RequestProblem.invalid(problems);
        }
    }

    private static void text(List<FieldProblem> problems, String field, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            problems.add(new FieldProblem(field, "1 to " + max + " characters"));
        } else {
            FreeText.check(problems, field, value);
        }
    }

    private static final String SELECT = """
            SELECT id, name_ja, name_en, address, representative, items, purpose, api_client, registered_by,
                registered_at FROM partner_providers""";

    private static PartnerProvider provider(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new PartnerProvider(rs.getString("id"), rs.getString("name_ja"), rs.getString("name_en"),
                rs.getString("address"), rs.getString("representative"), kinds(rs.getString("items")),
                Purpose.valueOf(rs.getString("purpose")), rs.getString("api_client"), rs.getString("registered_by"),
                rs.getTimestamp("registered_at").toInstant());
    }
}
