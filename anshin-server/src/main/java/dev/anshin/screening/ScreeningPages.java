package dev.anshin.screening;

import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.Purpose;
import dev.anshin.site.Display;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
 * The staff console's screening pages: the limit reductions the re-screening proposed
 * ({@code /console/screening/proposals}), one proposal with its figures, where a credit officer accepts
 * or rejects it, and the re-screening runs with their progress and a "run now"
 * ({@code /console/screening/runs}). Analysts read the same pages without the forms, and the security
 * chain refuses their posts (403).
 *
 * <p>The customer is named as the credit officer works with them: their name, read through the privacy
 * module for credit management (audited there) when the reader's role serves that purpose; otherwise
 * by the customer's pseudonymous id. Cards are shown masked (BIN and last four), never by token.
 */
@Controller
class ScreeningPages {

    /**
     * Open proposals listed on one page (the newest); the summary above counts them all. Few, because each
     * listed customer's name is a read of personal data, audited.
     */
    static final int LISTED = 50;
    /** Decisions listed below the open proposals, the latest first. */
    static final int DECIDED_LISTED = 20;
    /** Runs listed, the latest first; the chart shows the latest {@link #CHARTED} of them. */
    static final int RUNS_LISTED = 30;
    static final int CHARTED = 12;

    /** One proposal as the pages show it; amounts formatted in the reader's language. */
    record Row(String id, String card, String customer, boolean named, String proposedAt, String currentRevolving,
            String proposedRevolving, String currentCashAdvance, String proposedCashAdvance, String reduction,
            List<String> reasons, String status, String statusCode, String decidedAt) {
    }

    /** One run as the runs page shows it. */
    record RunRow(String id, String startedAt, String finishedAt, boolean running, String startedBy, int due, int done,
            int proposals, int failures, String errors) {

        public int percent() {
            return due == 0 ? 100 : Math.min(100, done * 100 / due);
        }
    }

    /** One bar of the proposals-per-run chart. */
    record Bar(String label, int proposals, int width, String title) {
    }

    private final Screenings screenings;
    private final Cards cards;
    private final PersonalData personalData;
    private final MessageSource messages;

    ScreeningPages(Screenings screenings, Cards cards, PersonalData personalData, MessageSource messages) {
        this.screenings = screenings;
        this.cards = cards;
        this.personalData = personalData;
        this.messages = messages;
    }

    @GetMapping("/console/screening")
    String home() {
        return "redirect:/console/screening/proposals";
    }

    @GetMapping("/console/screening/proposals")
    String proposals(Model model, Locale locale, Authentication auth, HttpServletRequest request) {
        Actor reader = Actor.staff(auth, request);
        List<LimitProposal> open = screenings.proposals(LISTED);
        List<LimitProposal> decided = screenings.decidedProposals(DECIDED_LISTED);
        Map<String, String> names = personalData.names(reader, Purpose.CREDIT_MANAGEMENT,
                Stream.concat(open.stream(), decided.stream()).map(LimitProposal::customerId)
                        .collect(Collectors.toCollection(LinkedHashSet::new)));
        Screenings.OpenProposals totals = screenings.openProposals();
        model.addAttribute("rows", open.stream().map(p -> row(p, names, locale)).toList());
        model.addAttribute("decided", decided.stream().map(p -> row(p, names, locale)).toList());
        model.addAttribute("openCount", Display.count(totals.count()));
        model.addAttribute("openReduction", yen(totals.reduction(), locale));
        model.addAttribute("more", totals.count() > open.size());
        model.addAttribute("listed", LISTED);
        model.addAttribute("officer", officer(auth));
        model.addAttribute("namesShown", reader.serves(Purpose.CREDIT_MANAGEMENT));
        return "screening/proposals";
    }

    @GetMapping("/console/screening/proposals/{id}")
    String proposal(@PathVariable String id, Model model, Locale locale, Authentication auth,
            HttpServletRequest request) {
        fill(model, found(id), locale, auth, request);
        return "screening/proposal";
    }

