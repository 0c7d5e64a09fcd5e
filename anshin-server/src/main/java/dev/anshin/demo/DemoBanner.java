package dev.anshin.demo;

import dev.anshin.access.Role;
import dev.anshin.access.StaffLanding;
import dev.anshin.access.StartupCredentialsListener;
import dev.anshin.keys.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Everything a demo user needs in one block: the URLs, the console users with their password, the
 * demo cardholder's portal sign-in, and the README's API keys and customer id as {@code export}
 * lines. Printed when the demo's set-up is done (its logs above it), again every
 * {@code anshin.demo.banner-every} so that the log never scrolls it away for good, and written to an
 * owner-only file in the data folder, which the banner names.
 *
 * <p>Keys and passwords are stored only hashed, so the banner keeps them in memory from the moment
 * they are made: the startup key and the console users come from access through
 * {@link StartupCredentialsListener}, the rest from the demo itself.
 */
@Component
@ConditionalOnProperty(name = "anshin.demo.enabled", havingValue = "true")
class DemoBanner implements StartupCredentialsListener {

    private static final Logger log = LoggerFactory.getLogger(DemoBanner.class);
    static final String FILE = "demo-credentials.txt";

    /** What the demo made at this start, shown below the console users. */
    record Running(int port, double rate, String cardholderLogin, String cardholderPassword,
            String authenticatorKey, String customerId, String maskedCard, String supportKey, String privacyKey,
            String backupKey, String intakeKey, String partnerKey, List<String> sandboxes, boolean inbox,
            String statisticsKey) {
    }

    private final Duration every;
    private final Clock clock;
    private final Path file;
    /** Console user name to its password and roles, as printed. */
    private final Map<String, StaffUser> staff = new LinkedHashMap<>();
    private String startupKey;
    private String startupKeyRoles;
    private String text;
    private Instant shownAt;

