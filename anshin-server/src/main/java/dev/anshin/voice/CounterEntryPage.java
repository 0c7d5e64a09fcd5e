package dev.anshin.voice;

import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.Purpose;
import dev.anshin.voice.analysis.Topic;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A voice typed in by customer service at a store counter ({@code /voice/counter}, source {@link Source#STAFF}):
 * the channel (the store by default), the words, and the customer's number when they gave it (looked up through
 * the privacy module, audited). After saving, the page shows what the analysis read and where the voice went.
 * A one-time token makes a second press of the button store one voice.
 */
@Controller
class CounterEntryPage {

    record Option(String value, String label, boolean selected) {
    }

    /** The saved voice as the page shows it: labels in the reader's language, the redacted text. */
    record Saved(String id, String kind, List<String> topics, String sentiment, String department, String channel,
            String redactedText) {
    }

    private final VoiceIntake intake;
    private final VoiceItems items;
    private final PersonalData personalData;
    private final MessageSource messages;
    private final Clock clock;
    private final Departments departments;

    CounterEntryPage(VoiceIntake intake, VoiceItems items, PersonalData personalData, MessageSource messages,
            Clock clock, Departments departments) {
        this.departments = departments;
        this.intake = intake;
        this.items = items;
        this.personalData = personalData;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/voice/counter")
    String form(@RequestParam(required = false) String saved, Authentication auth, Model model, Locale locale) {
        fill(model, Channel.STORE, null, null, locale);
        if (saved != null) {
            // Only what this staff member saved: the page is theirs, not a reader of every voice.
            items.find(saved).filter(s -> s.submittedBy().equals(auth.getName()))
                    .ifPresent(stored -> model.addAttribute("saved", saved(stored.item(), locale)));
        }
        return "voice/counter";
    }

    @PostMapping("/voice/counter")
    String save(@RequestParam(required = false) String channel, @RequestParam(required = false) String text,
            @RequestParam(required = false) String customerNumber, @RequestParam(required = false) String token,
            Authentication auth, Model model, Locale locale, HttpServletRequest request,
            HttpServletResponse response) {
        Optional<Channel> chosen = Arrays.stream(Channel.values()).filter(c -> c.name().equals(channel)).findFirst();
        String number = customerNumber == null || customerNumber.isBlank() ? null : customerNumber.strip();
        Actor actor = Actor.staff(auth, request);
        try {
            if (chosen.isEmpty()) {
                throw new VoiceRefused(VoiceRefused.Reason.UNKNOWN_CHANNEL, "channel");
            }
            String customerId = null;
            if (number != null) {
                customerId = personalData.findByCustomerNumber(actor, Purpose.SERVICE_OPERATION, number)
                        .orElseThrow(() -> new VoiceRefused(VoiceRefused.Reason.UNKNOWN_CUSTOMER, "customerNumber"));
            }
            VoiceItem item = intake.receive(actor, new Submission(Source.STAFF, auth.getName(), OpinionPages.key(token),
                    chosen.get(), text, clock.instant(), customerId, null, null));
            return "redirect:/voice/counter?saved=" + item.id();
        } catch (VoiceRefused refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            fill(model, chosen.orElse(Channel.STORE), text, number, locale);
            if (OpinionPages.key(token) != null && refused.reason() != VoiceRefused.Reason.KEY_REUSED) {
                model.addAttribute("token", token);
            }
            String field = refused.field().equals("customerId") ? "customerNumber" : refused.field();
            model.addAttribute("errorField", field);
            model.addAttribute("error", messages.getMessage("voice.refused." + refused.reason().name()
                    + (field.equals("customerNumber") ? ".number" : ""), new Object[] {VoiceIntake.MAX_TEXT_LENGTH},
                    locale));
            return "voice/counter";
        }
    }

    private void fill(Model model, Channel channel, String text, String customerNumber, Locale locale) {
        model.addAttribute("channels", Arrays.stream(Channel.values())
                .map(c -> new Option(c.name(), label("voice.channel.", c.name(), locale), c == channel)).toList());
        model.addAttribute("text", text);
        model.addAttribute("customerNumber", customerNumber);
        model.addAttribute("token", UUID.randomUUID().toString());
        model.addAttribute("maxLength", VoiceIntake.MAX_TEXT_LENGTH);
    }

    private Saved saved(VoiceItem item, Locale locale) {
        return new Saved(item.id(), label("voice.kind.", item.kind().name(), locale),
                item.topics().stream().map(Topic::name).map(t -> label("voice.topic.", t, locale)).toList(),
                label("voice.sentiment.", item.sentiment().name(), locale),
                departments.name(item.department(), locale), label("voice.channel.", item.channel().name(), locale),
                item.redactedText());
    }

    private String label(String prefix, String name, Locale locale) {
        return messages.getMessage(prefix + name, null, name, locale);
    }
}