    /**
     * Accepts or rejects the proposal. Either needs the confirmation ticked (checked here, not only in the
     * browser: accepting lowers a cardholder's limits, rejecting closes the proposal for good); a rejection
     * needs a note. The same decision sent again (a double click, a reload) is answered as done.
     */
    @PostMapping("/console/screening/proposals/{id}/decision")
    String decide(@PathVariable String id, @RequestParam(required = false) String decision,
            @RequestParam(required = false) String note, @RequestParam(required = false) String confirmed,
            Model model, Locale locale, Authentication auth, HttpServletRequest request, HttpServletResponse response,
            RedirectAttributes redirect) {
        LimitProposal before = found(id);
        String error = null;
        String errorField = null;
        HttpStatus status = HttpStatus.UNPROCESSABLE_CONTENT;
        if (!"ACCEPT".equals(decision) && !"REJECT".equals(decision)) {
            error = text("screening.refused.decision-invalid", locale);
            errorField = "decision";
        } else if (before.open() && !"yes".equals(confirmed)) {
            error = text("screening.proposal.confirm.required", locale);
            errorField = "ACCEPT".equals(decision) ? "accept-confirm" : "reject-confirm";
        } else {
            try {
                LimitProposal after = "ACCEPT".equals(decision) ? screenings.acceptProposal(id, auth.getName(), note)
                        : screenings.rejectProposal(id, auth.getName(), note);
                redirect.addFlashAttribute("done", text("screening.proposal.done." + after.status().name(), locale));
                return "redirect:/console/screening/proposals/" + id;
            } catch (ProposalRefused refused) {
                error = text(refused.reason().messageKey(), locale);
                errorField = refused.field() == null ? null
                        : "note".equals(refused.field()) ? ("ACCEPT".equals(decision) ? "accept-note" : "reject-note")
                        : refused.field();
                status = switch (refused.reason()) {
                    case UNKNOWN -> HttpStatus.NOT_FOUND;
                    case ALREADY_DECIDED, LIMITS_CHANGED -> HttpStatus.CONFLICT;
                    default -> HttpStatus.UNPROCESSABLE_CONTENT;
                };
            }
        }
        // Shown at the form's address; the language switch goes to the proposal itself.
        request.setAttribute("currentPath", "/console/screening/proposals/" + id);
        request.setAttribute("currentPage", "/console/screening/proposals/" + id);
        response.setStatus(status.value());
        model.addAttribute("error", error);
        model.addAttribute("errorField", errorField);
        model.addAttribute("chosen", decision);
        model.addAttribute("note", note);
        fill(model, screenings.proposal(id).orElse(before), locale, auth, request);
        return "screening/proposal";
    }

    @GetMapping("/console/screening/runs")
    String runs(Model model, Locale locale, Authentication auth) {
        List<RescreeningStatus> runs = screenings.rescreeningRuns(RUNS_LISTED);
        Screenings.RescreeningSchedule schedule = screenings.rescreeningSchedule();
        model.addAttribute("runs", runs.stream().map(r -> runRow(r, locale)).toList());
        model.addAttribute("running", runs.stream().anyMatch(RescreeningStatus::running));
        model.addAttribute("nextRun", schedule.nextRunAt() == null ? text("screening.runs.next.off", locale)
                : Display.time(schedule.nextRunAt()));
        model.addAttribute("dueNow", Display.count(schedule.accountsDueNow()));
        model.addAttribute("nextDue", schedule.nextAccountDue() == null ? text("screening.runs.next-due.none", locale)
                : Display.time(schedule.nextAccountDue()));
        model.addAttribute("bars", bars(runs, locale));
        model.addAttribute("officer", officer(auth));
        return "screening/runs";
    }

    @PostMapping("/console/screening/runs")
    String runNow(Authentication auth, Locale locale, RedirectAttributes redirect) {
        try {
            Screenings.RescreeningStart started = screenings.rescreenNow(auth.getName());
            redirect.addFlashAttribute("done", started.runId() == null ? text("screening.runs.started.nothing", locale)
                    : messages.getMessage("screening.runs.started", new Object[] {Display.count(started.accountsDue())},
                            locale));
            redirect.addFlashAttribute("startedRun", started.runId());
        } catch (RescreeningRunning running) {
            redirect.addFlashAttribute("error", text("screening.runs.refused.running", locale));
        }
        return "redirect:/console/screening/runs";
    }

