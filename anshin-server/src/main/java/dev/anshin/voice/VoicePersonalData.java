package dev.anshin.voice;

import dev.anshin.privacy.CustomerErased;
import dev.anshin.privacy.DataCategory;
import dev.anshin.privacy.DataOrigin;
import dev.anshin.privacy.HeldElsewhere;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.Purpose;
import dev.anshin.privacy.Sensitivity;
import dev.anshin.site.Display;
import dev.anshin.voice.analysis.Topic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Customers' voices as personal data: their own words (sealed with their key; staff see them redacted), when and
 * through which channel they came, and what the analysis read in them. Catalogued and disclosed through the
 * privacy module's port (the person gets their own words back, opened with their key). On the customer's erasure
 * the words go (the sealed original and the redacted text) and the labels stay, counted without a person.
 * Voices from nobody registered are sealed with the month's key and shredded with it ({@link VoiceRetention}).
 */
@Component
class VoicePersonalData implements HeldElsewhere {

    static final String VOICES = "VOICES";

    /** Answering the person (customer service) and the person's own requests. */
    static final Set<Purpose> PURPOSES = Set.of(Purpose.SERVICE_OPERATION, Purpose.DATA_SUBJECT_REQUEST);

    private final VoiceItems items;
    private final PersonalData personalData;
    private final MessageSource messages;
    private final VoiceRetention retention;

    VoicePersonalData(VoiceItems items, PersonalData personalData, MessageSource messages, VoiceRetention retention) {
        this.items = items;
        this.personalData = personalData;
        this.messages = messages;
        this.retention = retention;
    }

    @Override
    public List<Entry> catalog() {
        return List.of(Entry.worded(messages, "voice.catalog." + VOICES, VOICES, DataCategory.PRODUCT_USAGE,
                Sensitivity.MEDIUM, DataOrigin.PERSON, new Object[] {retention.period().toDays()}, PURPOSES));
    }

    @Override
    public List<Disclosed> disclose(String customerId) {
        return items.ofCustomer(customerId).stream().map(stored -> {
            VoiceItem item = stored.item();
            String words = stored.originalText() == null ? ""
                    : personalData.open(customerId, VoiceReception.context(item.id()), stored.originalText()).orElse("");
            Map<String, String> values = new LinkedHashMap<>();
            values.put("voiceId", item.id());
            values.put("receivedAt", item.receivedAt().toString());
            values.put("channel", item.channel().name());
            values.put("kind", item.kind().name());
            values.put("topics", item.topics().stream().map(Topic::name).collect(Collectors.joining(",")));
            values.put("text", words);
            return new Disclosed(VOICES, text(item, words, Locale.JAPANESE), text(item, words, Locale.ENGLISH), values);
        }).toList();
    }

    /** An erased customer's voices lose their words, in the erasure's transaction; the labels stay for the counts. */
    @EventListener
    void onCustomerErased(CustomerErased erased) {
        items.eraseCustomer(erased.customerId(), erased.erasedAt());
    }

    private String text(VoiceItem item, String words, Locale locale) {
        String topics = item.topics().stream()
                .map(topic -> messages.getMessage("voice.topic." + topic.name(), null, locale))
                .collect(Collectors.joining(locale.getLanguage().equals("ja") ? "・" : ", "));
        return messages.getMessage("voice.disclosure.item", new Object[] {
                Display.time(item.receivedAt()),
                messages.getMessage("voice.channel." + item.channel().name(), null, locale),
                messages.getMessage("voice.kind." + item.kind().name(), null, locale),
                topics, words}, locale);
    }
}
