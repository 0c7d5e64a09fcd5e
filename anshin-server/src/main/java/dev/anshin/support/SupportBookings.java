package dev.anshin.support;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.privacy.CustomerErased;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.Purpose;
import dev.anshin.problems.FreeText;
import dev.anshin.problems.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bookings of the support window, as a collection: book, move and cancel for the customer, close
 * with an outcome for staff, each in one transaction with its audit entry. The slot's place is taken
 * by a conditional update of its counter ({@code booked < capacity}), which the database serializes,
 * so the last place goes to exactly one of two concurrent bookings; the form's request id makes a
 * second send of the same form return the first booking; one open booking per customer and kind
 * (a unique key), released once its slot has ended even if staff never closed it.
 */
@Service
public class SupportBookings {

    /** A slot of a day, with the places left. */
    public record Slot(Instant start, int free) {
        public boolean full() {
            return free <= 0;
        }
    }

    static final int MAX_NOTE = 500;
    private static final String COLUMNS = "id, customer_id, kind, starts_at, topic, note, status, booked_at, closed_at, "
            + "closed_by, staff_note";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final SupportProperties settings;
    private final SlotCalendar calendar;
    private final Clock clock;
    private final PersonalData personalData;

    SupportBookings(JdbcClient jdbc, TransactionTemplate transactions, AuditLog audit, SupportProperties settings,
            Clock clock, PersonalData personalData) {
        this.personalData = personalData;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
        this.settings = settings;
        this.calendar = new SlotCalendar(settings);
        this.clock = clock;
    }

    SlotCalendar calendar() {
        return calendar;
    }

    SupportProperties settings() {
        return settings;
    }

    java.time.Clock calendarClock() {
        return clock;
    }

    /** The days with a slot still to come. */
    public List<LocalDate> days() {
        return calendar.days(clock.instant());
    }

    /** The slots still to come on the day for the kind, each with its free places (0: full). */
    public List<Slot> slots(SupportKind kind, LocalDate day) {
        List<Instant> starts = calendar.offeredOn(day, clock.instant());
        if (starts.isEmpty()) {
            return List.of();
        }
        Map<Instant, Integer> booked = new HashMap<>();
        jdbc.sql("SELECT starts_at, booked FROM support_slots WHERE kind = ? AND starts_at >= ? AND starts_at <= ?")
                .params(kind.name(), Timestamp.from(starts.get(0)), Timestamp.from(starts.get(starts.size() - 1)))
                .query((rs, n) -> booked.put(rs.getTimestamp(1).toInstant(), rs.getInt(2))).list();
        int capacity = settings.capacity(kind);
        return starts.stream().map(s -> new Slot(s, Math.max(0, capacity - booked.getOrDefault(s, 0)))).toList();
    }

