package dev.anshin.onboarding;

import dev.anshin.access.AddressLimit;
import dev.anshin.ekyc.EkycUnavailable;
import dev.anshin.notifications.SandboxInboxes;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.Problems;
import dev.anshin.problems.RequestProblem;
import dev.anshin.problems.RetryLater;
import dev.anshin.screening.ReasonCode;
import dev.anshin.screening.ScreeningDecision;
import dev.anshin.screening.ScreeningOutcome;
import dev.anshin.screening.Screenings;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The applicant's pages at {@code /apply} (public, ja/en, phone first, CSRF on every form): three steps,
 * each saved on its own with the problems next to each field and nothing typed lost; a review with the
 * device collector; eKYC at the vendor; the decision. Progress is kept by a secret resume token in a
 * cookie (only its hash is stored); a setup link sets it only after the applicant's check and one-time code.
 * Rate limits count per {@code request.getRemoteAddr()}: behind a reverse proxy, the client's address only once
 * {@code server.forward-headers-strategy=native} (docs/tls.md; {@code ForwardedHeadersWarning} says when not).
 */
@Controller
class ApplyPages {

    static final String COOKIE = "anshin_apply";
    private static final Duration COOKIE_LIFE = Duration.ofDays(7);
    private static final Map<String, ApplicationStep> STEPS = Map.of("about-you", ApplicationStep.ABOUT_YOU,
            "work-and-money", ApplicationStep.WORK_AND_MONEY, "limits", ApplicationStep.LIMITS_AND_CONSENT);

    private final Applications applications;
    private final Screenings screenings;
    /** What the applicant is promised for a referral: the staff's own target. */
    private final int reviewDays;
    private final MessageSource messages;

    private final AddressLimit starts;
    private final AddressLimit confirmations;
    private final AddressLimit linkRequests;
    private final SetupLinks links;
    private final SandboxInboxes inboxes;

    ApplyPages(Applications applications, SetupLinks links, SandboxInboxes inboxes, Screenings screenings,
            MessageSource messages, OnboardingProperties properties, ReviewQueueProperties review, Clock clock) {
        this.applications = applications;
        this.links = links;
        this.inboxes = inboxes;
        this.messages = messages;
        this.screenings = screenings;
        this.reviewDays = review.targetBusinessDays();
        this.starts = AddressLimit.of(properties.startsPerAddress(), 20_000, clock);
        this.confirmations = AddressLimit.of(properties.confirmationsPerAddress(), 20_000, clock);
        this.linkRequests = AddressLimit.of(properties.linkRequestsPerAddress(), 20_000, clock);
    }

    /** The start: what the applicant needs, and a way back into an application already begun. */
    @GetMapping("/apply")
    String start(HttpServletRequest request, Model model) {
        Optional<Application> own = own(request);
        model.addAttribute("resumeUrl", own.filter(a -> !a.status().closed()).map(ApplyPages::next).orElse(null));
        // A referral approved later: back to the card and the portal's set-up while either is still to do.
        model.addAttribute("decidedUrl", own.filter(a -> a.status() == ApplicationStatus.ISSUED)
                .filter(a -> applications.cardSummary(a.id()).map(card -> !card.revealed()).orElse(false)
                        || applications.portalSetup(a.id()).map(p -> "PENDING".equals(p.status())).orElse(false))
                .map(a -> "/apply/" + a.id() + "/decision").orElse(null));
        // Worded by how it was decided: a staff approval after a referral, or the policy's own.
        model.addAttribute("decidedByStaff", own.map(a -> a.decision() != null
                && a.decision().reasons().contains(RiskReason.STAFF_DECISION)).orElse(false));
        return "onboarding/start";
    }

    /**
     * Where a form sent too late lands ({@link OnboardingSecurity}: its session, and so its CSRF token, is gone):
     * nothing of that page was saved; back to the start, or on to the next step of the browser's own application.
     */
    @GetMapping(OnboardingSecurity.FORM_TOO_OLD)
    String formTooOld(HttpServletRequest request, Model model) {
        model.addAttribute("resumeUrl", own(request).filter(a -> !a.status().closed()).map(ApplyPages::next).orElse(null));
        return "onboarding/form-too-old";
    }

