package dev.anshin.portal;

import dev.anshin.privacy.Actor;
import dev.anshin.privacy.ConsentChannel;
import dev.anshin.privacy.DataCategory;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import dev.anshin.privacy.Purpose;
import dev.anshin.problems.RequestProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Personal data settings": what the issuer holds about the signed-in cardholder (their own values,
 * read through {@link PersonalData} as a disclosure to the person), for which purposes and on which
 * legal basis, and a switch for every purpose the person may stop. The customer is always the one
 * signed in: no id is taken from the URL or the form.
 */
@Controller
class PortalPrivacyPage {

    record FieldRow(String name, String label, String value) {
    }

    record CategoryGroup(String name, String label, List<FieldRow> fields) {
    }

    record PurposeRow(String name, String label, String examples, String legalBasis, List<String> categories,
            boolean optional, boolean inForce, String requestId) {
    }

    /** Form request ids are UUIDs; stored with a prefix so they cannot collide with other channels' ids. */
    private static final Pattern REQUEST_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final PersonalData personalData;
    private final PortalProperties properties;

    PortalPrivacyPage(PersonalData personalData, PortalProperties properties) {
        this.personalData = personalData;
        this.properties = properties;
    }

    @GetMapping("/portal/privacy")
    String privacy(@AuthenticationPrincipal Cardholder cardholder, Model model, Locale locale,
            HttpServletRequest request) {
        boolean ja = "ja".equals(locale.getLanguage());
        Actor actor = Actor.cardholder(cardholder.customerId(), request.getRemoteAddr());
        PersonalData.Holdings holdings;
        try {
            holdings = personalData.holdings(actor, cardholder.customerId());
        } catch (RequestProblem gone) {
            // Erased (or removed) while signed in: nothing left to show; the refusal is audited.
            request.getSession().invalidate();
            return "redirect:/portal/login?error";
        }
        Map<PersonalField, String> values = holdings.fields().isEmpty() ? Map.of()
                : personalData.read(actor, Purpose.DATA_SUBJECT_REQUEST, null, cardholder.customerId(),
                        holdings.fields());
        model.addAttribute("groups", Arrays.stream(DataCategory.values())
                .map(category -> new CategoryGroup(category.name(), ja ? category.labelJa() : category.labelEn(),
                        holdings.fields().stream()
                                .filter(field -> field.category() == category)
                                .sorted()
                                .map(field -> new FieldRow(field.name(), ja ? field.labelJa() : field.labelEn(),
                                        values.get(field)))
                                .toList()))
                .filter(group -> !group.fields().isEmpty())
                .toList());
        model.addAttribute("purposes", Arrays.stream(Purpose.values())
                .map(p -> new PurposeRow(p.name(), ja ? p.labelJa() : p.labelEn(), ja ? p.examplesJa() : p.examplesEn(),
                        ja ? p.legalBasis().labelJa() : p.legalBasis().labelEn(),
                        p.categories().stream().sorted().map(c -> ja ? c.labelJa() : c.labelEn()).toList(),
                        p.optional(), holdings.purposesInForce().getOrDefault(p, true),
                        // A fresh request id per switch: submitting the same form twice records one choice.
                        UUID.randomUUID().toString()))
                .toList());
        model.addAttribute("noticeVersion", properties.noticeVersion());
        // THIRD-PARTY PROVISION: the switches for provision to each recipient (a recipient dimension in
        // the consent ledger) are being built separately for issue 3; they go into the model here and
        // into the page's "provision" section.
        return "portal/privacy";
    }

    @PostMapping("/portal/privacy/consents")
    String consent(@AuthenticationPrincipal Cardholder cardholder, @RequestParam(required = false) String purpose,
            @RequestParam(required = false) Boolean granted, @RequestParam(required = false) String requestId,
            HttpServletRequest request) {
        var chosen = Purpose.named(purpose).filter(Purpose::optional);
        if (chosen.isEmpty() || granted == null || requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
            return "redirect:/portal/privacy?invalid";
        }
        try {
            personalData.recordConsent(Actor.cardholder(cardholder.customerId(), request.getRemoteAddr()),
                    "portal:" + requestId, cardholder.customerId(), chosen.get(), null, granted, ConsentChannel.PORTAL,
                    properties.noticeVersion());
        } catch (RequestProblem refused) {
            // A request id reused for another choice, or a refusal already audited by PersonalData.
            return "redirect:/portal/privacy?invalid";
        }
        return "redirect:/portal/privacy?saved=" + chosen.get().name();
    }
}
