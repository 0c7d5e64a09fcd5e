package dev.anshin.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' page of API keys: every client with its keys (roles, where each stands,
 * when it expires, when last used; never a key or its hash), a form to issue a new client's key
 * with the roles ticked (none ticked to begin with: least privilege), rotation with an overlap, and
 * revocation after a confirmation. Every action goes through {@link ApiClients}, as the API's do,
 * so the same rules hold (CARDHOLDER never; keys reading personal data, card numbers, the audit
 * trail or backups are configured at start, not issued) and the same audit entries are written.
 *
 * <p>A new key is shown once: on the answer to the form that made it, marked {@code no-store}, and
 * nowhere else (not in the session, not in a redirect, not in a log). Sent again, the form makes no
 * second key: issuing is refused while the name has a valid key, and a rotation names the key it
 * replaces, so a second one finds it replaced already.
 */
@Controller
class ApiKeysPage {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern KEY_ID = Pattern.compile("ank_[A-Za-z0-9]{8}");
    private static final Pattern DAYS = Pattern.compile("\\d{1,5}");
    /** A key this close to its expiry is shown as expiring. */
    static final Duration EXPIRING = Duration.ofDays(14);
    /** Overlaps offered on rotation: the old key stops at once, or after this. */
    static final List<String> OVERLAPS = List.of("PT0S", "PT1H", "PT24H", "P7D");

    /** A client (a name) with its keys, newest first, and what may be done with it. */
    record ClientView(String name, List<KeyView> keys, KeyView current, boolean rotatable, boolean configured) {
    }

    /** One key as shown. */
    record KeyView(String keyId, String roles, String status, String statusLabel, boolean expiring, Instant createdAt,
            Instant expiresAt, Instant lastUsedAt, Instant revokedAt, String replacedBy) {
    }

    /** The new key, for the one page that shows it; anything that prints the model (a log line) sees no key. */
    record Shown(String value) {

        @Override
        public String toString() {
            return "Shown[<redacted>]";
        }
    }

    /** An option of the form: its value and its words. */
    record Option(String value, String label) {
    }

    private final ApiClients clients;
    private final AccessProperties properties;
    private final MessageSource messages;
    private final Clock clock;

    ApiKeysPage(ApiClients clients, AccessProperties properties, MessageSource messages, Clock clock) {
        this.clients = clients;
        this.properties = properties;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/console/admin/keys")
    String keys(Model model, Locale locale) {
        Instant now = clock.instant();
        Map<String, List<ApiKey>> byName = new LinkedHashMap<>();
        for (ApiKey key : clients.list(null)) {
            byName.computeIfAbsent(key.name(), n -> new ArrayList<>()).add(key);
        }
        List<ClientView> views = new ArrayList<>();
        byName.forEach((name, keys) -> {
            List<KeyView> shown = keys.stream().map(k -> view(k, now, locale)).toList();
            KeyView current = shown.stream().filter(k -> k.status().equals("ACTIVE") || k.status().equals("ROTATING"))
                    .findFirst().orElse(null);
            ApiKey newest = keys.stream().filter(k -> k.status().valid()).findFirst().orElse(null);
            boolean configured = newest != null && newest.expiresAt() == null;
            boolean rotatable = newest != null && !configured && ApiClients.ISSUABLE.containsAll(newest.roles());
            views.add(new ClientView(name, shown, current, rotatable, configured));
        });
        model.addAttribute("clients", views);
        model.addAttribute("roles", ApiClients.ISSUABLE.stream()
                .map(r -> new Option(r.name(), text("admin.keys.role." + r.name(), locale))).toList());
        model.addAttribute("overlaps", OVERLAPS.stream()
                .map(o -> new Option(o, text("admin.keys.overlap." + o, locale))).toList());
        model.addAttribute("defaultDays", properties.apiKeyLifetime().toDays());
        model.addAttribute("maxDays", properties.apiKeyMaxLifetime().toDays());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
            model.addAttribute("name", "");
            model.addAttribute("chosen", Set.of());
            model.addAttribute("days", Long.toString(properties.apiKeyLifetime().toDays()));
        }
        here(model);
        return "admin/keys";
    }

