package dev.anshin.onboarding;

import dev.anshin.access.Role;
import dev.anshin.devices.DeviceReputation;
import dev.anshin.ekyc.EkycOutcome;
import dev.anshin.ekyc.EkycResult;
import dev.anshin.ekyc.EkycStatus;
import dev.anshin.ekyc.EkycVerification;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.Purpose;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.screening.Limits;
import dev.anshin.screening.ScreeningDecision;
import dev.anshin.screening.ScreeningFigures;
import dev.anshin.site.Display;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff console's review queue for referred applications ({@code /console/applications}): the
 * referrals oldest first, each against the service target ({@link ReviewTarget}), with the main reason in
 * words, filters by the kind of reason and a chart of the queue by kind and standing; and one application
 * with all its evidence side by side ({@code /console/applications/{id}}), where a credit officer approves
 * it with limits (at most what the screening allows) or declines it, through {@link Applications#decideReferral}
 * (audited there). Analysts read both pages without the forms; the security chain refuses their posts.
 *
 * <p>The applicant is named as the credit officer works with them: the kanji name read through the privacy
 * module for credit management (audited there) when the reader's role serves that purpose; otherwise the
 * pages show the application id alone.
 */
@Controller
class ReviewQueuePages {

    /** A note with a staff decision: required here, and at most this long (the service's own limit). */
    static final int MAX_NOTE = 1000;

    /** One referral as the queue lists it; amounts and times formatted in the reader's language. */
    record Row(String id, String name, boolean named, String channel, String requestedRevolving,
            String requestedCashAdvance, String mainReason, String kind, int otherReasons, String referredAt,
            String age, String dueAt, String standing, String standingLabel) {
    }

    /** One bar of the chart: a kind of reason, its referrals by standing. */
    record Bar(String kind, String label, int onTime, int dueSoon, int overdue, int onTimeWidth, int dueSoonWidth,
            int overdueWidth, String title) {

        public int total() {
            return onTime + dueSoon + overdue;
        }
    }

    /** A choice in the kind filter. */
    record Option(String value, String label) {
    }

    /** One fact of the evidence: its words and its value, with a marker when it counts against the applicant. */
    record Fact(String id, String label, String value, boolean concern) {
    }

    /** One move in the history, with the staff note opened for readers who may see it. */
    record MoveRow(int version, String at, String action, String from, String to, String party, String actor,
            String detail, String note) {
    }

    /** A screening made again when staff approved (the {@code <id>.2}, {@code .3}… attempts). */
    record Rescreening(String id, String outcome, String outcomeCode, String decidedAt, List<String> reasons,
            String granted) {
    }

    private static final Logger log = LoggerFactory.getLogger(ReviewQueuePages.class);

    private final Applications applications;
    private final PersonalData personalData;
    private final ReviewQueueProperties properties;
    private final MessageSource messages;
    private final Clock clock;
    private final DecisionNotices notices;

    ReviewQueuePages(Applications applications, PersonalData personalData,
            ReviewQueueProperties properties, MessageSource messages, Clock clock, DecisionNotices notices) {
        this.notices = notices;
        this.applications = applications;
        this.personalData = personalData;
        this.properties = properties;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * The applicant told the decision at once; a notice that cannot go now is owed still and sent by the
     * recovery job, so the staff's decision stands either way.
     */
    private void tellApplicant(String id) {
        try {
            notices.send(id);
        } catch (RuntimeException e) {
            log.warn("onboarding: the decision notice for {} is left to the recovery job ({})", id,
                    e.getClass().getSimpleName());
        }
    }

    // ---- the queue ------------------------------------------------------------------------------------

    @GetMapping("/console/applications")
    String queue(@RequestParam(required = false) String kind, Model model, Locale locale, Authentication auth,
            HttpServletRequest request, HttpServletResponse response) {
        Actor reader = Actor.staff(auth, request);
        Optional<ReasonKind> chosen = kind == null || kind.isBlank() ? Optional.empty() : ReasonKind.ofValue(kind);
        boolean invalid = kind != null && !kind.isBlank() && chosen.isEmpty();
        List<Applications.Referral> all = applications.referrals(properties.listed());
        Instant now = clock.instant();
        ReviewTarget target = properties.target();
        List<Applications.Referral> shown = all.stream()
                .filter(r -> chosen.map(k -> k.covers(r.application())).orElse(true)).toList();
        if (invalid) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            shown = List.of();
        }
        Map<String, String> names = personalData.names(reader, Purpose.CREDIT_MANAGEMENT,
                shown.stream().map(r -> r.application().customerId()).toList());
        List<Row> rows = new ArrayList<>();
        for (Applications.Referral referral : shown) {
            rows.add(row(referral, names, target, now, locale));
        }
        List<Option> options = new ArrayList<>();
        options.add(new Option("", text("onboarding.console.filter.kind.any", locale)));
        for (ReasonKind k : ReasonKind.values()) {
            options.add(new Option(k.value(), text(k.messageKey(), locale)));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("options", options);
        model.addAttribute("kind", chosen.map(ReasonKind::value).orElse(invalid ? kind : ""));
        model.addAttribute("kindError", invalid ? text("onboarding.console.filter.kind.invalid", locale) : null);
        model.addAttribute("total", all.size());
        model.addAttribute("more", all.size() >= properties.listed());
        model.addAttribute("overdue", all.stream().filter(r -> target.standing(referredAt(r), now)
                == ReviewTarget.Standing.OVERDUE).count());
        model.addAttribute("bars", bars(all, target, now, locale));
        model.addAttribute("targetText", messages.getMessage("onboarding.console.target",
                new Object[] {properties.targetBusinessDays()}, locale));
        model.addAttribute("showing", messages.getMessage("onboarding.console.showing",
                new Object[] {rows.size(), all.size()}, locale));
        model.addAttribute("officer", officer(auth));
        model.addAttribute("namesShown", reader.serves(Purpose.CREDIT_MANAGEMENT));
        return "onboarding/review-queue";
    }

    private Row row(Applications.Referral referral, Map<String, String> names, ReviewTarget target, Instant now,
            Locale locale) {
        Application a = referral.application();
        List<RiskReason> referring = ReasonKind.referring(a);
        String main = referring.isEmpty() ? text("onboarding.console.reason.technical", locale)
                : text(referring.get(0).staffMessageKey(), locale);
        Instant referred = referredAt(referral);
        ReviewTarget.Standing standing = target.standing(referred, now);
        String name = names.get(a.customerId());
        Limits requested = a.declared().requested();
        return new Row(a.id(), name, name != null, text("onboarding.console.channel." + a.channel().name(), locale),
                requested == null ? "—" : yen(requested.revolving(), locale),
                requested == null ? "—" : yen(requested.cashAdvance(), locale), main, ReasonKind.main(a).name(),
                Math.max(0, referring.size() - 1), Display.time(referred), age(Duration.between(referred, now), locale),
                Display.time(target.dueAt(referred)), standing.name(), text(standing.messageKey(), locale));
    }

    /** Every referral counted once, under the kind of its main reason, split by standing. */
    private List<Bar> bars(List<Applications.Referral> all, ReviewTarget target, Instant now, Locale locale) {
        Map<ReasonKind, int[]> counts = new EnumMap<>(ReasonKind.class);
        for (ReasonKind kind : ReasonKind.values()) {
            counts.put(kind, new int[3]);
        }
        for (Applications.Referral referral : all) {
            counts.get(ReasonKind.main(referral.application()))[target.standing(referredAt(referral), now).ordinal()]++;
        }
        int most = counts.values().stream().mapToInt(c -> c[0] + c[1] + c[2]).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        for (Map.Entry<ReasonKind, int[]> entry : counts.entrySet()) {
            int[] c = entry.getValue();
            String label = text(entry.getKey().shortMessageKey(), locale);
            bars.add(new Bar(entry.getKey().name(), label, c[0], c[1], c[2], width(c[0], most), width(c[1], most),
                    width(c[2], most), messages.getMessage("onboarding.console.chart.bar",
                            new Object[] {label, c[0] + c[1] + c[2], c[0], c[1], c[2]}, locale)));
        }
        return bars;
    }

    private static int width(int count, int most) {
        return most == 0 || count == 0 ? 0 : Math.max(4, count * 300 / most);
    }

    // ---- one application --------------------------------------------------------------------------------

    @GetMapping("/console/applications/{id}")
    String application(@PathVariable String id, Model model, Locale locale, Authentication auth,
            HttpServletRequest request) {
        fill(model, found(id), locale, auth, request);
        return "onboarding/review-case";
    }

    /**
     * Approves (with limits) or declines the application. Needs a note and the confirmation ticked
     * (checked here, not only in the browser: either decision is final, and an approval issues a card).
     * The same decision sent again by the same person (a double click, a reload) is answered as done; any
     * other decision on an application no longer referred is refused with who decided it and when.
     */
    @PostMapping("/console/applications/{id}/decision")
    String decide(@PathVariable String id, @RequestParam(required = false) String decision,
            @RequestParam(required = false) String revolving, @RequestParam(required = false) String cashAdvance,
            @RequestParam(required = false) String note, @RequestParam(required = false) String confirmed,
            @RequestParam(required = false) String incomeProof,
            @RequestParam(required = false) String version, Model model, Locale locale, Authentication auth,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        Applications.Referral before = found(id);
        Map<String, String> errors = new LinkedHashMap<>();
        String error = null;
        HttpStatus status = HttpStatus.UNPROCESSABLE_CONTENT;
        boolean approve = "APPROVE".equals(decision);
        String prefix = approve ? "approve-" : "decline-";
        Limits granted = null;
        if (!approve && !"DECLINE".equals(decision)) {
            error = text("onboarding.console.refused.decision", locale);
        } else if (before.application().status() != ApplicationStatus.REFERRED) {
            Optional<String> done = alreadyDone(before, approve, auth.getName(), version, locale);
            if (done.isPresent()) {
                redirect.addFlashAttribute("done", done.get());
                return "redirect:/console/applications/" + id;
            }
            error = decidedBefore(before, locale);
            status = HttpStatus.CONFLICT;
        } else {
            if (approve) {
                Long r = yenField(revolving, "approve-revolving", errors, locale);
                Long c = yenField(cashAdvance, "approve-cash", errors, locale);
                if (r != null && r < 1) {
                    errors.put("approve-revolving", text("onboarding.console.refused.revolving-zero", locale));
                }
                Limits ceiling = ceiling(before.application()).orElse(null);
                if (ceiling != null && r != null && r > ceiling.revolving()) {
                    errors.put("approve-revolving", messages.getMessage("onboarding.console.refused.above",
                            new Object[] {yen(ceiling.revolving(), locale)}, locale));
                }
                if (ceiling != null && c != null && c > ceiling.cashAdvance()) {
                    errors.put("approve-cash", messages.getMessage("onboarding.console.refused.above",
                            new Object[] {yen(ceiling.cashAdvance(), locale)}, locale));
                }
                if (r != null && c != null && !errors.containsKey("approve-revolving")
                        && !errors.containsKey("approve-cash")) {
                    granted = new Limits(r, c);
                }
            }
            String trimmed = note == null ? "" : note.strip();
            if (trimmed.isEmpty()) {
                errors.put(prefix + "note", text("onboarding.console.refused.note", locale));
            } else if (trimmed.length() > MAX_NOTE) {
                errors.put(prefix + "note", messages.getMessage("onboarding.console.refused.note-long",
                        new Object[] {MAX_NOTE}, locale));
            }
            if (!"yes".equals(confirmed)) {
                errors.put(prefix + "confirm", text("onboarding.console.refused.confirm", locale));
            }
            if (errors.isEmpty()) {
                try {
                    Application after = applications.decideReferral(id, approve, granted, "yes".equals(incomeProof),
                            Actor.staff(auth, request), trimmed);
                    tellApplicant(id);
                    redirect.addFlashAttribute("done", text(doneKey(after), locale));
                    return "redirect:/console/applications/" + id;
                } catch (IllegalApplicationMove decidedMeanwhile) {
                    Applications.Referral now = found(id);
                    Optional<String> done = alreadyDone(now, approve, auth.getName(), version, locale);
                    if (done.isPresent()) {
                        redirect.addFlashAttribute("done", done.get());
                        return "redirect:/console/applications/" + id;
                    }
                    error = decidedBefore(now, locale);
                    status = HttpStatus.CONFLICT;
                } catch (ApplicationBeingDecided elsewhere) {
                    // Not a refusal of the decision: another request (another server) holds it and did not finish.
                    error = text("onboarding.console.refused.being-decided", locale);
                    status = HttpStatus.CONFLICT;
                } catch (RequestProblem refused) {
                    if (refused.type() == ProblemType.VALIDATION) {
                        for (FieldProblem field : refused.errors()) {
                            String key = switch (field.field()) {
                                case "note" -> prefix + "note";
                                case "incomeProofSeen" -> "approve-income-proof";
                                case "granted.revolving" -> "approve-revolving";
                                default -> approve ? "approve-revolving" : prefix + "note";
                            };
                            errors.put(key, "note".equals(field.field())
                                    ? text("onboarding.console.refused.note-text", locale)
                                    : "incomeProofSeen".equals(field.field())
                                    ? text("onboarding.console.refused.income-proof", locale)
                                    : ceiling(before.application()).map(l -> messages.getMessage(
                                            "onboarding.console.refused.above-both", new Object[] {
                                                    yen(l.revolving(), locale), yen(l.cashAdvance(), locale)}, locale))
                                            .orElseGet(() -> text("onboarding.console.refused.above-unknown", locale)));
                        }
                    } else {
                        boolean identityNotPassed = approve && (before.identity() == null
                                || before.identity().outcome() != EkycOutcome.PASSED);
                        error = text(refused.type() != ProblemType.CONFLICT ? "onboarding.console.refused.other"
                                : identityNotPassed ? "onboarding.console.refused.identity"
                                : "onboarding.console.refused.screening", locale);
                        status = HttpStatus.CONFLICT;
                    }
                }
            }
        }
        if (error == null && !errors.isEmpty()) {
            error = text("onboarding.console.refused.fields", locale);
        }
        // Shown at the form's address; the language switch goes to the application itself.
        request.setAttribute("currentPath", "/console/applications/" + id);
        request.setAttribute("currentPage", "/console/applications/" + id);
        response.setStatus(status.value());
        model.addAttribute("error", error);
        model.addAttribute("errors", errors);
        model.addAttribute("chosen", decision);
        model.addAttribute("note", note);
        model.addAttribute("revolving", revolving);
        model.addAttribute("cashAdvance", cashAdvance);
        model.addAttribute("incomeProof", incomeProof);
        fill(model, found(id), locale, auth, request);
        return "onboarding/review-case";
    }

    private static String doneKey(Application after) {
        return switch (after.status()) {
            case ISSUED -> "onboarding.console.done.issued";
            case DECLINED -> "onboarding.console.done.declined";
            default -> "onboarding.console.done.approved";
        };
    }

    /**
     * The same decision by the same person after the form they sent was drawn (its version): a retry, so
     * the answer is what it did. Anything else is a second decision.
     */
    private Optional<String> alreadyDone(Applications.Referral referral, boolean approve, String staff, String version,
            Locale locale) {
        Optional<Applications.Move> decided = staffMove(referral);
        if (decided.isEmpty() || version == null || !version.matches("[0-9]{1,9}")) {
            return Optional.empty();
        }
        Applications.Move move = decided.get();
        boolean same = move.version() == Integer.parseInt(version) + 1 && move.actor().equals(staff)
                && move.action() == (approve ? ApplicationAction.APPROVE : ApplicationAction.DECLINE);
        return same ? Optional.of(text(doneKey(referral.application()), locale)) : Optional.empty();
    }

    private String decidedBefore(Applications.Referral referral, Locale locale) {
        return staffMove(referral).map(m -> messages.getMessage("onboarding.console.refused.decided",
                        new Object[] {text("onboarding.console.action." + m.action().name(), locale), m.actor(),
                                Display.time(m.at())}, locale))
                .orElseGet(() -> messages.getMessage("onboarding.console.refused.not-referred",
                        new Object[] {text(referral.application().status().messageKey(), locale)}, locale));
    }

    private static Optional<Applications.Move> staffMove(Applications.Referral referral) {
        return referral.moves().stream().filter(m -> m.party() == ApplicationParty.STAFF)
                .reduce((first, second) -> second);
    }

    private Long yenField(String value, String field, Map<String, String> errors, Locale locale) {
        String digits = value == null ? "" : value.strip().replace(",", "");
        if (digits.isEmpty()) {
            errors.put(field, text("onboarding.console.refused.amount-required", locale));
            return null;
        }
        if (!digits.matches("[0-9]{1,12}")) {
            errors.put(field, text("onboarding.console.refused.amount", locale));
            return null;
        }
        return Long.parseLong(digits);
    }

    /** The most staff may grant now (the service's answer; empty when no screening approves yet). */
    private Optional<Limits> ceiling(Application application) {
        return applications.approvableLimits(application.id());
    }

    private Applications.Referral found(String id) {
        return applications.evidence(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private void fill(Model model, Applications.Referral referral, Locale locale, Authentication auth,
            HttpServletRequest request) {
        Actor reader = Actor.staff(auth, request);
        Application a = referral.application();
        boolean officer = officer(auth);
        boolean credit = reader.serves(Purpose.CREDIT_MANAGEMENT);
        Map<String, String> names = personalData.names(reader, Purpose.CREDIT_MANAGEMENT,
                a.customerId() == null ? List.of() : List.of(a.customerId()));
        Instant now = clock.instant();
        ReviewTarget target = properties.target();
        boolean referred = a.status() == ApplicationStatus.REFERRED;
        Instant referredAt = referredAt(referral);
        model.addAttribute("a", a);
        model.addAttribute("name", names.get(a.customerId()));
        model.addAttribute("namesShown", credit);
        model.addAttribute("officer", officer);
        model.addAttribute("canDecide", officer && referred);
        model.addAttribute("statusLabel", text(a.status().messageKey(), locale));
        model.addAttribute("channel", text("onboarding.console.channel." + a.channel().name(), locale));
        Limits requested = a.declared().requested();
        model.addAttribute("requestedRevolving", requested == null ? "—" : yen(requested.revolving(), locale));
        model.addAttribute("requestedCash", requested == null ? "—" : yen(requested.cashAdvance(), locale));
        model.addAttribute("submittedAt", Display.time(a.times().submittedAt()));
        model.addAttribute("referredAt", Display.time(referredAt));
        model.addAttribute("referred", referred);
        if (referred) {
            ReviewTarget.Standing standing = target.standing(referredAt, now);
            model.addAttribute("age", age(Duration.between(referredAt, now), locale));
            model.addAttribute("dueAt", Display.time(target.dueAt(referredAt)));
            model.addAttribute("standing", standing.name());
            model.addAttribute("standingLabel", text(standing.messageKey(), locale));
        }
        model.addAttribute("reasons", a.decision() == null ? List.of() : a.decision().reasons().stream()
                .map(r -> effectFact(r, a.decision(), locale))
                .toList());
        model.addAttribute("technical", a.decision() == null || ReasonKind.referring(a).isEmpty()
                ? (a.failure().attempts() > 0 ? messages.getMessage("onboarding.console.reason.technical.detail",
                        new Object[] {a.failure().step() == null ? "—"
                                : text("onboarding.console.failed-step." + a.failure().step(), locale),
                                a.failure().attempts()},
                        locale) : null) : null);
        model.addAttribute("device", deviceFacts(referral.device(), a, locale));
        model.addAttribute("deviceReasons", referral.device() == null ? List.of()
                : referral.device().reasons().stream().map(r -> text("devices.reason." + r.name(), locale)).toList());
        model.addAttribute("deviceMarkers", referral.device() == null ? List.of()
                : referral.device().automation().stream().sorted().map(m -> text("devices.marker." + m.name(), locale))
                        .toList());
        model.addAttribute("deviceNote", referral.device() != null ? null
                : text(a.channel() == Channel.PARTNER ? "onboarding.console.device.partner"
                        : "onboarding.console.device.none", locale));
        identity(model, referral.identity(), locale);
        screening(model, referral.screening(), locale);
        model.addAttribute("rescreenings", rescreenings(a, locale));
        Optional<Limits> ceiling = ceiling(a);
        model.addAttribute("ceiling", ceiling.map(l -> messages.getMessage("onboarding.console.approve.ceiling",
                new Object[] {yen(l.revolving(), locale), yen(l.cashAdvance(), locale)}, locale))
                .orElseGet(() -> text("onboarding.console.approve.ceiling.unknown", locale)));
        if (!model.containsAttribute("revolving")) {
            // Offered: what was asked for, within what the screening allows; a screening that referred (proof of
            // income, the bureau's silence) approves nothing, yet its figures say what it allows, and approving
            // screens again and grants at most that: never offer more.
            Optional<Limits> offered = ceiling.or(() -> Optional.ofNullable(referral.screening())
                    .map(s -> s.figures().allowed()));
            model.addAttribute("revolving", requested == null ? "" : Long.toString(offered
                    .map(l -> Math.min(l.revolving(), requested.revolving())).orElse(requested.revolving())));
            model.addAttribute("cashAdvance", requested == null ? "" : Long.toString(offered
                    .map(l -> Math.min(l.cashAdvance(), requested.cashAdvance())).orElse(requested.cashAdvance())));
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        model.addAttribute("moves", referral.moves().stream().map(m -> moveRow(a, m, credit, locale)).toList());
        // Granted only once approved: a referral's decision carries what the screening would allow.
        boolean approved = a.status() == ApplicationStatus.APPROVED || a.status() == ApplicationStatus.ISSUED;
        model.addAttribute("granted", !approved || a.decision() == null || a.decision().granted() == null ? null
                : messages.getMessage("onboarding.console.granted", new Object[] {
                        yen(a.decision().granted().revolving(), locale), yen(a.decision().granted().cashAdvance(), locale)},
                        locale));
    }

    private List<Fact> deviceFacts(DeviceReputation device, Application a, Locale locale) {
        if (device == null) {
            return List.of();
        }
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("device-id", text("onboarding.console.device.id", locale), shortId(device.deviceId()), false));
        facts.add(new Fact("device-first-seen", text("onboarding.console.device.first-seen", locale),
                device.firstSeenAt() == null ? "—" : Display.time(device.firstSeenAt()), false));
        facts.add(new Fact("device-applications", text("onboarding.console.device.applications", locale),
                Display.count(device.applications30d()), device.applications30d() > 1));
        facts.add(new Fact("device-customers", text("onboarding.console.device.customers", locale),
                Display.count(device.customers()), device.customers() > 1));
        facts.add(new Fact("device-cards", text("onboarding.console.device.cards", locale), Display.count(device.cards()),
                false));
        facts.add(new Fact("device-frauds", text("onboarding.console.device.frauds", locale),
                Display.count(device.confirmedFrauds()), device.confirmedFrauds() > 0));
        facts.add(new Fact("device-linked-frauds", text("onboarding.console.device.linked-frauds", locale),
                Display.count(device.fraudsOnLinkedCards()), device.fraudsOnLinkedCards() > 0));
        facts.add(new Fact("device-velocity", text("onboarding.console.device.velocity", locale),
                Display.count(device.observationsLastHour()), false));
        facts.add(new Fact("device-timezone", text("onboarding.console.device.timezone", locale),
                text(device.timezoneOutsideJapan() ? "onboarding.console.device.timezone.outside"
                        : "onboarding.console.device.timezone.japan", locale), device.timezoneOutsideJapan()));
        facts.add(new Fact("device-language", text("onboarding.console.device.language", locale),
                text(device.languageNotJapanese() ? "onboarding.console.device.language.other"
                        : "onboarding.console.device.language.japanese", locale), false));
        return facts;
    }

    private void identity(Model model, EkycVerification verification, Locale locale) {
        // The credit officer's identity decision (IdentityReviewPages) is offered while the check is in review.
        model.addAttribute("identityInReview", verification != null && verification.status() == EkycStatus.REVIEW);
        if (verification == null) {
            model.addAttribute("identity", List.of());
            model.addAttribute("identityReasons", List.of());
            return;
        }
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("ekyc-outcome", text("onboarding.console.ekyc.outcome", locale),
                verification.outcome() == null ? text("onboarding.console.ekyc.pending", locale)
                        : text("ekyc.outcome." + verification.outcome().name(), locale),
                verification.outcome() != null && !"PASSED".equals(verification.outcome().name())));
        EkycResult result = verification.result();
        if (result != null) {
            facts.add(new Fact("ekyc-method", text("onboarding.console.ekyc.method", locale),
                    text("ekyc.method." + result.method().name(), locale), false));
            facts.add(new Fact("ekyc-face", text("onboarding.console.ekyc.face", locale), score(result.faceMatchScore(),
                    locale), false));
            facts.add(new Fact("ekyc-liveness", text("onboarding.console.ekyc.liveness", locale),
                    score(result.livenessScore(), locale), false));
            EkycResult.DocumentChecks document = result.document();
            facts.add(new Fact("ekyc-document", text("onboarding.console.ekyc.document", locale),
                    text("ekyc.document." + document.documentType().name(), locale), false));
            facts.add(new Fact("ekyc-expired", text("onboarding.console.ekyc.expired", locale),
                    text(document.documentExpired() ? "onboarding.console.yes" : "onboarding.console.no", locale),
                    document.documentExpired()));
            facts.add(new Fact("ekyc-spoof", text("onboarding.console.ekyc.spoof", locale),
                    score(document.spoofRisk(), locale), false));
            facts.add(new Fact("ekyc-ocr", text("onboarding.console.ekyc.ocr", locale), score(document.ocrConfidence(),
                    locale), false));
            facts.add(new Fact("ekyc-completed", text("onboarding.console.ekyc.completed", locale),
                    Display.time(result.completedAt()), false));
        }
        model.addAttribute("identity", facts);
        model.addAttribute("identityReasons", verification.reasons().stream()
                .map(r -> text("ekyc.reason." + r.name() + ".staff", locale)).toList());
    }

    private void screening(Model model, ScreeningDecision screening, Locale locale) {
        model.addAttribute("screened", screening != null);
        if (screening == null) {
            return;
        }
        ScreeningFigures f = screening.figures();
        model.addAttribute("screeningOutcome", text(screening.outcome().messageKey(), locale));
        model.addAttribute("screeningOutcomeCode", screening.outcome().name());
        model.addAttribute("screeningReasons", screening.reasons().stream()
                .map(r -> text(r.staffMessageKey(), locale)).toList());
        model.addAttribute("screeningNeeded", screening.needed().stream().sorted()
                .map(r -> text(r.messageKey(), locale)).toList());
        model.addAttribute("bureauAnswered", f.bureauAnswered());
        List<Fact> bureau = new ArrayList<>();
        if (f.bureauAnswered()) {
            bureau.add(new Fact("bureau-repayments", text("onboarding.console.bureau.repayments", locale),
                    yen(f.bureau().annualRepaymentsDue(), locale), false));
            bureau.add(new Fact("bureau-other-cash", text("onboarding.console.bureau.other-cash", locale),
                    yen(f.bureau().otherLendersCashAdvance(), locale), false));
            bureau.add(new Fact("bureau-delinquent", text("onboarding.console.bureau.delinquent", locale),
                    text(f.bureau().delinquent() ? "onboarding.console.yes" : "onboarding.console.no", locale),
                    f.bureau().delinquent()));
        }
        model.addAttribute("bureau", bureau);
        var capacity = f.capacity();
        List<Fact> figures = new ArrayList<>();
        figures.add(new Fact("fig-income", text("onboarding.console.fig.income", locale),
                yen(capacity.annualIncome(), locale), false));
        figures.add(new Fact("fig-household", text("onboarding.console.fig.household", locale),
                messages.getMessage("onboarding.console.fig.household.value", new Object[] {capacity.householdSize(),
                        text("screening.housing." + capacity.housing().name(), locale)}, locale), false));
        figures.add(new Fact("fig-living", text("onboarding.console.fig.living", locale),
                yen(capacity.livingCosts(), locale), false));
        figures.add(new Fact("fig-repayments", text("onboarding.console.fig.repayments", locale),
                yen(capacity.annualCreditRepayments(), locale), false));
        figures.add(new Fact("fig-capacity", text("onboarding.console.fig.capacity", locale),
                yen(capacity.paymentCapacity(), locale), capacity.paymentCapacity() == 0));
        figures.add(new Fact("fig-cap", text("onboarding.console.fig.cap", locale),
                yen(capacity.maxRevolvingLimit(), locale), false));
        figures.add(new Fact("fig-ceiling", text("onboarding.console.fig.ceiling", locale),
                yen(capacity.cashAdvanceCeiling(), locale), false));
        figures.add(new Fact("fig-room", text("onboarding.console.fig.room", locale), yen(f.cashAdvanceRoom(), locale),
                false));
        figures.add(new Fact("fig-existing", text("onboarding.console.fig.existing", locale),
                limits(f.existing(), locale), false));
        figures.add(new Fact("fig-requested", text("onboarding.console.fig.requested", locale),
                limits(f.requested(), locale), false));
        figures.add(new Fact("fig-allowed", text("onboarding.console.fig.allowed", locale), limits(f.allowed(), locale),
                false));
        figures.add(new Fact("fig-path", text("onboarding.console.fig.path", locale),
                text(f.conventional() ? "onboarding.console.fig.path.conventional"
                        : "onboarding.console.fig.path.formula", locale), false));
        model.addAttribute("figures", figures);
    }

    private List<Rescreening> rescreenings(Application a, Locale locale) {
        List<Rescreening> made = new ArrayList<>();
        for (ScreeningDecision s : applications.rescreenings(a.id())) {
            made.add(new Rescreening(s.applicationId(), text(s.outcome().messageKey(), locale), s.outcome().name(),
                    Display.time(s.decidedAt()), s.reasons().stream().map(r -> text(r.staffMessageKey(), locale)).toList(),
                    s.granted() == null ? "—" : limits(s.granted(), locale)));
        }
        return made;
    }

    private MoveRow moveRow(Application a, Applications.Move m, boolean mayReadNotes, Locale locale) {
        String note = null;
        if (m.party() == ApplicationParty.STAFF && mayReadNotes) {
            note = applications.staffNote(a.id(), m.version()).orElse(null);
        }
        return new MoveRow(m.version(), Display.time(m.at()), text("onboarding.console.action." + m.action().name(),
                locale), text(m.from().messageKey(), locale), text(m.to().messageKey(), locale),
                text("onboarding.console.party." + m.party().name(), locale), m.actor(),
                MoveDetails.words(m.detail(), messages, locale, Display::time), note);
    }

    // ---- shared --------------------------------------------------------------------------------------

    private static Instant referredAt(Applications.Referral referral) {
        // Not a move within the referral (a credit officer's identity decision): the referral's own time counts.
        return referral.moves().stream().filter(m -> m.to() == ApplicationStatus.REFERRED
                        && m.from() != ApplicationStatus.REFERRED).map(Applications.Move::at)
                .reduce((first, second) -> second).orElse(referral.application().times().updatedAt());
    }

    private static boolean officer(Authentication auth) {
        return auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(Role.CREDIT_OFFICER.authority()));
    }

    /** "3 h", "1 d 4 h" (「3時間」「1日4時間」): how long a referral has waited. */
    private String age(Duration waited, Locale locale) {
        long hours = Math.max(0, waited.toHours());
        if (hours < 1) {
            return text("onboarding.console.age.under-hour", locale);
        }
        return hours < 24 ? messages.getMessage("onboarding.console.age.hours", new Object[] {hours}, locale)
                : messages.getMessage("onboarding.console.age.days", new Object[] {hours / 24, hours % 24}, locale);
    }

    private String score(Double score, Locale locale) {
        return score == null ? text("onboarding.console.ekyc.no-score", locale)
                : String.format(Locale.ROOT, "%.2f", score);
    }

    private String limits(Limits limits, Locale locale) {
        return messages.getMessage("onboarding.console.limits", new Object[] {yen(limits.revolving(), locale),
                yen(limits.cashAdvance(), locale)}, locale);
    }

    private static String shortId(String id) {
        return id == null ? "—" : id.length() > 12 ? id.substring(0, 12) + "…" : id;
    }

    private static String yen(long amount, Locale locale) {
        return Display.money(amount, "JPY", locale);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    /** A reason with what it did in this decision; a fraud signal with its weight and the score against the cut. */
    private Fact effectFact(RiskReason reason, Application.Decision decision, Locale locale) {
        List<RiskReason> reasons = decision.reasons();
        RiskReason.Effect effect = decision.effectOf(reason);
        String value = text("onboarding.console.effect." + effect.name(), locale);
        // A decision made before the fraud score was not weighed: no score against a cut it never had.
        if (reason.fraudSignal() && decision.policy() != ApplicationRiskPolicy.Version.BEFORE_FRAUD_SCORE) {
            value = messages.getMessage("onboarding.console.effect.weighed", new Object[] {value, reason.weight(),
                    ApplicationRiskPolicy.fraudScore(reasons), ApplicationRiskPolicy.REFER_CUT}, locale);
        }
        return new Fact(reason.name(), text(reason.staffMessageKey(), locale), value, effect != RiskReason.Effect.NOTE);
    }
}
