package dev.anshin.voice;

import dev.anshin.access.AddressLimit;
import dev.anshin.access.RateLimit;
import dev.anshin.portal.Cardholder;
import dev.anshin.privacy.Actor;
import dev.anshin.problems.Ids;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The opinion forms: the signed-in cardholder's in the portal ({@code /portal/opinion}, source
 * {@link Source#PORTAL}, the voice theirs) and the public one ({@code /opinion}, no sign-in, source
 * {@link Source#PUBLIC_FORM}, the voice from nobody registered, limited per address). Each form carries a fresh
 * one-time token that is the voice's key: sent twice, it stores one voice. After sending, a thank-you (the
 * analysis is for staff). A refusal is shown beside the field, the words kept in the form.
 */
@Controller
class OpinionPages {

    static final String PORTAL = "portal";
    static final String PUBLIC_FORM = "public-form";

    private final VoiceIntake intake;
    private final MessageSource messages;
    private final Clock clock;
    private final AddressLimit publicSends;

    OpinionPages(VoiceIntake intake, MessageSource messages, Clock clock,
            @Value("${anshin.voice.opinions-per-address:20/h burst 5}") String opinionsPerAddress) {
        this.intake = intake;
        this.messages = messages;
        this.clock = clock;
        this.publicSends = AddressLimit.of(RateLimit.valueOf(opinionsPerAddress), 20_000, clock);
    }

    // ---- the cardholder's form -----------------------------------------------------------------------

    @GetMapping("/portal/opinion")
    String portalForm(@RequestParam(required = false) String done, Model model) {
        form(model, null, "sent".equals(done));
        return "voice/opinion";
    }

    @PostMapping("/portal/opinion")
    String portalSend(@AuthenticationPrincipal Cardholder cardholder, @RequestParam(required = false) String text,
            @RequestParam(required = false) String token, Model model, Locale locale, HttpServletRequest request,
            HttpServletResponse response) {
        Actor actor = Actor.cardholder(cardholder.customerId(), request.getRemoteAddr());
        try {
            intake.receive(actor, new Submission(Source.PORTAL, PORTAL, key(token), Channel.WEB, text, clock.instant(),
                    cardholder.customerId(), null, null));
            return "redirect:/portal/opinion?done=sent";
        } catch (VoiceRefused refused) {
            refusedForm(model, refused, text, token, locale, response);
            return "voice/opinion";
        }
    }

    // ---- the public form -----------------------------------------------------------------------------

    @GetMapping("/opinion")
    String publicForm(@RequestParam(required = false) String done, Model model) {
        form(model, null, "sent".equals(done));
        return "voice/opinion-public";
    }

    @PostMapping("/opinion")
    String publicSend(@RequestParam(required = false) String text, @RequestParam(required = false) String token,
            Model model, Locale locale, HttpServletRequest request, HttpServletResponse response) {
        Optional<Duration> wait = publicSends.take(request.getRemoteAddr());
        if (wait.isPresent()) {
            // A person at a browser: the form again, their words kept, and when to send (429, Retry-After).
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            form(model, text, false);
            if (key(token) != null) {
                model.addAttribute("token", token);
            }
            model.addAttribute("errorField", "form");
            model.addAttribute("error", messages.getMessage("voice.opinion.public.limited",
                    new Object[] {Math.max(1, (seconds + 59) / 60)}, locale));
            return "voice/opinion-public";
        }
        Actor actor = new Actor(PUBLIC_FORM, Set.of(), request.getRemoteAddr());
        try {
            intake.receive(actor, new Submission(Source.PUBLIC_FORM, PUBLIC_FORM, key(token), Channel.WEB, text,
                    clock.instant(), null, null, null));
            return "redirect:/opinion?done=sent";
        } catch (VoiceRefused refused) {
            refusedForm(model, refused, text, token, locale, response);
            return "voice/opinion-public";
        }
    }

    // ---- the model -----------------------------------------------------------------------------------

    private void form(Model model, String text, boolean sent) {
        model.addAttribute("token", UUID.randomUUID().toString());
        model.addAttribute("text", text);
        model.addAttribute("sent", sent);
        model.addAttribute("maxLength", VoiceIntake.MAX_TEXT_LENGTH);
    }

    private void refusedForm(Model model, VoiceRefused refused, String text, String token, Locale locale,
            HttpServletResponse response) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        form(model, text, false);
        // The same token again: the words are the same voice, sent once it is right.
        if (key(token) != null && refused.reason() != VoiceRefused.Reason.KEY_REUSED) {
            model.addAttribute("token", token);
        }
        model.addAttribute("errorField", refused.field());
        model.addAttribute("error", messages.getMessage("voice.refused." + refused.reason().name(),
                new Object[] {VoiceIntake.MAX_TEXT_LENGTH}, locale));
    }

    /** A form's token is the voice's key when it is one of ours (a UUID); anything else is no key. */
    static String key(String token) {
        return token != null && Ids.isUuid(token) ? token : null;
    }
}