    /** Issues a new client's first key, and shows it this once. */
    @PostMapping("/console/admin/keys")
    String issue(@RequestParam(required = false) String name, @RequestParam(required = false) List<String> roles,
            @RequestParam(required = false) String days, Model model, Locale locale, Authentication auth,
            HttpServletRequest request, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        String typedName = name == null ? "" : name.strip();
        if (!NAME.matcher(typedName).matches()) {
            errors.put("name", text("admin.keys.error.name", locale));
        }
        Set<Role> chosen = EnumSet.noneOf(Role.class);
        for (String role : roles == null ? List.<String>of() : roles) {
            try {
                chosen.add(Role.valueOf(role));
            } catch (IllegalArgumentException e) {
                errors.put("roles", text("admin.keys.error.roles", locale));
            }
        }
        if (!errors.containsKey("roles")) {
            if (chosen.isEmpty()) {
                errors.put("roles", text("admin.keys.error.roles", locale));
            } else if (!chosen.stream().allMatch(Role::forStaffOrClients)) {
                errors.put("roles", text("admin.keys.error.cardholder", locale));
            } else if (!ApiClients.ISSUABLE.containsAll(chosen)) {
                errors.put("roles", text("admin.keys.error.not-issuable", locale));
            }
        }
        Duration lifetime = lifetime(days, errors, locale);
        int status = 422;
        if (errors.isEmpty()) {
            try {
                ApiClients.IssuedKey issued = clients.issue(typedName, chosen, lifetime, auth.getName(),
                        request.getRemoteAddr());
                return shown(issued, false, model, locale, response);
            } catch (KeyLifecycleRefused refused) {
                // Sent again, or a name taken: nothing issued, the reason next to the field.
                refusal(refused, errors, locale);
                status = status(refused);
            }
        }
        response.setStatus(status);
        model.addAttribute("errors", errors);
        model.addAttribute("name", typedName);
        model.addAttribute("chosen", chosen.stream().map(Role::name).toList());
        model.addAttribute("days", days == null ? "" : days);
        model.addAttribute("error", text("admin.keys.error.fields", locale));
        return keys(model, locale);
    }

    /** Rotates the client's key {@code keyId}: a new key, shown this once; the old one valid for the overlap. */
    @PostMapping("/console/admin/keys/{name}/rotation")
    String rotate(@PathVariable String name, @RequestParam(required = false) String keyId,
            @RequestParam(required = false) String overlap, Model model, Locale locale, Authentication auth,
            HttpServletRequest request, HttpServletResponse response) {
        if (!NAME.matcher(name).matches() || keyId == null || !KEY_ID.matcher(keyId).matches()
                || overlap == null || !OVERLAPS.contains(overlap)) {
            return refused(422, "admin.keys.error.form", name, model, locale, response);
        }
        try {
            ApiClients.IssuedKey issued = clients.rotate(name, Duration.parse(overlap), null, auth.getName(),
                    request.getRemoteAddr(), keyId);
            return shown(issued, true, model, locale, response);
        } catch (KeyLifecycleRefused refused) {
            return refused(status(refused), "admin.keys.refused." + refused.reason.name(), name, model, locale,
                    response);
        }
    }

