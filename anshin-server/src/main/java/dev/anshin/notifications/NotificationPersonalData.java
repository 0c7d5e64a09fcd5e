package dev.anshin.notifications;

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
 * The usage notifications outbox as personal data: which of a customer's authorizations they were told of,
 * and when. Catalogued and disclosed through the privacy module's port; deleted by the daily purge after
 * {@code anshin.notifications.retention} and on the customer's erasure ({@link UsageOutbox#onCustomerErased}).
 * Words from {@code i18n/catalog-notifications}.
 */
@Component
class NotificationPersonalData implements HeldElsewhere {

    static final String NOTIFICATIONS = "USAGE_NOTIFICATIONS";

    /** Usage notices are a named example of operating the card; and the person's own requests. */
    static final Set<Purpose> PURPOSES = Set.of(Purpose.SERVICE_OPERATION, Purpose.DATA_SUBJECT_REQUEST);

    private final UsageOutbox outbox;
    private final MessageSource messages;
    private final NotificationProperties properties;

    NotificationPersonalData(UsageOutbox outbox, MessageSource messages, NotificationProperties properties) {
        this.outbox = outbox;
        this.messages = messages;
        this.properties = properties;
    }

    /** The retention worded from the setting the purge deletes by: the catalog says what the code does. */
    @Override
    public List<Entry> catalog() {
        String key = "notifications.catalog." + NOTIFICATIONS;
        Object[] retention = {properties.retention().toDays()};
        return List.of(Entry.worded(messages, key, NOTIFICATIONS, DataCategory.PRODUCT_USAGE, Sensitivity.LOW,
                DataOrigin.DERIVED, retention, PURPOSES));
    }

    @Override
    public List<Disclosed> disclose(String customerId) {
        return outbox.ofCustomer(customerId).stream().map(held -> {
            String state = held.sentAt() != null ? "SENT" : held.gaveUpAt() != null ? "GAVE_UP" : "PENDING";
            Map<String, String> values = new LinkedHashMap<>();
            values.put("notificationId", held.id());
            values.put("authorizationId", held.authorizationId());
            values.put("createdAt", held.createdAt().toString());
            values.put("state", state);
            values.put("sentAt", iso(held.sentAt()));
            values.put("gaveUpAt", iso(held.gaveUpAt()));
            values.put("attempts", Integer.toString(held.attempts()));
            return new Disclosed(NOTIFICATIONS, text(held, state, Locale.JAPANESE), text(held, state, Locale.ENGLISH),
                    values);
        }).toList();
    }

    private String text(UsageOutbox.Held held, String state, Locale locale) {
        Instant when = held.sentAt() != null ? held.sentAt() : held.gaveUpAt();
        return messages.getMessage("notifications.disclosure." + state, new Object[] {held.authorizationId(),
                Display.time(held.createdAt()), when == null ? "" : Display.time(when)}, locale);
    }

    private static String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
