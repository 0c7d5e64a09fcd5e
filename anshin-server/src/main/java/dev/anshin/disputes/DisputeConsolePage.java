package dev.anshin.disputes;

import dev.anshin.access.Role;
import dev.anshin.access.StaffDirectory;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import dev.anshin.privacy.Purpose;
import dev.anshin.problems.Ids;
import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.fraud.ScoredAuthorizations;
import dev.anshin.fraud.StoredDecision;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.site.CardNumbers;
import dev.anshin.site.Display;
import dev.anshin.site.PageModel;
import dev.anshin.site.ReasonWords;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * The staff case console: the queue of cases waiting for staff, earliest deadline first (with a
 * small chart of how many are due when), and one case with everything an analyst decides on: the
 * transaction, the risk decision at authorization, the findings with their weights, the
 * cardholder's answers, what was carried out, the history, and a form per move the transition
 * table allows an analyst now. Every move goes through {@link Disputes#act}, which audits it; a
 * refused move shows why on the case page, with nothing changed. Analysts act; admins may only
 * look (enforced by the console's security chain, the forms are just not shown to them). Cards
 * appear masked, customers by id.
 */
@Controller
class DisputeConsolePage {

    /** Cases (or groups) per page of the queue. */
    static final int PAGE_SIZE = 50;

    /** One row of the queue. */
    record QueueRow(String id, String status, String statusCode, String deadline, String bucket, String amount,
            String merchant, String card, String customerId, String assessment, int weight, String reportedAt,
            String reference, String assignedTo, boolean assigned) {
    }

    /** How many cases wait in one status, and the queue filtered to it. */
    record Count(String status, String label, long count, String href) {
    }

    /** A group of the queue: a card or a customer, its heading, its number of cases, and those cases. */
    record GroupView(String key, String heading, long count, List<QueueRow> cases, String more) {
    }

    /** One bar of the queue chart: how many cases are due in this bucket. */
    record Bar(String bucket, String label, long count, int width) {
    }

    /** One finding as shown: its text in the reader's language, its weight, and its bar. */
    record FindingRow(String code, String text, int weight, int barX, int barWidth) {
    }

    /** One label and value of a details list. */
    record Item(String label, String value) {
    }

    /** One line of the history. */
    record HistoryRow(int seq, String at, String action, String from, String to, String party, String actor,
            String note) {
    }

    /**
     * A move the analyst may make now: one form each. {@code consequences} (null for a move that can be
     * undone) says what cannot be taken back, and the form asks the analyst to confirm it.
     */
    record ActionForm(String action, String label, boolean needsNote, String consequences) {
    }

    /**
     * Moves that act outside Anshin and cannot be taken back (a blocked and replaced card, a credit, a
     * filing with the network): the analyst confirms each on the form, and the server checks it.
     */
    static final Set<DisputeAction> IRREVERSIBLE = EnumSet.of(DisputeAction.CONFIRM_FRAUD,
            DisputeAction.FILE_CHARGEBACK, DisputeAction.WITHDRAW_CHARGEBACK, DisputeAction.WRITE_OFF,
            DisputeAction.CHARGEBACK_WON, DisputeAction.CHARGEBACK_LOST);

    private final Disputes disputes;
    private final DisputeTexts texts;
    private final Cards cards;
    private final ScoredAuthorizations scored;
    private final MessageSource messages;
    private final StaffDirectory staff;
    private final PersonalData personalData;
    private final ReasonWords reasonWords;
    private final Clock clock;

    DisputeConsolePage(Disputes disputes, DisputeTexts texts, Cards cards, ScoredAuthorizations scored,
            MessageSource messages, StaffDirectory staff, PersonalData personalData, ReasonWords reasonWords,
            Clock clock) {
        this.reasonWords = reasonWords;
        this.staff = staff;
        this.personalData = personalData;
        this.disputes = disputes;
        this.texts = texts;
        this.cards = cards;
        this.scored = scored;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/console/disputes")
    String queue(@RequestParam(required = false) String status, @RequestParam(required = false) String assessment,
            @RequestParam(required = false) String assigned, @RequestParam(required = false) String card,
            @RequestParam(required = false) String since, @RequestParam(required = false) String age,
            @RequestParam(required = false) String q, @RequestParam(required = false) String view,
            @RequestParam(required = false) String page, Model model, Locale locale, Authentication auth,
            HttpServletRequest request, HttpServletResponse response) {
        Instant now = clock.instant();
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("status", status);
        typed.put("assessment", assessment);
        typed.put("assigned", assigned);
        typed.put("card", card);
        typed.put("since", since);
        typed.put("age", age);
        typed.put("q", q);
        typed.put("view", view);
        typed.values().removeIf(v -> v == null || v.isBlank());
        List<String> analysts = staff.holding(Role.ANALYST);
        Map<String, String> errors = new LinkedHashMap<>();
        // A search or card holding a card number is refused and not echoed: not in the form, not in any link.
        List<String> withheld = new ArrayList<>();
        for (String field : List.of("q", "card")) {
            String value = typed.get(field);
            if (field.equals("card") ? CardNumbers.mayHoldCardNumber(value) : CardNumbers.holdsDigitRun(value)) {
                typed.remove(field);
                withheld.add(field);
            }
        }
        PageModel.dropFromCurrentPath(request, withheld);
        QueueFilter filter = filter(typed, auth.getName(), analysts, now, errors);
        withheld.forEach(field -> errors.put(field, "console.disputes.filter.error.card-number"));
        String asked = typed.getOrDefault("view", "list");
        if (!List.of("list", "card", "customer").contains(asked)) {
            errors.put("view", "console.disputes.filter.error.view");
        }
        String shown = errors.containsKey("view") ? "list" : asked;
        long pageNumber = 1;
        if (page != null && !page.isBlank()) {
            pageNumber = page.strip().matches("\\d{1,6}") ? Long.parseLong(page.strip()) : 0;
            if (pageNumber < 1) {
                errors.put("page", "console.disputes.filter.error.page");
                pageNumber = 1;
            }
        }
        errors.replaceAll((field, key) -> key.startsWith("console.") ? label(key, locale) : key);

        Map<DisputeStatus, Long> waiting = disputes.waitingByStatus();
        model.addAttribute("counts", QueueFilter.WAITING.stream().map(st -> new Count(st.name(),
                texts.staffStatus(st, locale), waiting.getOrDefault(st, 0L), link(Map.of("status", st.name()), 1)))
                .toList());
        model.addAttribute("waitingTotal", waiting.values().stream().mapToLong(Long::longValue).sum());
        model.addAttribute("f", typed);
        model.addAttribute("notFound", false);
        model.addAttribute("errors", errors);
        model.addAttribute("view", shown);
        model.addAttribute("analysts", analysts);
        model.addAttribute("statusOptions", statusOptions(locale));
        model.addAttribute("assessmentOptions", assessmentOptions(locale));
        model.addAttribute("cases", List.of());
        model.addAttribute("groups", List.of());
        model.addAttribute("bars", List.of());
        model.addAttribute("overdueCount", 0L);
        if (!errors.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "disputes/queue";
        }
        long offset = (pageNumber - 1) * PAGE_SIZE;
        long total;
        if (shown.equals("list")) {
            Disputes.QueuePage found = disputes.queue(filter, offset, PAGE_SIZE);
            total = found.total();
            List<QueueRow> rows = found.cases().stream().map(d -> row(d, now, locale)).toList();
            model.addAttribute("cases", rows);
            bars(rows.isEmpty() ? Map.of() : disputes.deadlineCounts(filter, now), model, locale);
        } else {
            String column = shown.equals("card") ? "card_token" : "customer_id";
            Disputes.GroupPage found = disputes.grouped(filter, column, offset, PAGE_SIZE);
            total = found.total();
            Actor reader = actor(auth, request);
            // A card's group is named by its masked number: the token stays off the page.
            model.addAttribute("groups", found.groups().stream().map(g -> new GroupView(
                    shown.equals("card") ? masked(g.key()) : g.key(),
                    shown.equals("card") ? messages.getMessage("console.disputes.group.card",
                            new Object[] {masked(g.key()), g.count()}, locale)
                            : messages.getMessage("console.disputes.group.customer",
                            new Object[] {customerName(reader, g.key(), locale), g.key(), g.count()}, locale),
                    g.count(), g.cases().stream().map(d -> row(d, now, locale)).toList(),
                    g.count() > g.cases().size() ? messages.getMessage("console.disputes.group.more",
                            new Object[] {g.count() - g.cases().size()}, locale) : null)).toList());
        }
        long pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        if (pageNumber > pages) {
            errors.put("page", label("console.disputes.filter.error.page", locale));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("cases", List.of());
            model.addAttribute("groups", List.of());
            model.addAttribute("bars", List.of());
            return "disputes/queue";
        }
        long shownCount = shown.equals("list") ? ((List<?>) model.getAttribute("cases")).size()
                : ((List<?>) model.getAttribute("groups")).size();
        model.addAttribute("total", total);
        model.addAttribute("showing", total == 0 ? label("console.disputes.showing.none", locale)
                : messages.getMessage(shown.equals("list") ? "console.disputes.showing" : "console.disputes.groups.showing",
                new Object[] {offset + 1, offset + shownCount, total}, locale));
        model.addAttribute("pageNumber", pageNumber);
        model.addAttribute("pages", pages);
        model.addAttribute("pageOf", messages.getMessage("console.disputes.page.of", new Object[] {pageNumber, pages},
                locale));
        model.addAttribute("prev", pageNumber > 1 ? link(typed, pageNumber - 1) : null);
        model.addAttribute("next", pageNumber < pages ? link(typed, pageNumber + 1) : null);
        return "disputes/queue";
    }

    /** The filter the query string asks for; each value that cannot be used is explained in {@code errors}. */
    private QueueFilter filter(Map<String, String> typed, String me, List<String> analysts, Instant now,
            Map<String, String> errors) {
        Set<DisputeStatus> statuses = EnumSet.copyOf(QueueFilter.WAITING);
        String status = typed.get("status");
        if ("ALL".equals(status)) {
            statuses = EnumSet.allOf(DisputeStatus.class);
        } else if (status != null) {
            try {
                statuses = EnumSet.of(DisputeStatus.valueOf(status));
            } catch (IllegalArgumentException e) {
                errors.put("status", "console.disputes.filter.error.status");
            }
        }
        String assessment = typed.get("assessment");
        if (assessment != null && !assessment.equals("NONE")
                && java.util.Arrays.stream(Assessment.values()).noneMatch(a -> a.name().equals(assessment))) {
            errors.put("assessment", "console.disputes.filter.error.assessment");
        }
        String assignedTo = null;
        boolean unassigned = false;
        String assigned = typed.get("assigned");
        if ("me".equals(assigned)) {
            assignedTo = me;
        } else if ("nobody".equals(assigned)) {
            unassigned = true;
        } else if (assigned != null) {
            // An analyst since disabled still has their cases, which can be looked up to share them out.
            if (analysts.contains(assigned) || (assigned.length() <= 100 && disputes.anyAssignedTo(assigned))) {
                assignedTo = assigned;
            } else {
                errors.put("assigned", "console.disputes.filter.error.assigned");
            }
        }
        String card = typed.get("card");
        if (card != null && !card.strip().matches("\\d{4}")) {
            errors.put("card", "console.disputes.filter.error.card");
        }
        Instant from = null;
        if (typed.get("since") != null) {
            try {
                LocalDate day = LocalDate.parse(typed.get("since").strip());
                if (day.getYear() < 2000 || day.getYear() > 2100) {
                    errors.put("since", "console.disputes.filter.error.since-range");
                } else {
                    from = day.atStartOfDay(Display.ZONE).toInstant();
                }
            } catch (java.time.format.DateTimeParseException e) {
                errors.put("since", "console.disputes.filter.error.since");
            }
        }
        Instant before = null;
        String age = typed.get("age");
        if (age != null) {
            if (age.strip().matches("\\d{1,4}") && Integer.parseInt(age.strip()) <= 3650) {
                before = now.minus(Duration.ofDays(Integer.parseInt(age.strip())));
            } else {
                errors.put("age", "console.disputes.filter.error.age");
            }
        }
        String search = null;
        String q = typed.get("q");
        if (q != null) {
            search = DisputeReferences.normalize(q);
            if (search == null && Ids.isUuid(q.strip())) {
                search = q.strip();
            }
            if (search == null) {
                errors.put("q", "console.disputes.filter.error.q");
            }
        }
        return new QueueFilter(statuses, assessment, assignedTo, unassigned, card == null ? null : card.strip(), from,
                before, search);
    }

    private QueueRow row(Dispute d, Instant now, Locale locale) {
        return new QueueRow(d.id(), texts.staffStatus(d.status(), locale), d.status().name(), deadline(d),
                bucket(d, now), Display.money(d.amountMinor(), d.currency(), locale), merchant(d),
                masked(d.cardToken()), d.customerId(), texts.assessment(d.assessment(), locale), d.weight(),
                Display.time(d.createdAt()), d.reference() == null ? "" : d.reference(),
                d.assignedTo() == null ? label("console.disputes.nobody", locale) : d.assignedTo(),
                d.assignedTo() != null);
    }

    /** The deadline chart of the whole filtered queue (every page's cases, not only those shown). */
    private void bars(Map<String, Long> due, Model model, Locale locale) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String bucket : List.of("overdue", "today", "tomorrow", "later", "none")) {
            counts.put(bucket, due.getOrDefault(bucket, 0L));
        }
        long most = Math.max(1, counts.values().stream().mapToLong(Long::longValue).max().orElse(1));
        List<Bar> bars = counts.entrySet().stream().map(e -> new Bar(e.getKey(),
                        messages.getMessage("console.disputes.bucket." + e.getKey(), null, e.getKey(), locale),
                        e.getValue(), (int) Math.round(300.0 * e.getValue() / most)))
                .toList();
        model.addAttribute("bars", due.isEmpty() ? List.of() : bars);
        model.addAttribute("overdueCount", counts.get("overdue"));
    }

    private List<Item> statusOptions(Locale locale) {
        List<Item> options = new ArrayList<>();
        options.add(new Item(label("console.disputes.filter.status.waiting", locale), ""));
        for (DisputeStatus st : DisputeStatus.values()) {
            options.add(new Item(texts.staffStatus(st, locale), st.name()));
        }
        options.add(new Item(label("console.disputes.filter.status.all", locale), "ALL"));
        return options;
    }

    private List<Item> assessmentOptions(Locale locale) {
        List<Item> options = new ArrayList<>();
        options.add(new Item(label("console.disputes.filter.any", locale), ""));
        for (Assessment a : Assessment.values()) {
            options.add(new Item(texts.assessment(a, locale), a.name()));
        }
        options.add(new Item(label("console.disputes.filter.assessment.none", locale), "NONE"));
        return options;
    }

    /** The queue's address with these filters and this page (page 1 left out). */
    static String link(Map<String, String> typed, long page) {
        org.springframework.web.util.UriComponentsBuilder uri = org.springframework.web.util.UriComponentsBuilder
                .fromPath("/console/disputes");
        typed.forEach(uri::queryParam);
        if (page > 1) {
            uri.queryParam("page", page);
        }
        return uri.encode().build().toUriString();
    }

    /**
     * The customer's name, read from the vault for fraud investigation (the read is audited there);
     * shown, never stored. A reader whose roles do not work for the purpose, or an erased customer,
     * gets "not available".
     */
    private String customerName(Actor reader, String customerId, Locale locale) {
        if (reader.roles().stream().noneMatch(Purpose.FRAUD_INVESTIGATION::servedBy)) {
            // Not asked at all: a refusal per group would only fill the audit log.
            return label("console.disputes.group.name.unavailable", locale);
        }
        try {
            String name = personalData.read(reader, Purpose.FRAUD_INVESTIGATION, null, customerId,
                    Set.of(PersonalField.NAME_KANJI)).get(PersonalField.NAME_KANJI);
            if (name != null && !name.isBlank()) {
                return name;
            }
        } catch (RequestProblem refused) {
            // Not allowed, not held, or erased: shown as such; the refusal is in the audit log.
        }
        return label("console.disputes.group.name.unavailable", locale);
    }

    private static Actor actor(Authentication auth, HttpServletRequest request) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        auth.getAuthorities().forEach(a -> {
            for (Role role : Role.values()) {
                if (role.authority().equals(a.getAuthority())) {
                    roles.add(role);
                }
            }
        });
        return new Actor(auth.getName(), roles, request.getRemoteAddr());
    }

    @GetMapping("/console/disputes/{id}")
    String dispute(@PathVariable String id, Model model, Locale locale, Authentication auth,
            HttpServletResponse response) {
        Optional<Dispute> found = disputes.find(id);
        if (found.isEmpty()) {
            return notFound(model, response);
        }
        return show(found.get(), model, locale, auth);
    }

    /**
     * One move by the signed-in analyst. Done: back to the case (a reload does not repeat it).
     * Refused (not allowed now, a question without its text, a stale page): the case again, with
     * the reason and the note as typed, and the status of the refusal.
     */
    @PostMapping("/console/disputes/{id}/actions")
    String act(@PathVariable String id, @RequestParam(required = false) String action,
            @RequestParam(required = false) String note, @RequestParam(required = false) Integer version,
            @RequestParam(required = false) String confirmed,
            Model model, Locale locale, Authentication auth, HttpServletRequest request,
            HttpServletResponse response, RedirectAttributes redirect) {
        if (disputes.find(id).isEmpty()) {
            return notFound(model, response);
        }
        String text = note == null || note.isBlank() ? null : note.strip();
        try {
            DisputeAction move = parse(action);
            if (IRREVERSIBLE.contains(move) && !"yes".equals(confirmed)) {
                throw RequestProblem.invalid("confirmed", "an irreversible action must be confirmed");
            }
            Dispute moved = disputes.act(id, null, move, Disputes.Acting.staff(auth.getName(), request.getRemoteAddr()),
                    text, version);
            redirect.addFlashAttribute("done", messages.getMessage("console.disputes.done",
                    new Object[] {texts.action(move.name(), locale), texts.staffStatus(moved.status(), locale)}, locale));
            return "redirect:/console/disputes/" + id;
        } catch (RequestProblem problem) {
            // The refusal is shown at the form's address; the language switch goes to the case itself.
            request.setAttribute("currentPath", "/console/disputes/" + id);
            request.setAttribute("currentPage", "/console/disputes/" + id);
            response.setStatus(problem.type().status().value());
            model.addAttribute("error", explain(problem, action, locale));
            model.addAttribute("note", note);
            model.addAttribute("failedAction", action);
            return show(disputes.find(id).orElseThrow(), model, locale, auth);
        }
    }

    /**
     * Assigns the case to the signed-in analyst ({@code to=me}), to another analyst, or to nobody
     * ({@code to=} empty), if the form's {@code current} assignment is still the case's. Done or
     * already so: back to the case. A stale form or an unknown analyst: the case again, with why.
     */
    @PostMapping("/console/disputes/{id}/assignment")
    String assign(@PathVariable String id, @RequestParam(required = false) String to,
            @RequestParam(required = false) String current, Model model, Locale locale, Authentication auth,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        Optional<Dispute> found = disputes.find(id);
        if (found.isEmpty()) {
            return notFound(model, response);
        }
        String assignee = to == null || to.isBlank() ? null : "me".equals(to) ? auth.getName() : to.strip();
        String expected = current == null || current.isBlank() ? null : current;
        Disputes.Acting by = Disputes.Acting.staff(auth.getName(), request.getRemoteAddr());
        String error;
        if (assignee != null && !staff.holds(assignee, Role.ANALYST)) {
            disputes.refusedAssignment(id, by, "not an analyst");
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            error = label("console.disputes.error.assign.analyst", locale);
        } else {
            try {
                Disputes.Assigned done = disputes.assign(id, expected, assignee, by);
                redirect.addFlashAttribute("done", done == Disputes.Assigned.UNCHANGED
                        ? label("console.disputes.assign.unchanged", locale)
                        : assignee == null ? label("console.disputes.unassign.done", locale)
                        : messages.getMessage("console.disputes.assign.done", new Object[] {assignee}, locale));
                return "redirect:/console/disputes/" + id;
            } catch (RequestProblem stale) {
                response.setStatus(stale.type().status().value());
                String now = disputes.find(id).map(Dispute::assignedTo).orElse(null);
                error = messages.getMessage("console.disputes.error.assign.stale",
                        new Object[] {now == null ? label("console.disputes.nobody", locale) : now}, locale);
            }
        }
        request.setAttribute("currentPath", "/console/disputes/" + id);
        request.setAttribute("currentPage", "/console/disputes/" + id);
        model.addAttribute("error", error);
        return show(disputes.find(id).orElseThrow(), model, locale, auth);
    }

    private static DisputeAction parse(String action) {
        try {
            return DisputeAction.valueOf(action == null ? "" : action);
        } catch (IllegalArgumentException e) {
            throw RequestProblem.invalid("action", "unknown action");
        }
    }

    /** Why a move was refused, in the reader's language. */
    private String explain(RequestProblem problem, String action, Locale locale) {
        String key;
        if (problem.type() == ProblemType.ILLEGAL_TRANSITION) {
            key = "console.disputes.error.illegal";
        } else if (problem.type() == ProblemType.CONFLICT) {
            key = "console.disputes.error.stale";
        } else if (problem.errors().stream().map(FieldProblem::field).anyMatch("confirmed"::equals)) {
            key = "console.disputes.error.unconfirmed";
        } else if (problem.errors().stream().map(FieldProblem::field).anyMatch("note"::equals)) {
            key = "ASK_CARDHOLDER".equals(action) ? "console.disputes.error.question" : "console.disputes.error.note";
        } else {
            key = "console.disputes.error.refused";
        }
        String what = action == null ? "" : texts.action(action, locale);
        String detail = problem.errors().isEmpty() ? problem.getMessage() : problem.errors().get(0).message();
        return messages.getMessage(key, new Object[] {what, detail}, locale);
    }

    private String notFound(Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("counts", List.of());
        model.addAttribute("waitingTotal", 0L);
        model.addAttribute("f", Map.of());
        model.addAttribute("errors", Map.of());
        model.addAttribute("view", "list");
        model.addAttribute("analysts", List.of());
        model.addAttribute("statusOptions", List.of());
        model.addAttribute("assessmentOptions", List.of());
        model.addAttribute("groups", List.of());
        model.addAttribute("cases", List.of());
        model.addAttribute("bars", List.of());
        model.addAttribute("overdueCount", 0L);
        model.addAttribute("notFound", true);
        return "disputes/queue";
    }

    private String show(Dispute d, Model model, Locale locale, Authentication auth) {
        Optional<StoredDecision> stored = scored.find(d.authorizationId());
        model.addAttribute("dispute", d);
        model.addAttribute("status", texts.staffStatus(d.status(), locale));
        model.addAttribute("reference", d.reference() == null ? "" : d.reference());
        model.addAttribute("assignedTo", d.assignedTo());
        model.addAttribute("analysts", staff.holding(Role.ANALYST));
        model.addAttribute("me", auth.getName());
        model.addAttribute("assessment", texts.assessment(d.assessment(), locale));
        model.addAttribute("closed", d.status().closed());
        model.addAttribute("transaction", transaction(d, stored, locale));
        model.addAttribute("risk", stored.map(s -> risk(s, locale)).orElse(List.of()));
        model.addAttribute("reasons", stored.map(s -> reasonWords.rows(s.decision().reasons(),
                s.authorization().currency(), locale)).orElse(List.of()));
        model.addAttribute("findings", findings(d, locale));
        model.addAttribute("answers", disputes.report(d.reportId()).map(r -> answers(r, locale)).orElse(List.of()));
        model.addAttribute("outcome", outcome(d, locale));
        model.addAttribute("history", disputes.history(d.id()).stream().map(e -> new HistoryRow(e.seq(),
                        Display.time(e.at()), texts.action(e.action(), locale),
                        e.from() == null ? "" : texts.staffStatus(e.from(), locale),
                        e.to() == null ? "" : texts.staffStatus(e.to(), locale),
                        e.party() == null ? "" : label("console.disputes.party." + e.party().name(), locale),
                        e.actor() == null ? "" : e.actor(),
                        texts.note(e.party(), e.note(), locale)))
                .toList());
        boolean analyst = auth.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals(Role.ANALYST.authority()));
        model.addAttribute("analyst", analyst);
        model.addAttribute("mayAssign", analyst || auth.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals(Role.ADMIN.authority())));
        model.addAttribute("actions", disputes.available(d, Party.ANALYST).stream().map(a -> new ActionForm(a.name(),
                texts.action(a.name(), locale), a == DisputeAction.ASK_CARDHOLDER,
                IRREVERSIBLE.contains(a) ? messages.getMessage("console.disputes.consequences." + a.name(), null, locale)
                        : null)).toList());
        return "disputes/case";
    }

    private List<Item> transaction(Dispute d, Optional<StoredDecision> stored, Locale locale) {
        List<Item> items = new ArrayList<>();
        items.add(item("authorization", d.authorizationId(), locale));
        items.add(item("occurred", Display.time(d.occurredAt()), locale));
        items.add(item("amount", Display.money(d.amountMinor(), d.currency(), locale), locale));
        stored.map(StoredDecision::authorization).ifPresent(a -> {
            items.add(item("merchant-name", a.merchantName() == null ? "" : a.merchantName(), locale));
            items.add(item("mcc", a.mcc(), locale));
            items.add(item("country", a.merchantCountry(), locale));
        });
        items.add(item("merchant", d.merchantId(), locale));
        items.add(item("terminal", d.terminalId(), locale));
        stored.map(StoredDecision::authorization).ifPresent(a -> {
            // the words the decisions page uses for the entry mode (console.pos.*), not the code
            items.add(item("entry", a.posEntryMode() == null ? ""
                    : label("console.pos." + a.posEntryMode().name(), locale), locale));
            items.add(item("card-present", label(a.cardPresent() ? "console.disputes.yes" : "console.disputes.no",
                    locale), locale));
            items.add(item("device", a.deviceId() == null ? "" : a.deviceId(), locale));
        });
        Optional<Card> card = cards.find(d.cardToken());
        items.add(item("card", card.map(c -> c.masked() + " (" + label("console.disputes.card." + c.status().name(),
                locale) + ")").orElse(""), locale));
        items.add(item("customer", d.customerId(), locale));
        return items;
    }

    private List<Item> risk(StoredDecision s, Locale locale) {
        return List.of(item("decision", label("decision." + s.decision().decision().name(), locale), locale),
                item("score", s.decision().byRulesAlone() ? label("score.rules-only", locale)
                        : String.format(Locale.ROOT, "%.3f", s.decision().score()), locale),
                item("model", messages.getMessage("console.disputes.model-and-rules", new Object[] {
                        s.decision().modelVersion(), Integer.toString(s.decision().ruleSetVersion())}, locale), locale),
                item("decided", Display.time(s.decidedAt()), locale));
    }

    /** The findings, strongest first, each with a bar from the middle: right toward fraud, left away. */
    private List<FindingRow> findings(Dispute d, Locale locale) {
        int most = Math.max(1, d.findings().stream().mapToInt(f -> Math.abs(f.weight())).max().orElse(1));
        return d.findings().stream()
                .sorted((a, b) -> Integer.compare(Math.abs(b.weight()), Math.abs(a.weight())))
                .map(f -> {
                    int width = (int) Math.round(90.0 * Math.abs(f.weight()) / most);
                    return new FindingRow(f.code(), texts.staffFinding(f, locale), f.weight(),
                            f.weight() >= 0 ? 100 : 100 - width, width);
                })
                .toList();
    }

    private List<Item> answers(Report r, Locale locale) {
        return List.of(item("q.card-in-hand", texts.answer(r.cardInHand(), locale), locale),
                item("q.family", texts.answer(r.familyCouldExplain(), locale), locale),
                item("q.subscription", texts.answer(r.subscriptionCouldExplain(), locale), locale),
                item("q.recognizes", texts.answer(r.recognizesMerchant(), locale), locale),
                item("channel", label("console.disputes.channel." + r.channel().name(), locale), locale),
                item("reported", Display.time(r.submittedAt()), locale));
    }

    private List<Item> outcome(Dispute d, Locale locale) {
        List<Item> items = new ArrayList<>();
        add(items, "decided", d.decidedAt() == null ? null : Display.time(d.decidedAt()), locale);
        add(items, "review-due", d.reviewDueAt() == null ? null : Display.time(d.reviewDueAt()), locale);
        add(items, "blocked", d.cardBlockedAt() == null ? null : Display.time(d.cardBlockedAt()), locale);
        add(items, "replacement", d.replacementCardToken() == null ? null : masked(d.replacementCardToken()), locale);
        add(items, "credit", d.provisionalCreditMinor() == null ? null
                : Display.money(d.provisionalCreditMinor(), d.currency(), locale), locale);
        add(items, "network", d.network(), locale);
        add(items, "reason-code", d.reasonCode(), locale);
        add(items, "filing-deadline", d.filingDeadline() == null ? null : d.filingDeadline().toString(), locale);
        add(items, "chargeback", d.chargebackReference(), locale);
        add(items, "filed", d.chargebackFiledAt() == null ? null : Display.time(d.chargebackFiledAt()), locale);
        add(items, "merchant-due", d.merchantResponseDue() == null ? null : d.merchantResponseDue().toString(),
                locale);
        if (d.effectsPending()) {
            items.add(item("pending", label("console.disputes.yes", locale), locale));
        }
        return items;
    }

    private void add(List<Item> items, String key, String value, Locale locale) {
        if (value != null) {
            items.add(item(key, value, locale));
        }
    }

    private Item item(String key, String value, Locale locale) {
        return new Item(label("console.disputes.field." + key, locale), value == null ? "" : value);
    }

    private String label(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    /** The deadline staff work to: the review deadline, else the chargeback's next date. */
    private static String deadline(Dispute d) {
        if (d.reviewDueAt() != null) {
            return Display.time(d.reviewDueAt());
        }
        LocalDate day = d.status() == DisputeStatus.CHARGEBACK_FILED ? d.merchantResponseDue() : d.filingDeadline();
        return day == null ? "" : day.toString();
    }

    /** Which bar of the chart a case counts in, by its review deadline. */
    static String bucket(Dispute d, Instant now) {
        if (d.reviewDueAt() == null) {
            return "none";
        }
        Duration left = Duration.between(now, d.reviewDueAt());
        if (left.isNegative()) {
            return "overdue";
        }
        return left.compareTo(Duration.ofHours(24)) <= 0 ? "today"
                : left.compareTo(Duration.ofHours(48)) <= 0 ? "tomorrow" : "later";
    }

    private String merchant(Dispute d) {
        return scored.find(d.authorizationId()).map(s -> s.authorization().merchantName())
                .filter(name -> name != null && !name.isBlank()).orElse(d.merchantId());
    }

    private String masked(String cardToken) {
        return cards.find(cardToken).map(Card::masked).orElse("");
    }
}