    /** Revokes one key of the client (every key when none is named), confirmed. */
    @PostMapping("/console/admin/keys/{name}/revocation")
    String revoke(@PathVariable String name, @RequestParam(required = false) String keyId,
            @RequestParam(required = false) String confirmed, Model model, Locale locale, Authentication auth,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        if (!NAME.matcher(name).matches() || (keyId != null && !KEY_ID.matcher(keyId).matches())) {
            return refused(422, "admin.keys.error.form", name, model, locale, response);
        }
        if (!"yes".equals(confirmed)) {
            model.addAttribute("unconfirmed", name);
            return refused(422, "admin.keys.error.unconfirmed", name, model, locale, response);
        }
        try {
            List<ApiKey> revoked = clients.revoke(name, keyId, auth.getName(), request.getRemoteAddr());
            redirect.addFlashAttribute("done", messages.getMessage("admin.keys.done.revoked",
                    new Object[] {name, String.join(", ", revoked.stream().map(ApiKey::keyId).toList())}, locale));
            return "redirect:/console/admin/keys";
        } catch (KeyLifecycleRefused refused) {
            return refused(status(refused), "admin.keys.refused." + refused.reason.name(), name, model, locale,
                    response);
        }
    }

    /**
     * The page with the new key: the only answer that ever holds it. Not stored by the browser or a
     * proxy, not kept in the session: going back or reloading shows it no more.
     */
    private String shown(ApiClients.IssuedKey issued, boolean rotated, Model model, Locale locale,
            HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_CREATED);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader(HttpHeaders.PRAGMA, "no-cache");
        model.addAttribute("issued", view(issued.key(), clock.instant(), locale));
        model.addAttribute("clientName", issued.key().name());
        model.addAttribute("secret", new Shown(issued.apiKey()));
        model.addAttribute("rotated", rotated);
        here(model);
        return "admin/key-issued";
    }

    private String refused(int status, String key, String name, Model model, Locale locale,
            HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("error", messages.getMessage(key, new Object[] {name}, key, locale));
        return keys(model, locale);
    }

    private static int status(KeyLifecycleRefused refused) {
        return switch (refused.reason) {
            case NO_VALID_KEY -> 404;
            case ROLES_NOT_ISSUABLE -> 403;
            case INVALID_LIFETIME, INVALID_OVERLAP -> 422;
            default -> 409;
        };
    }

    private void refusal(KeyLifecycleRefused refused, Map<String, String> errors, Locale locale) {
        String field = switch (refused.reason) {
            case INVALID_LIFETIME -> "days";
            case INVALID_OVERLAP -> "overlap";
            default -> "name";
        };
        errors.put(field, messages.getMessage("admin.keys.refused." + refused.reason.name(),
                new Object[] {refused.name}, locale));
    }

    /** Whole days, as typed: 1 up to the maximum lifetime (the lifecycle checks it again). */
    private Duration lifetime(String days, Map<String, String> errors, Locale locale) {
        String typed = days == null ? "" : days.strip();
        if (!DAYS.matcher(typed).matches() || Integer.parseInt(typed) < 1
                || Integer.parseInt(typed) > properties.apiKeyMaxLifetime().toDays()) {
            errors.put("days", messages.getMessage("admin.keys.error.days",
                    new Object[] {properties.apiKeyMaxLifetime().toDays()}, locale));
            return null;
        }
        return Duration.ofDays(Integer.parseInt(typed));
    }

    private KeyView view(ApiKey key, Instant now, Locale locale) {
        boolean expiring = key.status().valid() && key.expiresAt() != null
                && Duration.between(now, key.expiresAt()).compareTo(EXPIRING) <= 0;
        return new KeyView(key.keyId(), String.join(", ", key.roles().stream().map(Role::name).toList()),
                key.status().name(), text("admin.keys.status." + key.status().name(), locale), expiring,
                key.createdAt(), key.expiresAt(), key.lastUsedAt(), key.revokedAt(), key.replacedBy());
    }

    /**
     * The list's address for the layout: the language switch of a form's answer (the new key's page
     * included) opens the list, never the form's address, and never the key again.
     */
    private static void here(Model model) {
        model.addAttribute("currentPath", "/console/admin/keys");
        model.addAttribute("currentPage", "/console/admin/keys");
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
