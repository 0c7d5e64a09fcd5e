package dev.anshin.support;

import dev.anshin.portal.Cardholder;
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
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The cardholder's support window page ({@code /portal/support}): their bookings, with the video link
 * and a way to move or cancel each open one, and the booking form in two steps that need no script:
 * choose call-back or video and a day (a GET), then a free slot, a topic and an optional note, and
 * confirm (a POST carrying a fresh request id, so a second send books once). The phone number a
 * call-back goes to is read from the privacy module as the person themself, shown masked, never
 * stored here. The customer is always the one signed in: another's booking is a plain 404 page.
 */
@Controller
class PortalSupportPage {

    record Option(String value, String label, boolean selected) {
    }

    record SlotOption(String value, String label, boolean full, boolean selected) {
    }

    record Row(String id, String kind, String kindCode, String time, String topic, String status, String statusCode,
            boolean changeable, String videoLink, String note) {
    }

    private final SupportBookings bookings;
    private final PersonalData personalData;
    private final MessageSource messages;

    PortalSupportPage(SupportBookings bookings, PersonalData personalData, MessageSource messages) {
        this.bookings = bookings;
        this.personalData = personalData;
        this.messages = messages;
    }

    @GetMapping("/portal/support")
    String page(@AuthenticationPrincipal Cardholder cardholder, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String day, @RequestParam(required = false) String done, Model model,
            Locale locale, HttpServletRequest request) {
        if (done != null && Set.of("booked", "moved", "cancelled").contains(done)) {
            model.addAttribute("done", messages.getMessage("support.portal.done." + done, null, locale));
        }
        fill(model, cardholder, SupportKind.named(kind).orElse(null), parseDay(day), null, null, null, locale, request);
        return "support/portal";
    }

    @PostMapping("/portal/support/book")
    String book(@AuthenticationPrincipal Cardholder cardholder, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String day, @RequestParam(required = false) String start,
            @RequestParam(required = false) String topic, @RequestParam(required = false) String note,
            @RequestParam(required = false) String requestId, Model model, Locale locale,
            HttpServletRequest request, HttpServletResponse response) {
        Optional<SupportKind> chosenKind = SupportKind.named(kind);
        Optional<SupportTopic> chosenTopic = SupportTopic.named(topic);
        Instant slot = reachable(parseInstant(start));
        try {
            if (slot == null) {
                throw new SupportRefused(SupportRefused.Reason.SLOT_NOT_OFFERED);
            }
            // The form is not offered without a number to call; a crafted post is refused the same way
            // (the same audited read as the form's).
            if (chosenKind.orElse(null) == SupportKind.CALL_BACK && phone(cardholder, request).isEmpty()) {
                throw new SupportRefused(SupportRefused.Reason.NO_PHONE);
            }
            bookings.book(cardholder.customerId(), chosenKind.orElse(null), slot, chosenTopic.orElse(null), note,
                    requestId, request.getRemoteAddr());
            return "redirect:/portal/support?done=booked";
        } catch (SupportRefused refused) {
            response.setStatus(status(refused));
            String field = switch (refused.reason()) {
                case INVALID_NOTE -> "note";
                case INVALID_CHOICE -> chosenKind.isEmpty() ? "kind" : "topic";
                case ALREADY_BOOKED, INVALID_REQUEST, NO_PHONE -> "form";
                default -> "slot";
            };
            model.addAttribute("errorField", field);
            model.addAttribute("error", messages.getMessage(refused.messageKey(), null, locale));
            LocalDate chosenDay = parseDay(day);
            fill(model, cardholder, chosenKind.orElse(null), chosenDay == null && slot != null
                    ? bookings.calendar().day(slot) : chosenDay, slot, chosenTopic.orElse(null),
                    // A refused note is not shown again: it may hold the card number that was refused.
                    refused.reason() == SupportRefused.Reason.INVALID_NOTE ? null : note, locale, request);
            if (!model.containsAttribute("slots")) {
                model.addAttribute("errorField", "form"); // no form to put it next to (a day not offered): on top
            }
            return "support/portal";
        }
    }

    @PostMapping("/portal/support/bookings/{id}/cancel")
    String cancel(@AuthenticationPrincipal Cardholder cardholder, @PathVariable String id, Model model, Locale locale,
            HttpServletRequest request, HttpServletResponse response) {
        try {
            bookings.cancel(cardholder.customerId(), id, request.getRemoteAddr());
            return "redirect:/portal/support?done=cancelled";
        } catch (SupportRefused refused) {
            return refusedPage(refused, cardholder, model, locale, request, response);
        }
    }

