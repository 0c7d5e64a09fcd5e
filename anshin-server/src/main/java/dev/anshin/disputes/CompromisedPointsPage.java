package dev.anshin.disputes;

import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.site.Display;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff page of points of compromise: each flagged terminal or merchant, since when, how many
 * cards' frauds converged there, and the other cards that used it since (masked, with their
 * status). An analyst may block the active ones, after ticking that they confirm the number shown
 * ({@link ExposedCardBlocks}, which audits every card under the analyst's name).
 */
@Controller
class CompromisedPointsPage {

    /** Most exposed cards listed per point (all of them are counted and blocked). */
    private static final int SHOWN = 100;

    /** One flagged point as shown. */
    record PointRow(String kind, String kindLabel, String id, String since, int reportingCards, String flaggedAt,
            List<CardRow> exposed, int exposedCount, int activeCount) {
    }

    /** One exposed card: masked, and whether it is blocked already. */
    record CardRow(String masked, boolean blocked) {
    }

    private final CompromisedPoints compromise;
    private final ExposedCardBlocks blocks;
    private final MessageSource messages;

    CompromisedPointsPage(CompromisedPoints compromise, ExposedCardBlocks blocks, MessageSource messages) {
        this.compromise = compromise;
        this.blocks = blocks;
        this.messages = messages;
    }

    @GetMapping("/console/compromised-points")
    String points(Model model, Locale locale, Authentication auth) {
        List<CompromisedPoints.Point> recent = compromise.recent(100);
        Map<CompromisedPoints.Point, List<Card>> exposedAt = blocks.exposed(recent); // all points at once
        List<PointRow> rows = recent.stream().map(p -> {
            List<Card> exposed = exposedAt.get(p);
            return new PointRow(p.kind().name(), messages.getMessage("console.points.kind." + p.kind().name(),
                    null, p.kind().name(), locale), p.id(), Display.time(p.since()),
                    p.reportingCards(), Display.time(p.flaggedAt()),
                    exposed.stream().limit(SHOWN).map(c -> new CardRow(c.masked(), c.blocked())).toList(),
                    exposed.size(), (int) exposed.stream().filter(c -> !c.blocked()).count());
        }).toList();
        model.addAttribute("points", rows);
        model.addAttribute("analyst", auth.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals(Role.ANALYST.authority())));
        return "disputes/compromised-points";
    }

    /** Blocks a point's active exposed cards, if the analyst confirmed how many they are. */
    @PostMapping("/console/compromised-points/block")
    String block(@RequestParam(required = false) String kind, @RequestParam(required = false) String id,
            @RequestParam(required = false) Integer count, @RequestParam(required = false) String confirm,
            Model model, Locale locale, Authentication auth, HttpServletRequest request,
            HttpServletResponse response, RedirectAttributes redirect) {
        CompromiseDetector.Kind pointKind;
        try {
            pointKind = CompromiseDetector.Kind.valueOf(kind == null ? "" : kind);
        } catch (IllegalArgumentException e) {
            return refused(HttpServletResponse.SC_NOT_FOUND, "console.points.error.unknown", model, locale, auth,
                    response);
        }
        if (id == null || count == null) {
            return refused(HttpServletResponse.SC_NOT_FOUND, "console.points.error.unknown", model, locale, auth,
                    response);
        }
        if (!"yes".equals(confirm)) {
            return refused(422, "console.points.error.unconfirmed", model, locale, auth, response);
        }
        try {
            ExposedCardBlocks.Blocked blocked = blocks.block(pointKind, id, count,
                    Disputes.Acting.staff(auth.getName(), request.getRemoteAddr()));
            redirect.addFlashAttribute("done", messages.getMessage("console.points.blocked",
                    new Object[] {blocked.maskedCards().size(), id}, locale));
            return "redirect:/console/compromised-points";
        } catch (RequestProblem problem) {
            return refused(problem.type().status().value(), problem.type() == ProblemType.NOT_FOUND
                    ? "console.points.error.unknown" : "console.points.error.changed", model, locale, auth, response);
        }
    }

    private String refused(int status, String key, Model model, Locale locale, Authentication auth,
            HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("error", messages.getMessage(key, null, key, locale));
        return points(model, locale, auth);
    }
}