    @PostMapping("/apply")
    String begin(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        limit(starts, request);
        Applications.Started started = applications.startDraft(locale.getLanguage());
        remember(started.resumeToken(), request, response);
        return "redirect:/apply/" + started.application().id() + "/about-you";
    }

    /**
     * A setup link (single-use, expiring; a partner's, or in a decision notice): it attaches no browser by itself.
     * The page asks for what the applicant knows (date of birth, the phone's last four digits), then for the
     * one-time code that answer sends to the applicant's own contact ({@link SetupLinks}). A link that is used,
     * answered wrongly too often or unknown says so (404), naming nothing; one that only expired offers to send
     * a new link to the registered contact (404 too: the link itself opens nothing).
     */
    @GetMapping("/apply/resume/{token}")
    String resume(@PathVariable String token, HttpServletResponse response, Model model) {
        if (applications.linkTarget(token).isEmpty()) {
            return dead(token, response, model);
        }
        return confirmForm(token, null, null, model);
    }

    @PostMapping("/apply/resume/{token}")
    String confirm(@PathVariable String token, @RequestParam(required = false) String dateOfBirth,
            @RequestParam(required = false) String phoneLastFour, HttpServletRequest request,
            HttpServletResponse response, Model model, Locale locale) {
        limit(confirmations, request);
        SetupLinks.LinkAnswer answer = links.confirmLink(token, dateOfBirth, phoneLastFour, request.getRemoteAddr());
        return switch (answer.outcome()) {
            case CODE_SENT -> "redirect:/apply/resume/" + token + "/code";
            case LAST_CODE_LIVE -> {
                // Nothing new was sent: the page says the last code still works, and until when.
                model.addAttribute("lastCodeUntil", SetupLinks.time(answer.codeUntil(), locale));
                yield codeForm(token, (String) null, model);
            }
            case WRONG -> {
                response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
                yield confirmForm(token, dateOfBirth, "onboarding.link.wrong", model);
            }
            case NOT_SENT -> {
                response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
                yield confirmForm(token, dateOfBirth, "onboarding.link.code.not-sent", model);
            }
            default -> dead(token, response, model);
        };
    }

    /** The one-time code the check sent to the applicant's contact. */
    @GetMapping("/apply/resume/{token}/code")
    String code(@PathVariable String token, HttpServletResponse response, Model model) {
        if (applications.linkTarget(token).isEmpty()) {
            return dead(token, response, model);
        }
        return codeForm(token, (String) null, model);
    }

    @PostMapping("/apply/resume/{token}/code")
    String confirmCode(@PathVariable String token, @RequestParam(required = false) String code,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        limit(confirmations, request);
        SetupLinks.LinkAnswer answer = links.confirmCode(token, code, request.getRemoteAddr());
        return switch (answer.outcome()) {
            case CONFIRMED -> {
                remember(answer.resumeToken(), request, response);
                Application application = applications.resume(answer.resumeToken()).orElseThrow(ApplyPages::notFound);
                yield "redirect:" + next(application);
            }
            case WRONG -> {
                response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
                yield codeForm(token, "onboarding.link.code.wrong", model);
            }
            case CODE_EXPIRED -> {
                // No code that works: the check again sends a new one.
                response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
                yield confirmForm(token, null, "onboarding.link.code.expired", model);
            }
            default -> dead(token, response, model);
        };
    }