    /**
     * Books the slot for the customer. The same request id again returns the booking it made (a form
     * sent twice books once).
     *
     * @throws SupportRefused SLOT_FULL, SLOT_NOT_OFFERED, ALREADY_BOOKED, INVALID_*
     */
    public Booking book(String customerId, SupportKind kind, Instant start, SupportTopic topic, String note,
            String requestId, String origin) {
        if (requestId == null || !Ids.isUuid(requestId)) {
            throw new SupportRefused(SupportRefused.Reason.INVALID_REQUEST);
        }
        if (kind == null || topic == null) {
            throw new SupportRefused(SupportRefused.Reason.INVALID_CHOICE);
        }
        String text = note(note);
        Optional<Booking> earlier = byRequest(customerId, requestId);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            return bookOnce(customerId, kind, start, topic, text, requestId, origin);
        } catch (SupportRefused refused) {
            // The same form sent twice at once: the other send may have booked meanwhile (its place or
            // its open booking is why this one was refused); that booking is this form's answer.
            if (refused.reason() == SupportRefused.Reason.SLOT_FULL
                    || refused.reason() == SupportRefused.Reason.ALREADY_BOOKED) {
                Optional<Booking> booked = byRequest(customerId, requestId).filter(Booking::open);
                if (booked.isPresent()) {
                    return booked.get();
                }
            }
            throw refused;
        }
    }

    private Booking bookOnce(String customerId, SupportKind kind, Instant start, SupportTopic topic, String text,
            String requestId, String origin) {
        Instant now = clock.instant();
        if (!calendar.offered(start, now)) {
            throw new SupportRefused(SupportRefused.Reason.SLOT_NOT_OFFERED);
        }
        releaseEnded(customerId, kind, now);
        if (openBooking(customerId, kind).isPresent()) {
            throw new SupportRefused(SupportRefused.Reason.ALREADY_BOOKED);
        }
        ensureSlot(kind, start);
        String id = UUID.randomUUID().toString();
        try {
            return transactions.execute(tx -> {
                take(kind, start);
                jdbc.sql("INSERT INTO support_bookings (id, customer_id, kind, starts_at, topic, note, status, request_id, "
                                + "booked_at, open_kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(id, customerId, kind.name(), Timestamp.from(start), topic.name(),
                                seal(customerId, id, "note", text),
                                BookingStatus.BOOKED.name(), requestId, Timestamp.from(now), kind.name())
                        .update();
                record(cardholder(customerId), "support.booking.book", id, origin, kind + " " + start);
                return find(id).orElseThrow();
            });
        } catch (DuplicateKeyException raced) {
            // The same form sent twice at once, or another booking of this kind made meanwhile.
            return byRequest(customerId, requestId)
                    .orElseThrow(() -> new SupportRefused(SupportRefused.Reason.ALREADY_BOOKED));
        }
    }

    /** Moves the customer's open booking to another slot of its kind; moving to where it is changes nothing. */
    public Booking move(String customerId, String bookingId, Instant start, String origin) {
        Booking booking = own(customerId, bookingId);
        Instant now = clock.instant();
        if (booking.startsAt().equals(start) && booking.open()) {
            return booking;
        }
        if (!booking.changeable(now)) {
            throw new SupportRefused(SupportRefused.Reason.CLOSED);
        }
        if (!calendar.offered(start, now)) {
            throw new SupportRefused(SupportRefused.Reason.SLOT_NOT_OFFERED);
        }
        ensureSlot(booking.kind(), start);
        return transactions.execute(tx -> {
            Booking locked = lock(bookingId).filter(b -> b.customerId().equals(customerId))
                    .orElseThrow(() -> new SupportRefused(SupportRefused.Reason.NOT_FOUND));
            if (!locked.changeable(now)) {
                throw new SupportRefused(SupportRefused.Reason.CLOSED);
            }
            // Both slot rows locked earliest first, whichever way the move goes: two opposite moves
            // between the same slots wait for each other instead of deadlocking.
            lockSlots(locked.kind(), locked.startsAt(), start);
            take(locked.kind(), start);
            free(locked.kind(), locked.startsAt());
            jdbc.sql("UPDATE support_bookings SET starts_at = ?, booked_at = ?, day_before_sent_at = NULL, "
                            + "shortly_sent_at = NULL WHERE id = ?")
                    .params(Timestamp.from(start), Timestamp.from(now), bookingId).update();
            record(cardholder(customerId), "support.booking.move", bookingId, origin,
                    locked.startsAt() + " -> " + start);
            return find(bookingId).orElseThrow();
        });
    }

    /** Cancels the customer's open booking and frees its place; cancelling again changes nothing. */
    public Booking cancel(String customerId, String bookingId, String origin) {
        Booking booking = own(customerId, bookingId);
        if (booking.status() == BookingStatus.CANCELLED) {
            return booking;
        }
        return close(bookingId, b -> b.customerId().equals(customerId) && b.changeable(clock.instant()),
                BookingStatus.CANCELLED, cardholder(customerId), null, origin);
    }

    /**
     * Staff close an open booking with its outcome (served, no-show, cancelled for the issuer, which
     * frees the place) and an optional note; the same outcome again changes nothing.
     */
    public Booking close(String staff, String bookingId, BookingStatus outcome, String note, String origin) {
        if (outcome == null || outcome == BookingStatus.BOOKED || outcome == BookingStatus.CANCELLED) {
            throw new SupportRefused(SupportRefused.Reason.INVALID_CHOICE);
        }
        String text = note(note);
        Booking booking = find(bookingId).orElseThrow(() -> new SupportRefused(SupportRefused.Reason.NOT_FOUND));
        if (booking.status() == outcome) {
            return booking;
        }
        // Served or a no-show only once the slot has begun: before, the place would be lost to others.
        if (outcome != BookingStatus.CANCELLED_BY_ISSUER && booking.open() && booking.startsAt().isAfter(clock.instant())) {
            throw new SupportRefused(SupportRefused.Reason.NOT_STARTED);
        }
        return close(bookingId, b -> b.open() && (outcome == BookingStatus.CANCELLED_BY_ISSUER
                || !b.startsAt().isAfter(clock.instant())), outcome, staff, text, origin);
    }

    private Booking close(String bookingId, java.util.function.Predicate<Booking> allowed, BookingStatus outcome,
            String actor, String staffNote, String origin) {
        Instant now = clock.instant();
        return transactions.execute(tx -> {
            Booking locked = lock(bookingId).orElseThrow(() -> new SupportRefused(SupportRefused.Reason.NOT_FOUND));
            if (!allowed.test(locked)) {
                throw new SupportRefused(SupportRefused.Reason.CLOSED);
            }
            jdbc.sql("UPDATE support_bookings SET status = ?, open_kind = NULL, closed_at = ?, closed_by = ?, "
                            + "staff_note = ? WHERE id = ?")
                    .params(outcome.name(), Timestamp.from(now), AuditEvent.fit(actor, AuditEvent.MAX_ACTOR),
                            seal(locked.customerId(), bookingId, "staff-note", staffNote), bookingId)
                    .update();
            if (outcome == BookingStatus.CANCELLED || outcome == BookingStatus.CANCELLED_BY_ISSUER) {
                free(locked.kind(), locked.startsAt());
            }
            record(actor, "support.booking." + outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    bookingId, origin, staffNote == null ? null : "with a note");
            return find(bookingId).orElseThrow();
        });
    }

    /** The customer's bookings, the next first, then the past ones, newest first. */
    public List<Booking> of(String customerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM support_bookings WHERE customer_id = ? ORDER BY starts_at DESC")
                .param(customerId).query(this::booking).list();
    }

    /** Bookings still open whose slot started before {@code before} (left open on an earlier day), by slot. */
    public List<Booking> openBefore(Instant before) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM support_bookings WHERE status = 'BOOKED' AND starts_at < ? "
                        + "ORDER BY starts_at, kind, booked_at")
                .param(Timestamp.from(before)).query(this::booking).list();
    }

    /** Every booking whose slot starts in [from, to), by slot. */
    public List<Booking> between(Instant from, Instant to) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM support_bookings WHERE starts_at >= ? AND starts_at < ? "
                        + "ORDER BY starts_at, kind, booked_at")
                .params(Timestamp.from(from), Timestamp.from(to)).query(this::booking).list();
    }

    public Optional<Booking> find(String bookingId) {
        if (bookingId == null || !Ids.isUuid(bookingId)) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM support_bookings WHERE id = ?").param(bookingId)
                .query(this::booking).optional();
    }

    /** The customer's open booking of the kind, if any. */
    public Optional<Booking> openBooking(String customerId, SupportKind kind) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM support_bookings WHERE customer_id = ? AND open_kind = ?")
                .params(customerId, kind.name()).query(this::booking).optional();
    }

    /** The link of a video consultation (the issuer's conferencing tool, from the settings). */
    public String videoLink(Booking booking) {
        return settings.videoLink(booking.id());
    }

    /** An erased customer's bookings go with their data; the places of open ones are freed. */
    @EventListener
    void onCustomerErased(CustomerErased erased) {
        transactions.executeWithoutResult(tx -> {
            // The bookings locked first (a concurrent cancel or move waits), then their places freed from
            // the locked rows, earliest slot first like every other taker of slot rows.
            List<String[]> open = jdbc.sql("SELECT kind, starts_at, status FROM support_bookings WHERE customer_id = ? "
                            + "ORDER BY starts_at FOR UPDATE")
                    .param(erased.customerId())
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getTimestamp(2).toInstant().toString(),
                            rs.getString(3)})
                    .list();
            for (String[] booking : open) {
                if (BookingStatus.BOOKED.name().equals(booking[2])) {
                    free(SupportKind.valueOf(booking[0]), Instant.parse(booking[1]));
                }
            }
            jdbc.sql("DELETE FROM support_bookings WHERE customer_id = ?").param(erased.customerId()).update();
        });
    }

    // ---- inside -------------------------------------------------------------------------------------

    private Booking own(String customerId, String bookingId) {
        return find(bookingId).filter(b -> b.customerId().equals(customerId))
                .orElseThrow(() -> new SupportRefused(SupportRefused.Reason.NOT_FOUND));
    }

    private Optional<Booking> lock(String bookingId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM support_bookings WHERE id = ? FOR UPDATE").param(bookingId)
                .query(this::booking).optional();
    }

    private Optional<Booking> byRequest(String customerId, String requestId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM support_bookings WHERE customer_id = ? AND request_id = ?")
                .params(customerId, requestId).query(this::booking).optional();
    }

    /** A booking left open after its slot ended (staff never closed it) no longer counts as the customer's open one. */
    private void releaseEnded(String customerId, SupportKind kind, Instant now) {
        jdbc.sql("UPDATE support_bookings SET open_kind = NULL WHERE customer_id = ? AND open_kind = ? AND starts_at <= ?")
                .params(customerId, kind.name(), Timestamp.from(now.minus(settings.slotLength()))).update();
    }

    /** The slot's counter row, made on first use, outside the booking's transaction (a duplicate is another's). */
    private void ensureSlot(SupportKind kind, Instant start) {
        Integer rows = jdbc.sql("SELECT COUNT(*) FROM support_slots WHERE kind = ? AND starts_at = ?")
                .params(kind.name(), Timestamp.from(start)).query(Integer.class).single();
        if (rows == 0) {
            try {
                jdbc.sql("INSERT INTO support_slots (kind, starts_at, booked) VALUES (?, ?, 0)")
                        .params(kind.name(), Timestamp.from(start)).update();
            } catch (DuplicateKeyException made) {
                // made by a concurrent booking: the same row
            }
        }
    }

    /** Takes a place, or refuses: the database lets one of two concurrent takers of the last place through. */
    private void take(SupportKind kind, Instant start) {
        int taken = jdbc.sql("UPDATE support_slots SET booked = booked + 1 WHERE kind = ? AND starts_at = ? AND booked < ?")
                .params(kind.name(), Timestamp.from(start), settings.capacity(kind)).update();
        if (taken == 0) {
            throw new SupportRefused(SupportRefused.Reason.SLOT_FULL);
        }
    }

    /** Locks the slot rows of the two starts, the earliest first (a fixed order: no deadlock between two movers). */
    private void lockSlots(SupportKind kind, Instant one, Instant other) {
        Instant first = one.isBefore(other) ? one : other;
        Instant second = one.isBefore(other) ? other : one;
        for (Instant start : List.of(first, second)) {
            jdbc.sql("SELECT booked FROM support_slots WHERE kind = ? AND starts_at = ? FOR UPDATE")
                    .params(kind.name(), Timestamp.from(start)).query(Integer.class).optional();
        }
    }

    private void free(SupportKind kind, Instant start) {
        jdbc.sql("UPDATE support_slots SET booked = booked - 1 WHERE kind = ? AND starts_at = ? AND booked > 0")
                .params(kind.name(), Timestamp.from(start)).update();
    }

    private static String note(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        String text = note.strip();
        if (text.length() > MAX_NOTE || FreeText.multiLineProblem(text).isPresent()) {
            throw new SupportRefused(SupportRefused.Reason.INVALID_NOTE);
        }
        return text;
    }

    private static String cardholder(String customerId) {
        return "cardholder:" + customerId;
    }

    /** Last in its transaction: the audit chain's head stays locked only for the end of it. */
    private void record(String actor, String action, String bookingId, String origin, String detail) {
        audit.record(new AuditEvent(AuditEvent.fit(actor, AuditEvent.MAX_ACTOR), action, "support-booking/" + bookingId,
                Purpose.SERVICE_OPERATION.name(), AuditOutcome.SUCCESS, AuditEvent.fit(origin, AuditEvent.MAX_ORIGIN),
                detail));
    }

    private Booking booking(ResultSet rs, int row) throws SQLException {
        Timestamp closed = rs.getTimestamp("closed_at");
        String id = rs.getString("id");
        String customerId = rs.getString("customer_id");
        return new Booking(id, customerId, SupportKind.valueOf(rs.getString("kind")),
                rs.getTimestamp("starts_at").toInstant(), SupportTopic.valueOf(rs.getString("topic")),
                open(customerId, id, "note", rs.getString("note")), BookingStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("booked_at").toInstant(), closed == null ? null : closed.toInstant(),
                rs.getString("closed_by"), open(customerId, id, "staff-note", rs.getString("staff_note")));
    }

    /** A note sealed with the customer's own key (it may tell a disability), bound to the booking and field. */
    private String seal(String customerId, String bookingId, String field, String text) {
        return text == null ? null : personalData.seal(customerId, context(bookingId, field), text);
    }

    private String open(String customerId, String bookingId, String field, String sealed) {
        return sealed == null ? null : personalData.open(customerId, context(bookingId, field), sealed).orElse(null);
    }

    private static String context(String bookingId, String field) {
        return "support-booking/" + bookingId + "/" + field;
    }
}
