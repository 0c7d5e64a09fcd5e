package dev.anshin.support;

import dev.anshin.privacy.DataCategory;
import dev.anshin.privacy.DataOrigin;
import dev.anshin.privacy.HeldElsewhere;
import dev.anshin.privacy.Purpose;
import dev.anshin.privacy.Sensitivity;
import dev.anshin.site.Display;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Support window bookings as personal data: whose, how, when, about what, where they stand, and the
 * customer's own note. Catalogued and disclosed through the privacy module's port: the customer's note is
 * theirs and disclosed; the staff's note on the outcome is the issuer's working record and is not (as an
 * analyst's notes on a dispute). Deleted on erasure ({@link SupportBookings#onCustomerErased}). Words from
 * the support bundle.
 */
@Component
class SupportPersonalData implements HeldElsewhere {

    static final String BOOKINGS = "SUPPORT_BOOKINGS";

    /** Serving the booked call or video consultation; and the person's own requests. */
    static final Set<Purpose> PURPOSES = Set.of(Purpose.SERVICE_OPERATION, Purpose.DATA_SUBJECT_REQUEST);

    private final SupportBookings bookings;
    private final MessageSource messages;
    private final SupportBookingRetention retention;

    SupportPersonalData(SupportBookings bookings, MessageSource messages, SupportBookingRetention retention) {
        this.bookings = bookings;
        this.messages = messages;
        this.retention = retention;
    }

    @Override
    public List<Entry> catalog() {
        String key = "support.catalog." + BOOKINGS;
        return List.of(Entry.worded(messages, key, BOOKINGS, DataCategory.PRODUCT_USAGE, Sensitivity.MEDIUM,
                DataOrigin.PERSON, new Object[] {retention.period().toDays()}, PURPOSES));
    }

    @Override
    public List<Disclosed> disclose(String customerId) {
        return bookings.of(customerId).stream().map(booking -> {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("bookingId", booking.id());
            values.put("kind", booking.kind().name());
            values.put("startsAt", booking.startsAt().toString());
            values.put("topic", booking.topic().name());
            values.put("status", booking.status().name());
            values.put("bookedAt", booking.bookedAt().toString());
            values.put("closedAt", booking.closedAt() == null ? "" : booking.closedAt().toString());
            values.put("note", booking.note() == null ? "" : booking.note());
            return new Disclosed(BOOKINGS, text(booking, Locale.JAPANESE), text(booking, Locale.ENGLISH), values);
        }).toList();
    }

    private String text(Booking booking, Locale locale) {
        Instant closed = booking.closedAt();
        return messages.getMessage("support.disclosure.booking", new Object[] {
                messages.getMessage("support.kind." + booking.kind().name(), null, locale),
                Display.time(booking.startsAt()),
                messages.getMessage("support.topic." + booking.topic().name(), null, locale),
                messages.getMessage("support.status." + booking.status().name(), null, locale),
                Display.time(booking.bookedAt()), closed == null ? "-" : Display.time(closed),
                booking.note() == null || booking.note().isBlank() ? "-" : booking.note()}, locale);
    }
}
