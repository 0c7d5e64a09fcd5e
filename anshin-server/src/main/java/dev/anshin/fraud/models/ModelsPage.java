package dev.anshin.fraud.models;

import dev.anshin.fraud.ModelTraining;
import dev.anshin.fraud.models.ModelRegistry.ModelSummary;
import dev.anshin.fraud.models.ModelRegistry.Status;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.training.NothingToLearn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' page of the model registry: every model with its metrics and training
 * window, which one decides (active) and which are scored alongside (shadow); activate, roll back
 * and retire after a confirmation, shadow, and train a new model on a window of stored history.
 * Every change goes through {@link ModelRegistry} and {@link ModelTraining}, as the API's do, so the
 * registry's own audit trail records it (and the audit log the form, as it does the API's request).
 * Analysts may look; the security chain lets only administrators post.
 *
 * <p>Each form carries the version active when the page was shown: a form sent again, or sent
 * after someone else's change, is refused as stale instead of rolling back twice.
 */
@Controller
class ModelsPage {

    /** A training window's days are Japan's, like every date on the staff's pages. */
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    private static final Pattern FORM_ID = Pattern.compile("[0-9a-f-]{36}");
    /** Trainings remembered by form id, so a form sent twice trains once (and waits for the same result). */
    private static final int REMEMBERED_TRAININGS = 50;

    /** One model as shown. */
    record ModelRow(String version, String status, String statusLabel, List<Metric> metrics, Instant windowStart,
            Instant windowEnd, Instant createdAt, int features, String fingerprint) {
    }

    /** One metric: its name in words and its value. */
    record Metric(String label, String value) {
    }

    private final ModelRegistry registry;
    private final ModelTraining training;
    private final MessageSource messages;
    private final Clock clock;
    private final Map<String, CompletableFuture<ModelSummary>> trainings = new ConcurrentHashMap<>();

