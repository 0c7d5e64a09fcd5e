package dev.anshin.privacy;

import dev.anshin.access.Role;
import dev.anshin.site.Display;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The staff page of the person's requests and of the provision records: open requests by deadline,
 * overdue ones highlighted, recently closed ones after them, then the latest provision records. For
 * privacy officers and customer service (who tell people where their requests stand); shows ids,
 * kinds and field names, never a value.
 */
@Controller
class RequestQueuePage {


    record Row(String id, String kind, String customerId, String about, String status, String statusCode,
            String receivedAt, String deadline, boolean overdue, String closedAt) {
    }

    record RecordRow(String providedAt, String recipient, String customerId, String items, long consentSeq,
            String provisionId) {
    }

    private final DataSubjectRequests requests;
    private final Provisions provisions;

    RequestQueuePage(DataSubjectRequests requests, Provisions provisions) {
        this.requests = requests;
        this.provisions = provisions;
    }

    @GetMapping("/privacy/requests")
    String queue(Model model, Locale locale, Authentication auth) {
        boolean ja = "ja".equals(locale.getLanguage());
        List<Row> rows = requests.queue(true, 200).stream().map(r -> new Row(r.id(),
                        ja ? r.kind().labelJa() : r.kind().labelEn(), r.customerId(), about(r, ja),
                        (ja ? r.status().labelJa() : r.status().labelEn())
                                + (r.rejection() == null ? "" : " (" + r.rejection() + ")"),
                        r.status().name(), Display.time(r.receivedAt()), Display.time(r.deadline()), r.overdue(),
                        r.closedAt() == null ? "" : Display.time(r.closedAt())))
                .toList();
        model.addAttribute("requests", rows);
        model.addAttribute("overdueCount", rows.stream().filter(Row::overdue).count());
        // Provision records are the privacy officer's, as in the API: customer service sees the queue only.
        boolean officer = auth.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals(Role.PRIVACY_OFFICER.authority()));
        model.addAttribute("records", !officer ? null : provisions.recentRecords(100).stream().map(p -> new RecordRow(
                        Display.time(p.providedAt()), ja ? p.recipientNameJa() : p.recipientNameEn(), p.customerId(),
                        p.items().stream().sorted().map(f -> ja ? f.labelJa() : f.labelEn())
                                .collect(Collectors.joining(", ")),
                        p.consentSeq(), p.provisionId()))
                .toList());
        return "privacy/requests";
    }

    private static String about(DataSubjectRequest request, boolean ja) {
        if (request.purpose() != null) {
            return (ja ? request.purpose().labelJa() : request.purpose().labelEn())
                    + (request.recipient() == null ? "" : " → " + request.recipient());
        }
        if (!request.fields().isEmpty()) {
            return request.fields().stream().sorted().map(f -> ja ? f.labelJa() : f.labelEn())
                    .collect(Collectors.joining(", "));
        }
        return "";
    }
}
