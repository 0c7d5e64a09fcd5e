package dev.anshin.notifications;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The sender for demos and tests, never a production default: "delivers" a notification by writing one log
 * line (logger {@code dev.anshin.notifications.sandbox}, DEBUG) with the notification id, the masked card,
 * the merchant and the amount, in Japanese. Never a card number, never the customer's name or address (it
 * does not have them). A notice's secrets (a setup link, a one-time code) are masked in its line; the notice
 * itself is kept in memory, the latest {@link #KEPT}, as the cardholder's inbox would hold it, for tests to
 * read ({@link #noticesTo}) and for the demo's sandbox inbox page ({@link SandboxInboxes}), which shows one
 * person's notices at an address made from a key of this start ({@link #inboxKey}): nothing is kept on disk, a
 * restart empties every inbox and changes every address.
 *
 * <p>On only with {@code anshin.notifications.sandbox-sender=true} (the demo profile and the tests); a real
 * e-mail or push sender is the issuer's (docs/notifications.md).
 */
@Component
@ConditionalOnProperty(prefix = "anshin.notifications", name = "sandbox-sender", havingValue = "true")
public class SandboxNotificationSender implements NotificationSender {

    /** How many notices the sandbox inbox keeps (the oldest go first). */
    static final int KEPT = 200;
    private static final Logger log = LoggerFactory.getLogger("dev.anshin.notifications.sandbox");

    /** A notice as the inbox holds it: when it arrived. */
    public record Delivered(CardholderNotice notice, Instant at) {
    }

    private final Deque<Delivered> inbox = new ArrayDeque<>();
    private final Clock clock;
    private final SecretKeySpec inboxKeys;

    SandboxNotificationSender() {
        this(Clock.systemUTC());
    }

    /** With the application's clock when there is one (a bare test context has none). */
    @Autowired
    SandboxNotificationSender(ObjectProvider<Clock> clock) {
        this(clock.getIfAvailable(Clock::systemUTC));
    }

    private SandboxNotificationSender(Clock clock) {
        this.clock = clock;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.inboxKeys = new SecretKeySpec(key, "HmacSHA256");
        LoggerFactory.getLogger(SandboxNotificationSender.class).warn("Notices go to the sandbox sender (a log "
                + "line each, logger dev.anshin.notifications.sandbox at DEBUG, secrets masked): no cardholder is "
                + "notified. Provide a NotificationSender bean and leave "
                + "anshin.notifications.sandbox-sender off (docs/notifications.md).");
    }

    @Override
    public void send(UsageNotification notification) {
        UsageMessage m = notification.message();
        String merchant = m.brandJa() == null ? m.merchant(true) : m.brandJa() + " (" + m.descriptor() + ")";
        log.debug("Usage notification {} (attempt {}): card {} {} {} at {} [{}, {}] {}", notification.id(),
                notification.attempt(), m.maskedCard(), m.time(), m.amount(java.util.Locale.JAPANESE), merchant,
                m.country(), m.cardPresent() ? "card present" : "card not present", m.decision());
    }

    @Override
    public void sendNotice(CardholderNotice notice) {
        synchronized (inbox) {
            inbox.addLast(new Delivered(notice, clock.instant()));
            while (inbox.size() > KEPT) {
                inbox.removeFirst();
            }
        }
        log.debug("Notice {} to customer {}: {}", notice.id(), notice.customerId(), notice.masked(notice.textJa()));
    }

    /** The notices "delivered" to the customer, oldest first (of the latest {@link #KEPT} to anyone). */
    public List<CardholderNotice> noticesTo(String customerId) {
        synchronized (inbox) {
            return inbox.stream().map(Delivered::notice)
                    .filter(n -> n.customerId() != null && n.customerId().equals(customerId)).toList();
        }
    }

    /** The notices to the customer whose {@link #inboxKey} this is, newest first (none for a key of no one). */
    List<Delivered> inbox(String key) {
        if (key == null || key.length() != KEY_LENGTH) {
            return List.of();
        }
        List<Delivered> newestFirst = new ArrayList<>();
        synchronized (inbox) {
            inbox.descendingIterator().forEachRemaining(newestFirst::add);
        }
        return newestFirst.stream().filter(d -> d.notice().customerId() != null
                && key.equals(inboxKey(d.notice().customerId()))).toList();
    }

    /**
     * The customer's inbox key: a keyed hash of the customer id (the id itself is not in the address, and no
     * address can be guessed from another), with a key made at this start.
     */
    String inboxKey(String customerId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(inboxKeys);
            byte[] hash = mac.doFinal(customerId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, KEY_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** 32 characters of base64url: 192 bits. */
    static final int KEY_LENGTH = 32;
}
