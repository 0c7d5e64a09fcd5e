package dev.anshin.support;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.notifications.CardholderNotice;
import dev.anshin.notifications.CardholderNotices;
import dev.anshin.privacy.Purpose;
import dev.anshin.site.Display;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reminds customers of their bookings through the notifications module's channel: once
 * {@code remind-day-before} before the slot (not for a booking made later than that), and once
 * {@code remind-shortly} before it. Each reminder is claimed in the database before it is sent (one
 * sender wins, whichever instance), recorded in the audit log when it went, and released to be tried
 * again at the next look when the channel failed or anything else went wrong while sending; a channel
 * that carries no cardholder notices at all ({@code NOTICES_NOT_SUPPORTED}) is not tried again (the
 * audit log records the reminder not sent). A process that dies between the claim and the send loses
 * that one reminder. A moved booking is reminded again for its new time.
 */
@Component
class SupportReminders implements InitializingBean, DisposableBean {

    /** Which reminder, and its column. */
    enum Reminder {
        DAY_BEFORE("day_before_sent_at"),
        SHORTLY("shortly_sent_at");

        final String column;

        Reminder(String column) {
            this.column = column;
        }
    }

    record Sent(String bookingId, Reminder reminder) {
    }

    private static final Logger log = LoggerFactory.getLogger(SupportReminders.class);
    /** Failures that trying again cannot mend: the channel does not carry cardholder notices. */
    private static final java.util.Set<String> PERMANENT = java.util.Set.of("NOTICES_NOT_SUPPORTED");

    private final JdbcClient jdbc;
    private final CardholderNotices notices;
    private final AuditLog audit;
    private final MessageSource messages;
    private final SupportProperties settings;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "support-reminders");
        thread.setDaemon(true);
        return thread;
    });

    SupportReminders(JdbcClient jdbc, CardholderNotices notices, AuditLog audit, MessageSource messages,
            SupportProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.notices = notices;
        this.audit = audit;
        this.messages = messages;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        long every = settings.reminderInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                sendDue();
            } catch (RuntimeException e) {
                log.warn("Sending support reminders failed: {}", e.toString()); // the rows stay due
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** Sends every reminder that is due now and not sent yet; returns what this call sent. */
    List<Sent> sendDue() {
        Instant now = clock.instant();
        List<Sent> sent = new ArrayList<>();
        Instant shortly = now.plus(settings.remindShortly());
        for (Due due : due(Reminder.DAY_BEFORE, shortly, now.plus(settings.remindDayBefore()))) {
            // Booked within the day: the reminder shortly before is enough.
            if (due.bookedAt().isBefore(due.startsAt().minus(settings.remindDayBefore()))) {
                send(due, Reminder.DAY_BEFORE, now).ifPresent(sent::add);
            }
        }
        for (Due due : due(Reminder.SHORTLY, now, shortly)) {
            send(due, Reminder.SHORTLY, now).ifPresent(sent::add);
        }
        return sent;
    }

    private record Due(String id, String customerId, SupportKind kind, Instant startsAt, Instant bookedAt) {
    }

    private List<Due> due(Reminder reminder, Instant after, Instant until) {
        return jdbc.sql("SELECT id, customer_id, kind, starts_at, booked_at FROM support_bookings WHERE status = 'BOOKED' "
                        + "AND " + reminder.column + " IS NULL AND starts_at > ? AND starts_at <= ? ORDER BY starts_at")
                .params(Timestamp.from(after), Timestamp.from(until))
                .query((rs, n) -> new Due(rs.getString(1), rs.getString(2), SupportKind.valueOf(rs.getString(3)),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()))
                .list();
    }

    private java.util.Optional<Sent> send(Due due, Reminder reminder, Instant now) {
        int claimed = jdbc.sql("UPDATE support_bookings SET " + reminder.column + " = ? WHERE id = ? AND "
                        + reminder.column + " IS NULL AND status = 'BOOKED' AND starts_at = ?")
                .params(Timestamp.from(now), due.id(), Timestamp.from(due.startsAt())).update();
        if (claimed == 0) {
            return java.util.Optional.empty(); // another look, or another instance, took it
        }
        String id = due.id() + ":" + reminder + ":" + due.startsAt().getEpochSecond();
        try {
            notices.send(new CardholderNotice(id, due.customerId(), text(due, reminder, Locale.JAPANESE),
                    text(due, reminder, Locale.ENGLISH)));
        } catch (CardholderNotices.NotSent failed) {
            if (PERMANENT.contains(failed.code())) {
                // The channel cannot carry notices at all: trying every minute would only fill the log.
                // The claim stays (no retry); the audit log says it did not go.
                audit.record(new AuditEvent("support-reminders", "support.reminder.not-sent",
                        "support-booking/" + due.id(), Purpose.SERVICE_OPERATION.name(), AuditOutcome.FAILURE,
                        "scheduler", reminder.name() + " " + failed.code()));
                return java.util.Optional.empty();
            }
            release(due, reminder);
            log.info("Support reminder {} not sent ({}); tried again at the next look", id, failed.code());
            return java.util.Optional.empty();
        } catch (RuntimeException | Error failed) {
            // Anything else (a bug, the database, the text): the reminder is not lost, it is due again.
            release(due, reminder);
            throw failed;
        }
        audit.record(new AuditEvent("support-reminders", "support.reminder.sent", "support-booking/" + due.id(),
                Purpose.SERVICE_OPERATION.name(), AuditOutcome.SUCCESS, "scheduler", reminder.name()));
        return java.util.Optional.of(new Sent(due.id(), reminder));
    }

    /** Gives a claimed reminder back, to be tried again at the next look. */
    private void release(Due due, Reminder reminder) {
        jdbc.sql("UPDATE support_bookings SET " + reminder.column + " = NULL WHERE id = ?").param(due.id()).update();
    }

    private String text(Due due, Reminder reminder, Locale locale) {
        String kind = messages.getMessage("support.kind." + due.kind().name(), null, locale);
        return messages.getMessage("support.reminder." + reminder.name(),
                new Object[] {Display.time(due.startsAt()), kind}, locale);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