    /** "Send me a new link" on an expired link: to the registered contact, never shown here. */
    @PostMapping("/apply/resume/{token}/renew")
    String renew(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        limit(linkRequests, request);
        SetupLinks.Renewal renewal = links.renew(token, request.getRemoteAddr());
        if (renewal == SetupLinks.Renewal.NONE) {
            return dead(token, response, model);
        }
        if (renewal == SetupLinks.Renewal.LIMITED) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        } else if (renewal == SetupLinks.Renewal.NOT_SENT) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        }
        model.addAttribute("renewal", renewal.name());
        if (renewal == SetupLinks.Renewal.SENT) {
            sandboxInbox(links.applicationOf(token), model);
        }
        return "onboarding/link-renewed";
    }

    /** A link that opens nothing (404): one that only expired offers a new one, any other names nothing. */
    private String dead(String token, HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        if (links.expired(token)) {
            model.addAttribute("token", token);
            return "onboarding/link-expired";
        }
        return "onboarding/link-spent";
    }

    private static void limit(AddressLimit limit, HttpServletRequest request) {
        limit.take(request.getRemoteAddr()).ifPresent(wait -> {
            throw new RetryLater(ProblemType.RATE_LIMITED, "Too many requests from this address; try again later.",
                    wait);
        });
    }

    private static String confirmForm(String token, String dateOfBirth, String error, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("dateOfBirth", dateOfBirth);
        model.addAttribute("error", error);
        return "onboarding/link-confirm";
    }

    private String codeForm(String token, String error, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("error", error);
        sandboxInbox(applications.linkTarget(token), model);
        return "onboarding/link-code";
    }

    /**
     * Where a partner's applicant comes back from the eKYC vendor: a neutral page (they have no cookie of
     * ours; the partner tells them the outcome). It names no application and shows nothing of one.
     */
    @GetMapping("/apply/identity-done")
    String identityDone() {
        return "onboarding/identity-done";
    }

    @GetMapping("/apply/{id}/{step:about-you|work-and-money|limits}")
    String step(@PathVariable String id, @PathVariable String step, HttpServletRequest request, Model model,
            Locale locale) {
        Application application = mine(id, request);
        if (application.status() != ApplicationStatus.DRAFT) {
            return "redirect:" + next(application);
        }
        ApplicationStep which = STEPS.get(step);
        return form(application, which, applications.savedValues(id, which, request.getRemoteAddr()), List.of(), model,
                locale);
    }

    @PostMapping("/apply/{id}/{step:about-you|work-and-money|limits}")
    String save(@PathVariable String id, @PathVariable String step, @RequestParam Map<String, String> form,
            HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Application application = mine(id, request);
        if (application.status() != ApplicationStatus.DRAFT) {
            return "redirect:" + next(application);
        }
        ApplicationStep which = STEPS.get(step);
        Map<String, String> fields = new LinkedHashMap<>();
        ApplicationForm.FIELDS.get(which).forEach(field -> {
            if (form.containsKey(field)) {
                fields.put(field, form.get(field));
            }
        });
        Map<String, String> typed = ApplicationForm.eased(fields);
        try {
            Application saved = applications.saveStep(id, which, typed, request.getRemoteAddr());
            return "redirect:" + next(saved);
        } catch (ApplicationInputRefused refused) {
            // Everything typed is shown again, each problem next to its field.
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return form(application, which, typed, refused.fieldErrors(), model, locale);
        }
    }

    /**
     * The language switch on a step (apply/assets/language.js): what was typed is shown again in the
     * chosen language ({@code ?lang=}), neither checked nor saved.
     */
    @PostMapping("/apply/{id}/{step:about-you|work-and-money|limits}/shown")
    String shownAgain(@PathVariable String id, @PathVariable String step, @RequestParam Map<String, String> form,
            HttpServletRequest request, Model model, Locale locale) {
        Application application = mine(id, request);
        if (application.status() != ApplicationStatus.DRAFT) {
            return "redirect:" + next(application);
        }
        ApplicationStep which = STEPS.get(step);
        Map<String, String> typed = new LinkedHashMap<>();
        ApplicationForm.FIELDS.get(which).forEach(field -> {
            if (form.containsKey(field)) {
                typed.put(field, form.get(field));
            }
        });
        return form(application, which, typed, List.of(), model, locale);
    }

    /** The language link of a step shown again (or a reload) leads back to the step itself. */
    @GetMapping("/apply/{id}/{step:about-you|work-and-money|limits}/shown")
    String backToStep(@PathVariable String id, @PathVariable String step) {
        return "redirect:/apply/" + id + "/" + step;
    }

    /** A step's form; each field's problem in words, with the rule's own figure where it has one (100,000円). */
    private String form(Application application, ApplicationStep step, Map<String, String> values,
            List<FieldError> errors, Model model, Locale locale) {
        Map<String, String> errorTexts = new LinkedHashMap<>();
        errors.forEach(error -> errorTexts.computeIfAbsent(error.field(), field -> messages.getMessage(
                error.messageKey(), error.yen() == null ? null : new Object[] {grouped(error.yen())}, locale)));
        model.addAttribute("app", application);
        model.addAttribute("step", step);
        model.addAttribute("stepNumber", step.ordinal() + 1);
        model.addAttribute("stepPath", path(step));
        model.addAttribute("backPath", step.ordinal() == 0 ? null : path(ApplicationStep.values()[step.ordinal() - 1]));
        model.addAttribute("kinds", ApplicationForm.KINDS);
        model.addAttribute("autocomplete", ApplicationForm.AUTOCOMPLETE);
        model.addAttribute("values", values);
        model.addAttribute("errors", errorTexts);
        model.addAttribute("housingChoices", ApplicationForm.HOUSING);
        model.addAttribute("limits", applications.limitRules());
        return "onboarding/step";
    }

    private static String path(ApplicationStep step) {
        return STEPS.entrySet().stream().filter(e -> e.getValue() == step).map(Map.Entry::getKey).findFirst()
                .orElseThrow();
    }

    @GetMapping("/apply/{id}/review")
    String review(@PathVariable String id, HttpServletRequest request, Model model, Locale locale) {
        Application application = mine(id, request);
        if (application.status() != ApplicationStatus.DRAFT || !application.complete()) {
            return "redirect:" + next(application);
        }
        Map<ApplicationStep, Map<String, String>> values = new LinkedHashMap<>();
        for (ApplicationStep step : ApplicationStep.values()) {
            values.put(step, shown(applications.savedValues(id, step, request.getRemoteAddr()), locale));
        }
        model.addAttribute("app", application);
        model.addAttribute("values", values);
        model.addAttribute("fields", ApplicationForm.FIELDS);
        return "onboarding/review";
    }

    /** Saved values as the review shows them: amounts of money grouped, with the currency (5,000,000円 / ¥5,000,000). */
    private Map<String, String> shown(Map<String, String> saved, Locale locale) {
        Map<String, String> shown = new LinkedHashMap<>(saved);
        saved.forEach((field, value) -> {
            if ("yen".equals(ApplicationForm.KINDS.get(field)) && value.matches("[0-9]{1,15}")) {
                shown.put(field, messages.getMessage("onboarding.money", new Object[] {grouped(Long.parseLong(value))},
                        locale));
            }
        });
        return shown;
    }

    private static String grouped(long yen) {
        return NumberFormat.getIntegerInstance(Locale.JAPAN).format(yen);
    }

    /**
     * Submits with the collector's observation, starts eKYC and sends the applicant to the vendor. A draft with a
     * step not saved (a stale tab, the back button) shows a person that step, saying it is to be completed first.
     */
    @PostMapping("/apply/{id}/submit")
    String submit(@PathVariable String id, @RequestParam(required = false) String deviceObservation,
            HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Application application = mine(id, request);
        if (application.status() == ApplicationStatus.DRAFT && !application.complete() && wantsPage(request)) {
            ApplicationStep missing = firstMissing(application);
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("incomplete", messages.getMessage(missing.messageKey(), null, locale));
            return form(application, missing, applications.savedValues(id, missing, request.getRemoteAddr()),
                    List.of(), model, locale);
        }
        try {
            if (application.status() == ApplicationStatus.DRAFT) {
                application = applications.submit(id, blankToNull(deviceObservation), request.getRemoteAddr());
            }
            if (application.status() == ApplicationStatus.SUBMITTED) {
                application = applications.startIdentity(id);
            }
        } catch (EkycUnavailable unavailable) {
            model.addAttribute("app", applications.find(id).orElseThrow());
            return "onboarding/identity-unavailable";
        }
        return "redirect:" + next(application);
    }

    /** Where the eKYC vendor sends the applicant back: the result is taken on now if it is in. */
    @GetMapping("/apply/{id}/identity")
    String identity(@PathVariable String id, HttpServletRequest request) {
        Application application = mine(id, request);
        applications.progress(application.id());
        return "redirect:/apply/" + id + "/decision";
    }

    @GetMapping("/apply/{id}/decision")
    String decision(@PathVariable String id, HttpServletRequest request, Model model, Locale locale) {
        Application application = mine(id, request);
        if (application.status() == ApplicationStatus.DRAFT) {
            return "redirect:" + next(application);
        }
        if (application.status() == ApplicationStatus.SUBMITTED) {
            model.addAttribute("app", application);
            return "onboarding/identity-unavailable";
        }
        Optional<ScreeningDecision> screening = Optional.ofNullable(application.decision())
                .map(d -> d.screeningId()).flatMap(screenings::find);
        model.addAttribute("app", application);
        model.addAttribute("reviewDays", reviewDays);
        List<String> reasons = applicantReasons(application, screening, locale);
        if (application.status() == ApplicationStatus.REFERRED && identityToRedo(application)) {
            // The identity's reasons said "staff will contact you": say instead what the applicant can do now.
            reasons = new ArrayList<>(reasons);
            reasons.removeAll(List.of(
                    messages.getMessage(RiskReason.IDENTITY_NOT_CONFIRMED.applicantMessageKey(), null, locale),
                    messages.getMessage(RiskReason.IDENTITY_EXPIRED.applicantMessageKey(), null, locale)));
        }
        // Not once the identity passed meanwhile (a late result after EXPIRED): nothing is left to verify again.
        if (application.status() == ApplicationStatus.REFERRED && identityToRedo(application)
                && applications.identityToVerifyAgain(id)) {
            int left = applications.identityRetriesLeft(id);
            model.addAttribute("identityRetriesLeft", left);
            model.addAttribute("identityRedo", messages.getMessage(left > 0 ? "onboarding.identity-retry.text"
                    : "onboarding.identity-retry.used", new Object[] {left, Applications.IDENTITY_TRIES}, locale));
        }
        model.addAttribute("reasons", reasons);
        model.addAttribute("declinedFor", application.status() == ApplicationStatus.DECLINED
                ? declinedFor(application, screening) : null);
        model.addAttribute("bureauAsked", screening.map(ApplyPages::bureauAnswered).orElse(false));
        if (application.status() == ApplicationStatus.ISSUED) {
            model.addAttribute("portal", applications.portalSetup(id).orElse(null));
            model.addAttribute("card", applications.cardSummary(id).orElse(null));
        }
        if (application.status() == ApplicationStatus.REFERRED) {
            sandboxInbox(Optional.of(application), model); // where the staff decision's notice will arrive
        }
        return "onboarding/decision";
    }

    /** Whether the referral rests on an identity another document can put right (not confirmed, not finished). */
    private static boolean identityToRedo(Application application) {
        return application.decision() != null && (application.decision().reasons().contains(RiskReason.IDENTITY_NOT_CONFIRMED)
                || application.decision().reasons().contains(RiskReason.IDENTITY_EXPIRED));
    }

    /**
     * In the demo (notices to the sandbox sender): the applicant's sandbox inbox, where the code or link this page
     * says was sent can be read (docs/notifications.md); nothing with a real sender.
     */
    private void sandboxInbox(Optional<Application> application, Model model) {
        model.addAttribute("sandboxInbox", application.map(Application::customerId).flatMap(inboxes::address)
                .orElse(null));
    }

    /**
     * The applicant verifies their identity again with another document (a new verification at the eKYC vendor,
     * at most {@link Applications#IDENTITY_TRIES} in all) and is sent to the vendor.
     */
    @PostMapping("/apply/{id}/identity/retry")
    String retryIdentity(@PathVariable String id, HttpServletRequest request, Model model) {
        Application application = mine(id, request);
        try {
            application = applications.retryIdentity(application.id(), request.getRemoteAddr());
        } catch (EkycUnavailable unavailable) {
            model.addAttribute("app", applications.find(id).orElseThrow());
            return "onboarding/identity-unavailable";
        }
        return "redirect:" + next(application);
    }

    /**
     * The applicant's reasons in plain words, each distinct sentence once, told by what was decided
     * ({@link ApplicantReasons}: the same the partner API gives).
     */
    List<String> applicantReasons(Application application, Optional<ScreeningDecision> screening, Locale locale) {
        return ApplicantReasons.of(application, screening, messages, locale).stream().map(ApplicantReasons.Reason::text)
                .distinct().toList();
    }

    /** What declined, so that the advice follows it: {@code identity}, {@code screening} or {@code staff}. */
    static String declinedFor(Application application, Optional<ScreeningDecision> screening) {
        List<RiskReason> reasons = application.decision() == null ? List.of() : application.decision().reasons();
        if (reasons.contains(RiskReason.IDENTITY_FAILED)) {
            return "identity";
        }
        if (reasons.contains(RiskReason.SCREENING_DECLINED)
                || screening.map(s -> s.outcome() == ScreeningOutcome.DECLINE).orElse(false)) {
            return "screening";
        }
        return "staff";
    }

    private String word(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    /** Whether the credit bureau was asked and answered, so that asking it for a disclosure makes sense. */
    private static boolean bureauAnswered(ScreeningDecision screening) {
        return !screening.reasons().contains(ReasonCode.BUREAU_UNAVAILABLE);
    }

    /** Where an application continues for its applicant. */
    static String next(Application application) {
        String base = "/apply/" + application.id();
        if (application.status() == ApplicationStatus.DRAFT) {
            return application.complete() ? base + "/review" : base + "/" + path(firstMissing(application));
        }
        if (application.status() == ApplicationStatus.IDENTITY_PENDING && application.identity().continueUrl() != null) {
            return application.identity().continueUrl();
        }
        if (application.status() == ApplicationStatus.ABANDONED) {
            return "/apply";
        }
        return base + "/decision";
    }

    /** The first step of a draft not saved yet (in the form's order). */
    private static ApplicationStep firstMissing(Application application) {
        for (ApplicationStep step : ApplicationStep.values()) {
            if (!application.steps().contains(step)) {
                return step;
            }
        }
        throw new IllegalStateException("every step is saved");
    }

    /** A person's browser navigating (it accepts HTML), as opposed to a script. */
    static boolean wantsPage(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("text/html");
    }

    /** The application the browser's resume token belongs to, if it is this one; 404 otherwise. */
    private Application mine(String id, HttpServletRequest request) {
        return own(request).filter(a -> a.id().equals(id)).orElseThrow(ApplyPages::notFound);
    }

    private Optional<Application> own(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return Optional.empty();
        }
        for (Cookie cookie : request.getCookies()) {
            if (COOKIE.equals(cookie.getName())) {
                return applications.resume(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    private static void remember(String token, HttpServletRequest request, HttpServletResponse response) {
        Cookie cookie = new Cookie(COOKIE, token);
        cookie.setPath("/apply");
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setMaxAge((int) COOKIE_LIFE.toSeconds());
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
    }

    /**
     * A request refused under {@code /apply} (no such application for this browser, too many starts, the
     * application moved on meanwhile, a value refused, changed at the same time): a person's browser gets the
     * site's error page for the status (through the container's error dispatch, in their language, keeping
     * {@code Retry-After}), never the problem's JSON; anything else the problem with its stable type, as
     * {@code ProblemAdvice} writes it.
     */
    @ExceptionHandler(RequestProblem.class)
    ResponseEntity<ProblemDetail> refused(RequestProblem refused, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        ProblemDetail problem = Problems.of(refused);
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (refused instanceof RetryLater later) {
            response.setHeader(HttpHeaders.RETRY_AFTER, RetryLater.seconds(later.retryAfter()));
        }
        if (accept != null && accept.contains("text/html") && !response.isCommitted()) {
            response.sendError(problem.getStatus());
            return null;
        }
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static RequestProblem notFound() {
        return RequestProblem.notFound("No application of this browser has this id.");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
