package dev.anshin.cards;

import dev.anshin.privacy.DataCategory;
import dev.anshin.privacy.DataOrigin;
import dev.anshin.privacy.HeldElsewhere;
import dev.anshin.privacy.Purpose;
import dev.anshin.privacy.Sensitivity;
import dev.anshin.site.Display;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A customer's cards as personal data: the card registry's row (keyed token, BIN and last four, status,
 * dates) and the card number in the PAN vault. Catalogued and disclosed (masked: BIN and last four only)
 * through the privacy module's port; on erasure the vault rows go and the cards are blocked or closed
 * ({@link Cards#onCustomerErased}). Words from the cards bundle ({@code i18n/catalog-cards}).
 */
@Component
class CardPersonalData implements HeldElsewhere {

    static final String CARDS = "CARDS";

    /**
     * What card data is used for: running the card (payments, blocks, replacements, usage notices) and the
     * person's own requests. Purchases made with the card are catalogued by the fraud module, not here.
     */
    static final Set<Purpose> PURPOSES = Set.of(Purpose.SERVICE_OPERATION, Purpose.DATA_SUBJECT_REQUEST);

    private final Cards cards;
    private final MessageSource messages;

    CardPersonalData(Cards cards, MessageSource messages) {
        this.cards = cards;
        this.messages = messages;
    }

    @Override
    public List<Entry> catalog() {
        String key = "cards.catalog." + CARDS;
        return List.of(Entry.worded(messages, key, CARDS, DataCategory.MANAGEMENT, Sensitivity.HIGH,
                DataOrigin.DERIVED, null, PURPOSES));
    }

    @Override
    public List<Disclosed> disclose(String customerId) {
        return cards.ofCustomer(customerId).stream().map(card -> {
            String expires = cards.expiryOf(card.token()).map(Object::toString).orElse("");
            Map<String, String> values = new LinkedHashMap<>();
            values.put("card", card.masked());
            values.put("status", card.status().name());
            values.put("registeredAt", card.createdAt().toString());
            values.put("expires", expires);
            return new Disclosed(CARDS, text(card, expires, Locale.JAPANESE), text(card, expires, Locale.ENGLISH),
                    values);
        }).toList();
    }

    private String text(Card card, String expires, Locale locale) {
        return messages.getMessage("cards.disclosure.card", new Object[] {card.masked(),
                messages.getMessage("cards.status." + card.status().name(), null, locale),
                Display.time(card.createdAt()), expires.isEmpty() ? "-" : expires}, locale);
    }
}
