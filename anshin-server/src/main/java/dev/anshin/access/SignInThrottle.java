package dev.anshin.access;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.audit.RefusalAudit;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Slows down guessing at the sign-in doors (staff at /login, cardholders at the portal), per remote
 * address and per user name typed — unknown names exactly like known ones, so neither guessing
 * names nor telling known from unknown ones goes faster. Every attempt takes a token from both
 * buckets before the password is checked, and a successful one gives them back, so only failures
 * use the budget up: people who type their password right never use it, however often they sign
 * in. But once failures have used up an address's budget, every attempt from it waits, the right
 * password too, until tokens come back: people behind one shared address (a NAT, a proxy) share its
 * budget with whoever fails from there. Checking the password first would spare them, and let the
 * guessing go on at full speed (docs/security.md). The lockout of known accounts (after a few
 * failures in a row) stays as it was; this comes before it.
 */
@Component
public class SignInThrottle {

    /** The two doors; each has its own buckets. */
    public enum Door {
        STAFF("console"), CARDHOLDER("portal");

        final String resource;

        Door(String resource) {
            this.resource = resource;
        }
    }

    private static final int MAX_NAME = 128;

    private record Buckets(TokenBuckets perAddress, TokenBuckets perName) {
    }

    private final Map<Door, Buckets> doors = new EnumMap<>(Door.class);
    private final RefusalAudit refusals;

    SignInThrottle(LimitProperties limits, RefusalAudit refusals, Clock clock) {
        // The application's clock, like every other timed rule of sign-in (lockouts, codes, sessions).
        TimeMeter time = new ClockTime(clock);
        for (Door door : Door.values()) {
            doors.put(door, new Buckets(new TokenBuckets(limits.signInPerAddress(), limits.maxTrackedSubjects(), time),
                    new TokenBuckets(limits.signInPerName(), limits.maxTrackedSubjects(), time)));
        }
        this.refusals = refusals;
    }

    /**
     * Takes an attempt at the door from this address for this name (none for a step that names no
     * one, like the code step): empty when it may go on, else how long to wait. A refusal is
     * audited (aggregated: a flood is counted, not written entry by entry).
     */
    public Optional<Duration> attempt(Door door, String address, String name) {
        Buckets buckets = doors.get(door);
        long wait = buckets.perAddress().take(address);
        String why = "over the limit of failed sign-ins from this address";
        if (wait == 0) {
            wait = buckets.perName().take(normalized(name));
            why = "over the limit of failed sign-ins for this name";
        }
        if (wait == 0) {
            return Optional.empty();
        }
        // Staff sign-in failures are audited under the name typed; a cardholder's login id typed never is.
        String actor = door == Door.STAFF && name != null && !name.isBlank() ? AuditEvent.fit(name, 64) : door.resource
                + ":sign-in";
        refusals.refused(new AuditEvent(actor, "sign-in.rate-limited", door.resource, null, AuditOutcome.DENIED,
                AuditEvent.fit(address, AuditEvent.MAX_ORIGIN), why));
        return Optional.of(Duration.ofNanos(wait));
    }

    /** The attempt succeeded: it does not count against the address or the name. */
    public void succeeded(Door door, String address, String name) {
        Buckets buckets = doors.get(door);
        buckets.perAddress().giveBack(address);
        buckets.perName().giveBack(normalized(name));
    }

    /** Whole seconds to tell a client to wait (Retry-After), at least one. */
    public static long seconds(Duration wait) {
        return Math.max(1, (wait.toNanos() + 999_999_999L) / 1_000_000_000L);
    }

    private static String normalized(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String trimmed = name.trim().toLowerCase(Locale.ROOT);
        return trimmed.length() <= MAX_NAME ? trimmed : trimmed.substring(0, MAX_NAME);
    }
}