    @GetMapping("/portal/support/bookings/{id}/move")
    String moveForm(@AuthenticationPrincipal Cardholder cardholder, @PathVariable String id,
            @RequestParam(required = false) String day, Model model, Locale locale, HttpServletResponse response) {
        Optional<Booking> booking = bookings.find(id).filter(b -> b.customerId().equals(cardholder.customerId()));
        if (booking.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "portal/not-found";
        }
        fillMove(model, booking.get(), parseDay(day), null, locale);
        return "support/move";
    }

    @PostMapping("/portal/support/bookings/{id}/move")
    String move(@AuthenticationPrincipal Cardholder cardholder, @PathVariable String id,
            @RequestParam(required = false) String start, Model model, Locale locale, HttpServletRequest request,
            HttpServletResponse response) {
        Instant slot = reachable(parseInstant(start));
        try {
            if (slot == null) {
                throw new SupportRefused(SupportRefused.Reason.SLOT_NOT_OFFERED);
            }
            bookings.move(cardholder.customerId(), id, slot, request.getRemoteAddr());
            return "redirect:/portal/support?done=moved";
        } catch (SupportRefused refused) {
            Optional<Booking> booking = bookings.find(id).filter(b -> b.customerId().equals(cardholder.customerId()));
            if (booking.isEmpty()) {
                response.setStatus(HttpStatus.NOT_FOUND.value());
                return "portal/not-found";
            }
            response.setStatus(status(refused));
            model.addAttribute("error", messages.getMessage(refused.messageKey(), null, locale));
            fillMove(model, booking.get(), bookings.calendar().day(slot == null ? booking.get().startsAt() : slot),
                    slot, locale);
            return "support/move";
        }
    }

    // ---- the model -----------------------------------------------------------------------------------

