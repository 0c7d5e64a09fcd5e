package dev.anshin.notifications;

import dev.anshin.access.SecurityHeaders;
import dev.anshin.site.Display;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The demo's sandbox inbox: a page that stands in for a person's phone and mailbox, showing the notices the
 * sandbox sender "delivered" to them, in full (codes and links included, which the sender's log masks), newest
 * first, in the page's language. Clearly labelled as the sandbox; one person's notices at an address only the
 * pages that sent them link to ({@link SandboxInboxes#address}); {@code /sandbox/inbox} itself says what this is
 * and lists no one. There only with {@code anshin.notifications.sandbox-sender=true}, and answering 404 while
 * another sender is in use: never in production (docs/notifications.md, "The sandbox inbox").
 */
@Controller
@ConditionalOnProperty(prefix = "anshin.notifications", name = "sandbox-sender", havingValue = "true")
class SandboxInboxPage {

    /** A notice as the page shows it: its text in pieces, the links among them. */
    record Shown(String id, String received, List<Piece> text) {
    }

    /** Plain text, or a link (a setup link in the notice). */
    record Piece(String text, boolean link) {
    }

    private final SandboxInboxes inboxes;

    SandboxInboxPage(SandboxInboxes inboxes) {
        this.inboxes = inboxes;
    }

    /**
     * Its own door, before the applicant pages' and the console's: open to anyone like the sandbox eKYC vendor's
     * pages (the person has no account; the address is the key), no session, the pages' security headers.
     */
    @Bean
    @Order(-7)
    SecurityFilterChain sandboxInboxDoor(HttpSecurity http) throws Exception {
        http.securityMatcher(SandboxInboxes.PATH, SandboxInboxes.PATH + "/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .headers(SecurityHeaders.forPages());
        return http.build();
    }

    @GetMapping(SandboxInboxes.PATH)
    String about() {
        sandbox();
        return "notifications/sandbox-inbox-about";
    }

    @GetMapping(SandboxInboxes.PATH + "/{key}")
    String inbox(@PathVariable String key, Model model, Locale locale, HttpServletResponse response) {
        SandboxNotificationSender sandbox = sandbox();
        if (!key.matches("[A-Za-z0-9_-]{" + SandboxNotificationSender.KEY_LENGTH + "}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        // Codes and links: never kept by a browser's cache or a proxy (no referrer either: the pages' headers).
        response.setHeader("Cache-Control", "no-store");
        boolean ja = "ja".equals(locale.getLanguage());
        model.addAttribute("notices", sandbox.inbox(key).stream()
                .map(d -> new Shown(d.notice().id(), Display.time(d.at()),
                        pieces(ja ? d.notice().textJa() : d.notice().textEn(), d.notice().secrets())))
                .toList());
        model.addAttribute("kept", SandboxNotificationSender.KEPT);
        model.addAttribute("self", SandboxInboxes.PATH + "/" + key);
        return "notifications/sandbox-inbox";
    }

    private SandboxNotificationSender sandbox() {
        return inboxes.sandbox().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The text cut at the notice's secrets that are links (a path or an http(s) address), those made links. */
    static List<Piece> pieces(String text, List<String> secrets) {
        List<String> links = secrets.stream().filter(s -> s.startsWith("/") || s.startsWith("http://")
                || s.startsWith("https://")).sorted(Comparator.comparingInt(String::length).reversed()).toList();
        List<Piece> pieces = new ArrayList<>();
        String rest = text == null ? "" : text;
        while (!rest.isEmpty()) {
            int at = -1;
            String found = null;
            for (String link : links) {
                int i = rest.indexOf(link);
                if (i >= 0 && (at < 0 || i < at)) {
                    at = i;
                    found = link;
                }
            }
            if (found == null) {
                pieces.add(new Piece(rest, false));
                break;
            }
            if (at > 0) {
                pieces.add(new Piece(rest.substring(0, at), false));
            }
            pieces.add(new Piece(found, true));
            rest = rest.substring(at + found.length());
        }
        return pieces;
    }
}