    DemoBanner(DemoProperties properties, Clock clock, @Value("${anshin.data-dir}") Path dataDir) {
        this.every = properties.bannerEvery();
        this.clock = clock;
        this.file = dataDir.resolve(FILE).toAbsolutePath().normalize();
        try {
            // The keys in an earlier run's file were revoked at this start: gone now rather than when
            // this start's banner replaces them a minute or two later.
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A demo staff user as the banner shows them. */
    private record StaffUser(String password, String roles, String landing) {
    }

    @Override
    public synchronized void startupKeyGenerated(String key, Set<Role> roles) {
        startupKey = key;
        startupKeyRoles = names(roles);
    }

    @Override
    public synchronized void demoUserCreated(String name, String password, Set<Role> roles) {
        staff.put(name, new StaffUser(password, names(roles), StaffLanding.pathFor(roles)));
    }

    /** Prints the banner, writes it to the file, and from now on {@link #showAgainIfDue} prints it again. */
    synchronized void show(Running running) {
        text = text(running);
        try {
            OwnerOnlyFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.warn("demo: could not write the credentials to {}: {}", file, e.toString());
        }
        print();
    }

    /** Prints the banner again if {@code anshin.demo.banner-every} has passed since it last was (called often). */
    synchronized void showAgainIfDue() {
        if (text != null && repeats() && !clock.instant().isBefore(shownAt.plus(every))) {
            print();
        }
    }

    private void print() {
        System.out.print("\n" + text);
        System.out.flush();
        shownAt = clock.instant();
    }

    private boolean repeats() {
        return !every.isNegative() && !every.isZero();
    }

    private String text(Running r) {
        StringBuilder b = new StringBuilder();
        b.append("==== Anshin demo is running ====\n");
        b.append("Plain HTTP, reachable from this machine only: a demo, not a deployment\n");
        b.append("(./anshin serve speaks HTTPS; docs/tls.md).\n");
        b.append(String.format(Locale.ROOT, "Staff:    http://localhost:%d/login   (each user lands on their own page)\n",
                r.port()));
        if (staff.isEmpty()) {
            b.append("          (no demo users: anshin.access.demo-users is off)\n");
        }
        staff.forEach((name, user) -> b.append(String.format(Locale.ROOT, "          %-7s / %s   %s (%s)\n", name,
                user.password(), user.landing(), user.roles())));
        if (staff.values().stream().anyMatch(u -> u.landing().equals("/service"))) {
            b.append("          (customer service also serves the support window: /support-window)\n");
        }
        if (staff.values().stream().anyMatch(u -> u.landing().equals("/console/applications"))) {
            b.append("          (the credit officer decides the referred applications there, and the re-screening's\n"
                    + "           limit proposals at /console/screening/proposals, runs at /console/screening/runs)\n");
        }
        if (staff.values().stream().anyMatch(u -> u.landing().equals("/privacy/requests"))) {
            b.append("          (the privacy officer approves the provisions the demo asks for at /privacy/provisions,\n"
                    + "           reads the points partner's receipts at /privacy/partner-receipts and can publish\n"
                    + "           the analyst's statistics previews at /console/statistics)\n");
        }
        if (staff.values().stream().anyMatch(u -> u.landing().equals("/voice"))) {
            b.append("          (customer experience: the voice of the customer at /voice, its queues and surge alerts,\n"
                    + "           the monthly review with its PDF at /voice/reviews; support enters a counter's voice at\n"
                    + "           /voice/counter and imports call-center exports at /voice/imports)\n");
        }
        b.append(String.format(Locale.ROOT,
                "Apply:    http://localhost:%d/apply   (apply for a card as a newcomer would; README: \"Apply for a card\")\n",
                r.port()));
        b.append(String.format(Locale.ROOT,
                "Opinion:  http://localhost:%d/opinion   (the public opinion form; README: \"Voice of the customer\")\n",
                r.port()));
        if (!r.sandboxes().isEmpty()) {
            // One line: what is only pretended (docs/ekyc.md, docs/screening.md, docs/notifications.md).
            List<String> names = r.sandboxes();
            b.append("Sandbox:  ").append(names.size() == 1 ? names.get(0) : String.join(", ",
                            names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1))
                    .append(r.sandboxes().size() == 1 ? " is a stand-in" : " are stand-ins")
                    .append(r.inbox() ? String.format(Locale.ROOT,
                            "; an applicant's codes and links: http://localhost:%d/sandbox/inbox", r.port()) : "")
                    .append("\n");
        }
        b.append(String.format(Locale.ROOT, """
                API:      http://localhost:%d/api/v1/authorizations   (reference: /api-docs)
                Live:     %.0f simulated authorizations per second
                Cardholder portal: http://localhost:%d/portal/login
                          login ID %s, password %s
                          authenticator key %s (add it to an authenticator app,
                          or get the current code with: ./anshin totp %s)
                For the README's examples (API keys new each start):
                """, r.port(), r.rate(), r.port(), r.cardholderLogin(), r.cardholderPassword(), r.authenticatorKey(),
                r.authenticatorKey()));
        if (startupKey != null) {
            b.append("  export ANSHIN_API_KEY=").append(startupKey).append("   # ").append(startupKeyRoles)
                    .append(" (the X-Api-Key printed at start)\n");
        } else {
            b.append("  # ANSHIN_API_KEY: the key you set when you started the demo\n");
        }
        b.append(String.format(Locale.ROOT, """
                  export SUPPORT_KEY=%s   # CUSTOMER_SERVICE: customers, card links, disputes, voices
                  export PRIVACY_KEY=%s   # PRIVACY_OFFICER: ./anshin privacy master-key
                  export BACKUP_KEY=%s   # BACKUP_OPERATOR: ./anshin backup --url
                  export INTAKE_KEY=%s   # APPLICATION_INTAKE: POST /api/v1/applications (a partner channel)
                  export PARTNER_KEY=%s   # PARTNER_DATA: POST /api/v1/partner-data/receipts (provider demo-points)
                  export STATISTICS_KEY=%s   # STATISTICS_READER: GET /api/v1/statistics/published (a partner)
                  export CUSTOMER_ID=%s   # the demo cardholder above (card %s)
                """, r.supportKey(), r.privacyKey(), r.backupKey(), r.intakeKey(), r.partnerKey(), r.statisticsKey(), r.customerId(),
                r.maskedCard()));
        b.append("All of this is in ").append(file).append(" (readable by you only)")
                .append(repeats() ? "; printed again every " + human(every) + ".\n" : ".\n");
        b.append("================================\n");
        return b.toString();
    }

    private static String names(Set<Role> roles) {
        return roles.stream().map(Role::name).collect(Collectors.joining(", "));
    }

    private static String human(Duration d) {
        if (d.toSeconds() % 60 != 0) {
            return d.toSeconds() + " s";
        }
        long minutes = d.toMinutes();
        return minutes == 1 ? "minute" : minutes + " minutes";
    }
}
