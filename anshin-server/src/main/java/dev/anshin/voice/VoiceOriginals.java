package dev.anshin.voice;

import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.Purpose;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A voice's original words, for those who may read them and only through the privacy module's audited path:
 * customer service answering the person ({@link Purpose#SERVICE_OPERATION}) and the privacy officer on the
 * person's own request ({@link Purpose#DATA_SUBJECT_REQUEST}). Everyone else sees the redacted text.
 */
@Component
class VoiceOriginals {

    /** The words, or why there are none: the voice is unknown, or its words were erased or shredded. */
    sealed interface Original {
        record Words(VoiceItem item, String text) implements Original {
        }

        record Gone(VoiceItem item) implements Original {
        }

        record Unknown() implements Original {
        }
    }

    private final VoiceItems items;
    private final PersonalData personalData;

    VoiceOriginals(VoiceItems items, PersonalData personalData) {
        this.items = items;
        this.personalData = personalData;
    }

    /** Opens the words for the purpose (refused, audited, by the privacy module when the actor may not). */
    Original open(Actor actor, Purpose purpose, String id) {
        Optional<VoiceItems.Stored> found = items.find(id);
        if (found.isEmpty()) {
            return new Original.Unknown();
        }
        VoiceItems.Stored stored = found.get();
        VoiceItem item = stored.item();
        if (stored.originalText() == null || stored.erasedAt() != null) {
            return new Original.Gone(item);
        }
        String context = VoiceReception.context(item.id());
        Optional<String> words = item.customerId() != null
                ? personalData.openFor(actor, purpose, item.customerId(), "voice/" + item.id(), context,
                        stored.originalText())
                : personalData.openUnattributed(actor, purpose, "voice/" + item.id(), stored.sealKey(), context,
                        stored.originalText());
        return words.<Original>map(text -> new Original.Words(item, text)).orElseGet(() -> new Original.Gone(item));
    }
}