    private LimitProposal found(String id) {
        return screenings.proposal(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private void fill(Model model, LimitProposal p, Locale locale, Authentication auth, HttpServletRequest request) {
        Actor reader = Actor.staff(auth, request);
        Map<String, String> names = personalData.names(reader, Purpose.CREDIT_MANAGEMENT, Set.of(p.customerId()));
        boolean officer = officer(auth);
        model.addAttribute("p", p);
        model.addAttribute("row", row(p, names, locale));
        model.addAttribute("officer", officer);
        model.addAttribute("canDecide", officer && p.open());
        model.addAttribute("capacity", yen(p.paymentCapacity(), locale));
        model.addAttribute("cap", yen(p.maxRevolvingLimit(), locale));
        model.addAttribute("cashRoom", yen(p.cashAdvanceRoom(), locale));
        model.addAttribute("bureauRepayments", yen(p.bureau().annualRepaymentsDue(), locale));
        model.addAttribute("bureauOtherCash", yen(p.bureau().otherLendersCashAdvance(), locale));
        model.addAttribute("delinquent", text(p.bureau().delinquent() ? "screening.proposal.delinquent.yes"
                : "screening.proposal.delinquent.no", locale));
        model.addAttribute("latePayments", p.latePayments() == null ? text("screening.proposal.late.unknown", locale)
                : Display.count(p.latePayments()));
        model.addAttribute("decidedAt", p.decision() == null ? null : Display.time(p.decision().decidedAt()));
    }

    private Row row(LimitProposal p, Map<String, String> names, Locale locale) {
        String name = names.get(p.customerId());
        return new Row(p.id(), masked(p.cardToken(), locale), name != null ? name : p.customerId(), name != null,
                Display.time(p.proposedAt()), yen(p.current().revolving(), locale), yen(p.proposed().revolving(), locale),
                yen(p.current().cashAdvance(), locale), yen(p.proposed().cashAdvance(), locale),
                yen(p.reduction(), locale),
                p.reasons().stream().map(r -> text(r.messageKey(), locale)).toList(),
                text(p.status().messageKey(), locale), p.status().name(),
                p.decision() == null ? null : Display.time(p.decision().decidedAt()));
    }

    private RunRow runRow(RescreeningStatus r, Locale locale) {
        String by = r.startedBy() == null ? "—"
                : Rescreening.JOB.equals(r.startedBy()) ? text("screening.runs.by.job", locale) : r.startedBy();
        return new RunRow(r.runId(), Display.time(r.startedAt()),
                r.finishedAt() == null ? null : Display.time(r.finishedAt()), r.running(), by, r.accountsDue(),
                r.accountsDone(), r.proposals(), r.failures(), r.errors());
    }

    /** The latest runs' proposals, the oldest at the top, so the chart reads in time order. */
    private List<Bar> bars(List<RescreeningStatus> runs, Locale locale) {
        List<RescreeningStatus> shown = new ArrayList<>(runs.subList(0, Math.min(CHARTED, runs.size())));
        Collections.reverse(shown);
        int most = shown.stream().mapToInt(RescreeningStatus::proposals).max().orElse(0);
        return shown.stream().map(r -> new Bar(Display.date(r.startedAt()) + " " + Display.timeOfDay(r.startedAt()),
                        r.proposals(), most == 0 ? 0 : Math.max(r.proposals() == 0 ? 0 : 2, r.proposals() * 280 / most),
                        messages.getMessage("screening.runs.chart.bar", new Object[] {Display.time(r.startedAt()),
                                r.proposals(), r.accountsDone()}, locale)))
                .toList();
    }

    /** The card as staff see it (BIN and last four); a token no card answers to is shown as unknown. */
    private String masked(String cardToken, Locale locale) {
        return cards.find(cardToken).map(Card::masked).orElseGet(() -> text("screening.card.unknown", locale));
    }

    private static boolean officer(Authentication auth) {
        return auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(Role.CREDIT_OFFICER.authority()));
    }

    private static String yen(long amount, Locale locale) {
        return Display.money(amount, "JPY", locale);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