    ModelsPage(ModelRegistry registry, ModelTraining training, MessageSource messages, Clock clock) {
        this.registry = registry;
        this.training = training;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/console/admin/models")
    String models(Model model, Locale locale, Authentication auth) {
        List<ModelSummary> all = registry.list();
        String active = all.stream().filter(m -> m.status() == Status.ACTIVE).map(ModelSummary::version)
                .findFirst().orElse("");
        model.addAttribute("models", all.stream().map(m -> row(m, locale)).toList());
        model.addAttribute("active", active);
        // a rollback is offered only when there is a model to go back to
        model.addAttribute("rollbackTo", registry.rollbackTarget().orElse(""));
        model.addAttribute("admin", isAdmin(auth));
        model.addAttribute("audit", registry.audit().stream().limit(20).toList());
        if (!model.containsAttribute("from")) {
            // The default window: four weeks of history whose labels have arrived (one label delay back).
            LocalDate today = LocalDate.ofInstant(clock.instant(), JAPAN);
            model.addAttribute("from", today.minusDays(35).toString());
            model.addAttribute("to", today.minusDays(7).toString());
        }
        model.addAttribute("formId", UUID.randomUUID().toString());
        here(model, "/console/admin/models");
        model.addAttribute("errors", model.containsAttribute("errors") ? model.getAttribute("errors") : Map.of());
        return "admin/models";
    }

    /** Activates a model, retiring the one active before; confirmed, and only if the page was current. */
    @PostMapping("/console/admin/models/{version}/activate")
    String activate(@PathVariable String version, @RequestParam(required = false) String active,
            @RequestParam(required = false) String confirmed, Model model, Locale locale, Authentication auth,
            HttpServletResponse response, RedirectAttributes redirect) {
        return change(version, confirmed, true, model, locale, auth, response, redirect, "activated",
                () -> registry.activate(version, auth.getName(), active == null ? "" : active));
    }

    /** Brings back the model active before the current one. */
    @PostMapping("/console/admin/models/rollback")
    String rollback(@RequestParam(required = false) String active, @RequestParam(required = false) String confirmed,
            Model model, Locale locale, Authentication auth, HttpServletResponse response,
            RedirectAttributes redirect) {
        return change(null, confirmed, true, model, locale, auth, response, redirect, "rolled-back",
                () -> registry.rollback(auth.getName(), active == null ? "" : active));
    }

    /**
     * Takes a model out of use (the active one too: then the rules alone decide), if it is still in the
     * status the page showed ({@code status}): a form shown before the model became active elsewhere is
     * refused as stale (409), never retiring the deciding model unseen.
     */
    @PostMapping("/console/admin/models/{version}/retire")
    String retire(@PathVariable String version, @RequestParam(required = false) String status,
            @RequestParam(required = false) String confirmed, Model model, Locale locale, Authentication auth,
            HttpServletResponse response, RedirectAttributes redirect) {
        return change(version, confirmed, true, model, locale, auth, response, redirect, "retired", () -> {
            ModelSummary target = registry.find(version).orElseThrow(() -> RequestProblem.notFound("No model."));
            // Sent again: retired already, nothing to do.
            return target.status() == Status.RETIRED ? target
                    : registry.retire(version, auth.getName(), expected(status));
        });
    }

    /** Scores a model alongside the active one; it decides nothing, so no confirmation. Stale as retiring is. */
    @PostMapping("/console/admin/models/{version}/shadow")
    String shadow(@PathVariable String version, @RequestParam(required = false) String status, Model model,
            Locale locale, Authentication auth, HttpServletResponse response, RedirectAttributes redirect) {
        return change(version, "yes", false, model, locale, auth, response, redirect, "shadowed", () -> {
            ModelSummary target = registry.find(version).orElseThrow(() -> RequestProblem.notFound("No model."));
            return target.status() == Status.SHADOW ? target
                    : registry.shadow(version, auth.getName(), expected(status));
        });
    }

    /** The status the form was shown for; a form without one (or a forged one) expects what cannot be, so it is stale. */
    private static Status expected(String status) {
        for (Status s : Status.values()) {
            if (s.name().equals(status)) {
                return s;
            }
        }
        throw new ModelRegistry.Refusal(ModelRegistry.STALE, "The form did not say the model's status it was shown for.");
    }

    /**
     * Trains a model on the window's stored authorizations and labels, while the request waits (as
     * the API does); it is registered as a shadow (active if none is). The same form sent again waits
     * for the same training rather than starting another.
     */
    @PostMapping("/console/admin/models/train")
    String train(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String formId, Model model, Locale locale, Authentication auth,
            HttpServletResponse response, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate start = date(from, "from", errors, locale);
        LocalDate end = date(to, "to", errors, locale);
        if (errors.isEmpty() && end.isBefore(start)) {
            errors.put("to", text("admin.models.error.window-order", locale));
        }
        if (formId == null || !FORM_ID.matcher(formId).matches()) {
            formId = UUID.randomUUID().toString();
        }
        if (errors.isEmpty()) {
            Instant windowFrom = start.atStartOfDay(JAPAN).toInstant();
            Instant windowTo = end.plusDays(1).atStartOfDay(JAPAN).toInstant();
            if (trainings.size() >= REMEMBERED_TRAININGS) {
                trainings.entrySet().removeIf(e -> e.getValue().isDone());
            }
            CompletableFuture<ModelSummary> mine = new CompletableFuture<>();
            CompletableFuture<ModelSummary> running = trainings.putIfAbsent(formId, mine);
            if (running == null) {
                running = mine;
                try {
                    mine.complete(training.train(windowFrom, windowTo, auth.getName()));
                } catch (RuntimeException e) {
                    mine.completeExceptionally(e);
                    trainings.remove(formId, mine);
                }
            }
            try {
                ModelSummary trained = running.get();
                redirect.addFlashAttribute("done", messages.getMessage("admin.models.done.trained",
                        new Object[] {trained.version(), status(trained.status(), locale)}, locale));
                redirect.addFlashAttribute("highlight", trained.version());
                return "redirect:/console/admin/models";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof NothingToLearn nothing) {
                    errors.put("from", messages.getMessage("admin.models.error.nothing-to-learn",
                            new Object[] {nothing.rows(), nothing.frauds()}, locale));
                } else if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                } else {
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        response.setStatus(422);
        model.addAttribute("errors", errors);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("error", text("admin.models.error.train", locale));
        return models(model, locale, auth);
    }

    private interface Change {
        ModelSummary apply();
    }

    private String change(String version, String confirmed, boolean needsConfirmation, Model model, Locale locale,
            Authentication auth, HttpServletResponse response, RedirectAttributes redirect, String done,
            Change change) {
        if (version != null && registry.find(version).isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("error", text("admin.models.error.unknown", locale));
            return models(model, locale, auth);
        }
        if (needsConfirmation && !"yes".equals(confirmed)) {
            response.setStatus(422);
            model.addAttribute("error", text("admin.models.error.unconfirmed", locale));
            // Which form's box was left empty: the message goes next to it.
            model.addAttribute("unconfirmed", version == null ? "rollback"
                    : done.equals("retired") ? "retire:" + version : version);
            return models(model, locale, auth);
        }
        try {
            ModelSummary changed = change.apply();
            redirect.addFlashAttribute("done", messages.getMessage("admin.models.done." + done,
                    new Object[] {changed.version(), status(changed.status(), locale)}, locale));
            redirect.addFlashAttribute("highlight", changed.version());
            return "redirect:/console/admin/models";
        } catch (ModelRegistry.Refusal refusal) {
            // Each refusal in the reader's language: stale (changed since the page was shown) or why not.
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("error", text("admin.models.error." + refusal.reason(), locale));
            return models(model, locale, auth);
        } catch (RequestProblem problem) {
            response.setStatus(problem.type().status().value());
            model.addAttribute("error", problem.type() == ProblemType.NOT_FOUND ? text("admin.models.error.unknown", locale)
                    : messages.getMessage("admin.models.error.refused", new Object[] {problem.getMessage()}, locale));
            return models(model, locale, auth);
        }
    }

    private ModelRow row(ModelSummary m, Locale locale) {
        List<Metric> metrics = new ArrayList<>();
        m.metrics().forEach((name, value) -> metrics.add(new Metric(
                messages.getMessage("admin.models.metric." + name, null, name, locale), number(name, value))));
        return new ModelRow(m.version(), m.status().name(), status(m.status(), locale), metrics, m.windowStart(),
                m.windowEnd(), m.createdAt(), m.featureNames().size(), m.dataFingerprint());
    }

    /** Counts as whole numbers, seconds to one decimal, scores (AUC, AP) to three. */
    private static String number(String name, double value) {
        if (name.equals("rows") || name.equals("frauds") || (value == Math.rint(value) && Math.abs(value) >= 10)) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return String.format(Locale.ROOT, name.endsWith("seconds") ? "%.1f" : "%.3f", value);
    }

    private String status(Status status, Locale locale) {
        return text("admin.models.status." + status.name(), locale);
    }

    private LocalDate date(String value, String field, Map<String, String> errors, Locale locale) {
        if (value == null || value.isBlank()) {
            errors.put(field, text("admin.models.error.date", locale));
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(value.strip());
            if (day.isBefore(EARLIEST) || day.getYear() > 9998) {
                errors.put(field, text("admin.models.error.date-range", locale));
                return null;
            }
            return day;
        } catch (DateTimeParseException e) {
            errors.put(field, text("admin.models.error.date", locale));
            return null;
        }
    }

    /**
     * The page's own address for the layout (the language switch, the navigation), also when a form's
     * answer shows it at the form's address, which a link cannot open.
     */
    private static void here(Model model, String path) {
        model.addAttribute("currentPath", path);
        model.addAttribute("currentPage", path);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    /** Whether the viewer may change things (the forms are shown to administrators only; the security chain decides). */
    static boolean isAdmin(Authentication auth) {
        return auth != null && auth.getAuthorities().stream()
                .anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
    }
}