    private String refusedPage(SupportRefused refused, Cardholder cardholder, Model model, Locale locale,
            HttpServletRequest request, HttpServletResponse response) {
        if (refused.reason() == SupportRefused.Reason.NOT_FOUND) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "portal/not-found";
        }
        response.setStatus(status(refused));
        model.addAttribute("errorField", "bookings");
        model.addAttribute("error", messages.getMessage(refused.messageKey(), null, locale));
        fill(model, cardholder, null, null, null, null, null, locale, request);
        return "support/portal";
    }

    private void fill(Model model, Cardholder cardholder, SupportKind kind, LocalDate day, Instant start,
            SupportTopic topic, String note, Locale locale, HttpServletRequest request) {
        Instant now = Instant.now(bookings.calendarClock());
        List<Booking> mine = bookings.of(cardholder.customerId());
        model.addAttribute("upcoming", mine.stream().filter(b -> b.changeable(now)).sorted(
                java.util.Comparator.comparing(Booking::startsAt)).map(b -> row(b, now, locale)).toList());
        model.addAttribute("past", mine.stream().filter(b -> !b.changeable(now)).limit(20)
                .map(b -> row(b, now, locale)).toList());
        List<LocalDate> days = bookings.days();
        LocalDate chosenDay = day != null && days.contains(day) ? day : null;
        model.addAttribute("kinds", java.util.Arrays.stream(SupportKind.values())
                .map(k -> new Option(k.name(), label("support.kind." + k.name(), locale), k == kind)).toList());
        model.addAttribute("days", days.stream()
                .map(d -> new Option(d.toString(), dayLabel(d, locale), d.equals(chosenDay))).toList());
        model.addAttribute("kind", kind == null ? null : kind.name());
        model.addAttribute("kindLabel", kind == null ? null : label("support.kind." + kind.name(), locale));
        model.addAttribute("day", chosenDay == null ? null : chosenDay.toString());
        model.addAttribute("dayLabel", chosenDay == null ? null : dayLabel(chosenDay, locale));
        model.addAttribute("hours", messages.getMessage("support.portal.hours", new Object[] {
                bookings.settings().opens().toString(), bookings.settings().closes().toString(),
                bookings.settings().slotLength().toMinutes()}, locale));
        if (kind == null || chosenDay == null) {
            return;
        }
        Optional<Booking> open = bookings.openBooking(cardholder.customerId(), kind).filter(b -> b.changeable(now));
        if (open.isPresent()) {
            model.addAttribute("alreadyBooked", true);
            return;
        }
        if (kind == SupportKind.CALL_BACK) {
            Optional<String> phone = phone(cardholder, request);
            if (phone.isEmpty()) {
                model.addAttribute("noPhone", true);
                return;
            }
            model.addAttribute("phone", mask(phone.get()));
        }
        model.addAttribute("slots", slotOptions(kind, chosenDay, start));
        model.addAttribute("topics", java.util.Arrays.stream(SupportTopic.values())
                .map(t -> new Option(t.name(), label("support.topic." + t.name(), locale), t == topic)).toList());
        model.addAttribute("note", note == null ? "" : note);
        model.addAttribute("requestId", UUID.randomUUID().toString());
    }

    private void fillMove(Model model, Booking booking, LocalDate day, Instant start, Locale locale) {
        Instant now = Instant.now(bookings.calendarClock());
        model.addAttribute("booking", row(booking, now, locale));
        List<LocalDate> days = bookings.days();
        LocalDate chosenDay = day != null && days.contains(day) ? day : null;
        model.addAttribute("days", days.stream()
                .map(d -> new Option(d.toString(), dayLabel(d, locale), d.equals(chosenDay))).toList());
        model.addAttribute("day", chosenDay == null ? null : chosenDay.toString());
        model.addAttribute("dayLabel", chosenDay == null ? null : dayLabel(chosenDay, locale));
        model.addAttribute("slots", chosenDay == null || !booking.changeable(now) ? List.of()
                : slotOptions(booking.kind(), chosenDay, start == null ? booking.startsAt() : start));
    }

    private List<SlotOption> slotOptions(SupportKind kind, LocalDate day, Instant chosen) {
        return bookings.slots(kind, day).stream().map(s -> new SlotOption(s.start().toString(),
                Display.timeOfDay(s.start()), s.full(), s.start().equals(chosen))).toList();
    }

    private Row row(Booking b, Instant now, Locale locale) {
        return new Row(b.id(), label("support.kind." + b.kind().name(), locale), b.kind().name(),
                Display.time(b.startsAt()), label("support.topic." + b.topic().name(), locale),
                label("support.status." + b.status().name(), locale), b.status().name(), b.changeable(now),
                b.kind() == SupportKind.VIDEO && b.open() ? bookings.videoLink(b) : null, b.note());
    }

    /** The person's own phone number, read as themself (their own data, shown to them), or empty. */
    private Optional<String> phone(Cardholder cardholder, HttpServletRequest request) {
        try {
            return Optional.ofNullable(personalData.read(Actor.cardholder(cardholder.customerId(),
                            request.getRemoteAddr()), Purpose.DATA_SUBJECT_REQUEST, null, cardholder.customerId(),
                    Set.of(PersonalField.PHONE)).get(PersonalField.PHONE)).filter(p -> !p.isBlank());
        } catch (RequestProblem refused) {
            return Optional.empty();
        }
    }

    /** Every digit but the last four hidden: {@code 090-1234-5678} becomes {@code ***-****-5678}. */
    static String mask(String phone) {
        int digits = (int) phone.chars().filter(Character::isDigit).count();
        StringBuilder masked = new StringBuilder();
        int seen = 0;
        for (char c : phone.toCharArray()) {
            if (Character.isDigit(c)) {
                seen++;
                masked.append(seen > digits - 4 ? c : '*');
            } else {
                masked.append(c);
            }
        }
        return masked.toString();
    }

    private String dayLabel(LocalDate day, Locale locale) {
        return Display.date(day) + " (" + day.getDayOfWeek().getDisplayName(TextStyle.SHORT,
                "ja".equals(locale.getLanguage()) ? Locale.JAPANESE : Locale.ENGLISH) + ")";
    }

    private String label(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private static int status(SupportRefused refused) {
        return switch (refused.reason()) {
            case SLOT_FULL, ALREADY_BOOKED, CLOSED -> HttpStatus.CONFLICT.value();
            case NOT_FOUND -> HttpStatus.NOT_FOUND.value();
            default -> HttpStatus.UNPROCESSABLE_CONTENT.value();
        };
    }

    static LocalDate parseDay(String day) {
        try {
            return day == null || day.length() != 10 ? null : LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static Instant parseInstant(String start) {
        try {
            return start == null || start.length() > 40 ? null : Instant.parse(start);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** The moment if a slot could start then (from now to the last bookable day), else null: never converted to a date. */
    private Instant reachable(Instant start) {
        return bookings.calendar().withinReach(start, bookings.calendarClock().instant()) ? start : null;
    }
}
