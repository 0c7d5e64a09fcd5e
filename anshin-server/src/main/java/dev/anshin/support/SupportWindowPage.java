package dev.anshin.support;

import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import dev.anshin.privacy.Purpose;
import dev.anshin.problems.RequestProblem;
import dev.anshin.site.Display;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Customer service's support window ({@code /support-window}, CUSTOMER_SERVICE only): today's and the
 * coming days' bookings by slot; one booking opened shows what the customer asked about and, for a
 * call-back, the number to call (read through the privacy module for operating the service, at that
 * moment, and audited there), for a video consultation the link; staff close it as served, no-show or
 * cancelled for the issuer, with a note, each closing audited.
 */
@Controller
class SupportWindowPage {

    /** Days shown from today. */
    private static final int DAYS_SHOWN = 7;

    /**
     * One booking in the list; {@code customerName} is the customer's name read for operating the service
     * (as on {@code /service}), null when it cannot be read (an erased customer): then the id's start.
     */
    record Row(String id, String time, String day, String kind, String kindCode, String topic, String status,
            String statusCode, String customerId, String customerName) {

        public String customer() {
            return customerName != null ? customerName : customerId.substring(0, 8);
        }
    }

    record Option(String value, String label) {
    }

    private final SupportBookings bookings;
    private final PersonalData personalData;
    private final MessageSource messages;

    SupportWindowPage(SupportBookings bookings, PersonalData personalData, MessageSource messages) {
        this.bookings = bookings;
        this.personalData = personalData;
        this.messages = messages;
    }

    @GetMapping("/support-window")
    String list(@RequestParam(required = false) String status, Model model, Locale locale, Authentication auth,
            HttpServletRequest request) {
        Instant now = Instant.now(bookings.calendarClock());
        LocalDate today = bookings.calendar().day(now);
        Instant from = today.atStartOfDay(bookings.settings().zone()).toInstant();
        Instant to = today.plusDays(DAYS_SHOWN).atStartOfDay(bookings.settings().zone()).toInstant();
        boolean openOnly = !"all".equals(status);
        List<Booking> shown = bookings.between(from, to).stream().filter(b -> !openOnly || b.open()).toList();
        // Bookings left open on an earlier day: listed so staff can still close them.
        List<Booking> earlier = bookings.openBefore(from);
        // The names are read for operating the service, the purpose /support-window serves (audited there).
        Map<String, String> names = personalData.names(Actor.staff(auth, request), Purpose.SERVICE_OPERATION,
                Stream.concat(shown.stream(), earlier.stream()).map(Booking::customerId).toList());
        List<Row> rows = shown.stream().map(b -> row(b, names, locale)).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("earlier", earlier.stream().map(b -> row(b, names, locale)).toList());
        model.addAttribute("openOnly", openOnly);
        model.addAttribute("todayOpen", rows.stream()
                .filter(r -> r.statusCode().equals("BOOKED") && r.day().equals(Display.date(today))).count());
        return "support/staff";
    }

    @GetMapping("/support-window/bookings/{id}")
    String booking(@PathVariable String id, Authentication auth, Model model, Locale locale,
            HttpServletRequest request, HttpServletResponse response) {
        fill(model, found(id), auth, locale, request);
        return "support/staff-booking";
    }

    @PostMapping("/support-window/bookings/{id}/outcome")
    String close(@PathVariable String id, @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String note, Authentication auth, Model model, Locale locale,
            HttpServletRequest request, HttpServletResponse response) {
        found(id);
        try {
            bookings.close(auth.getName(), id, BookingStatus.staffOutcome(outcome).orElseThrow(
                    () -> new SupportRefused(SupportRefused.Reason.INVALID_CHOICE)), note, request.getRemoteAddr());
            return "redirect:/support-window/bookings/" + id + "?closed";
        } catch (SupportRefused refused) {
            response.setStatus(refused.reason() == SupportRefused.Reason.CLOSED
                    || refused.reason() == SupportRefused.Reason.NOT_STARTED ? HttpStatus.CONFLICT.value()
                    : HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", messages.getMessage(refused.messageKey(), null, locale));
            model.addAttribute("errorField", refused.reason() == SupportRefused.Reason.INVALID_NOTE ? "note" : "outcome");
            model.addAttribute("note", refused.reason() == SupportRefused.Reason.INVALID_NOTE ? null : note);
            // the outcome chosen stays chosen (refused before the slot starts, say): only an invalid one is cleared
            model.addAttribute("chosenOutcome", refused.reason() == SupportRefused.Reason.INVALID_CHOICE ? null : outcome);
            fill(model, bookings.find(id).orElseThrow(), auth, locale, request);
            return "support/staff-booking";
        }
    }

    /** The booking, or the page answers Not Found. */
    private Booking found(String id) {
        return bookings.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private Row row(Booking b, Map<String, String> names, Locale locale) {
        return new Row(b.id(), Display.time(b.startsAt()), Display.date(b.startsAt()),
                label("support.kind." + b.kind().name(), locale), b.kind().name(),
                label("support.topic." + b.topic().name(), locale),
                label("support.status." + b.status().name(), locale), b.status().name(),
                b.customerId(), names.get(b.customerId()));
    }

    private void fill(Model model, Booking b, Authentication auth, Locale locale, HttpServletRequest request) {
        model.addAttribute("booking", b);
        model.addAttribute("time", Display.time(b.startsAt()));
        model.addAttribute("kind", label("support.kind." + b.kind().name(), locale));
        model.addAttribute("topic", label("support.topic." + b.topic().name(), locale));
        model.addAttribute("status", label("support.status." + b.status().name(), locale));
        model.addAttribute("closedAt", Display.time(b.closedAt()));
        if (b.open() && b.kind() == SupportKind.CALL_BACK) {
            model.addAttribute("phone", phone(b, auth, request));
        }
        if (b.open() && b.kind() == SupportKind.VIDEO) {
            model.addAttribute("videoLink", bookings.videoLink(b));
        }
        model.addAttribute("outcomes", List.of(BookingStatus.SERVED, BookingStatus.NO_SHOW,
                        BookingStatus.CANCELLED_BY_ISSUER).stream()
                .map(s -> new Option(s.name(), label("support.outcome." + s.name(), locale))).toList());
    }

    /**
     * The number to call, read now for operating the service as this staff member (the privacy module
     * audits the read); empty when none is held or the read is refused (an erased customer).
     */
    private String phone(Booking b, Authentication auth, HttpServletRequest request) {
        try {
            String phone = personalData.read(Actor.staff(auth, request), Purpose.SERVICE_OPERATION, null,
                    b.customerId(), Set.of(PersonalField.PHONE)).get(PersonalField.PHONE);
            return phone == null ? "" : phone;
        } catch (RequestProblem refused) {
            return "";
        }
    }

    private String label(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
