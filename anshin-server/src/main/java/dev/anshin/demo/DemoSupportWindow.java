package dev.anshin.demo;

import dev.anshin.support.Booking;
import dev.anshin.support.SupportBookings;
import dev.anshin.support.SupportKind;
import dev.anshin.support.SupportRefused;
import dev.anshin.support.SupportTopic;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's cardholders using the support window, so customer service's page has work: now and then
 * one books a call-back or a video consultation (mostly in the next few days), moves an open booking
 * or cancels it, through the same service the portal uses. A refusal (the slot filled meanwhile, one
 * open booking per kind) is what a person would meet too, and is simply skipped. The demo cardholder
 * who signs in to the portal (index 0) is left to the person trying it.
 */
final class DemoSupportWindow {

    private static final Logger log = LoggerFactory.getLogger(DemoSupportWindow.class);
    /** Bookings made at once when the demo starts, so the page is not empty at first. */
    private static final int FIRST_BOOKINGS = 25;
    /** The simulated customers' notes (sealed when stored: the demo's plaintext test looks for them). */
    static final String[] NOTES = {null, null, "午前中は会議のため、できれば午後に。", "手話通訳をお願いします。",
            "筆談でお願いします。", "利用明細の見方を教えてください。", null};

    private final SupportBookings bookings;
    private final List<String> customers;
    private final SplittableRandom random;
    private boolean started;
    private int made;

    private final java.time.Clock clock;

    DemoSupportWindow(SupportBookings bookings, List<String> customers, long seed, java.time.Clock clock) {
        this.bookings = bookings;
        this.clock = clock;
        this.customers = customers;
        this.random = new SplittableRandom(seed ^ 0x5EED5L);
    }

    /** One step of the simulated cardholders (the first time, a batch of bookings). */
    synchronized void act() {
        if (customers.isEmpty()) {
            return;
        }
        try {
            if (!started) {
                started = true;
                for (int i = 0; i < FIRST_BOOKINGS; i++) {
                    book(customer());
                }
                log.info("demo: {} support-window bookings made; more are booked, moved and cancelled as the demo runs",
                        made);
                return;
            }
            String customer = customer();
            int choice = random.nextInt(10);
            List<Booking> open = bookings.of(customer).stream().filter(b -> b.changeable(clock.instant())).toList();
            if (choice < 6 || open.isEmpty()) {
                book(customer);
            } else if (choice < 8) {
                Booking booking = open.get(random.nextInt(open.size()));
                freeSlot(booking.kind()).ifPresent(start -> {
                    bookings.move(customer, booking.id(), start, "demo");
                });
            } else {
                bookings.cancel(customer, open.get(random.nextInt(open.size())).id(), "demo");
            }
        } catch (SupportRefused refused) {
            // the slot filled, or already booked: a person would choose again later
        } catch (RuntimeException e) {
            log.debug("demo: a support-window step failed: {}", e.toString());
        }
    }

    private void book(String customer) {
        SupportKind kind = random.nextInt(3) == 0 ? SupportKind.VIDEO : SupportKind.CALL_BACK;
        var start = freeSlot(kind);
        if (start.isEmpty()) {
            return;
        }
        SupportTopic topic = SupportTopic.values()[random.nextInt(SupportTopic.values().length)];
        try {
            bookings.book(customer, kind, start.get(), topic, NOTES[random.nextInt(NOTES.length)],
                    UUID.randomUUID().toString(), "demo");
            made++;
        } catch (SupportRefused refused) {
            // one open booking per kind, or the slot filled meanwhile
        }
    }

    /** A free slot of the kind, mostly within the next three bookable days. */
    private java.util.Optional<Instant> freeSlot(SupportKind kind) {
        List<LocalDate> days = bookings.days();
        if (days.isEmpty()) {
            return java.util.Optional.empty();
        }
        LocalDate day = days.get(random.nextInt(Math.min(days.size(), random.nextInt(4) == 0 ? days.size() : 3)));
        List<SupportBookings.Slot> free = bookings.slots(kind, day).stream().filter(s -> !s.full()).toList();
        return free.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(free.get(random.nextInt(free.size())).start());
    }

    private String customer() {
        return customers.get(random.nextInt(customers.size()));
    }
}
