package dev.anshin.portal;

import dev.anshin.privacy.Actor;
import dev.anshin.privacy.ConsentChannel;
import dev.anshin.privacy.ConsentEvent;
import dev.anshin.privacy.DataCategory;
import dev.anshin.privacy.FieldValues;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import dev.anshin.privacy.ProvisionRecord;
import dev.anshin.privacy.Purpose;
import dev.anshin.privacy.Recipient;
import dev.anshin.privacy.Recipients;
import dev.anshin.problems.Ids;
import dev.anshin.problems.RequestProblem;
import dev.anshin.site.Display;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Personal data settings": what the issuer holds about the signed-in cardholder (their own values,
 * read through {@link PersonalData} as a disclosure to the person), for which purposes and on which
 * legal basis, and a switch for every purpose the person may stop; and, for each registered recipient
 * of third-party provision, what it would receive and why, with an opt-in switch of its own, and the
 * records of what was provided. The customer is always the one signed in: no id is taken from the URL
 * or the form.
 */
@Controller
class PortalPrivacyPage {

    record FieldRow(String name, String label, String value) {
    }

    record CategoryGroup(String name, String label, List<FieldRow> fields) {
    }

    /** {@code perRecipient}: consent is given per recipient below, never by the purpose's own switch. */
    record PurposeRow(String name, String label, String examples, String legalBasis, List<String> categories,
            boolean optional, boolean perRecipient, boolean inForce, String requestId) {
    }

    /** A recipient of third-party provision and the person's choice for it (no entry in the ledger: off). */
    record RecipientRow(String id, String name, String kind, String country, String use, List<String> items,
            boolean consented, String decidedAt, String requestId) {
    }

    record ProvisionRow(String providedAt, String recipient, List<String> items) {
    }

    private final PersonalData personalData;
    private final Recipients recipients;
    private final PortalProperties properties;
    private final MessageSource messages;
    private final FieldValues fieldValues;

    PortalPrivacyPage(PersonalData personalData, Recipients recipients, PortalProperties properties,
            MessageSource messages, FieldValues fieldValues) {
        this.fieldValues = fieldValues;
        this.personalData = personalData;
        this.recipients = recipients;
        this.properties = properties;
        this.messages = messages;
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
                                        fieldValues.shown(field, values.get(field), locale)))
                                .toList()))
                .filter(group -> !group.fields().isEmpty())
                .toList());
        model.addAttribute("purposes", Arrays.stream(Purpose.values())
                .map(p -> new PurposeRow(p.name(), ja ? p.labelJa() : p.labelEn(), ja ? p.examplesJa() : p.examplesEn(),
                        ja ? p.legalBasis().labelJa() : p.legalBasis().labelEn(),
                        p.fields().<List<String>>map(only -> only.stream().sorted()
                                        .map(f -> ja ? f.labelJa() : f.labelEn()).toList())
                                .orElseGet(() -> p.categories().stream().sorted()
                                        .map(c -> ja ? c.labelJa() : c.labelEn()).toList()),
                        p.optional(), p.needsPriorConsent(),
                        !p.needsPriorConsent() && holdings.purposesInForce().getOrDefault(p, true),
                        // A fresh request id per switch: submitting the same form twice records one choice.
                        UUID.randomUUID().toString()))
                .toList());
        model.addAttribute("noticeVersion", properties.noticeVersion());
        // Third-party provision: opt-in per recipient, from the ledger (the latest entry for each recipient).
        Map<String, ConsentEvent> latest = new HashMap<>();
        for (ConsentEvent event : personalData.consentHistory(actor, cardholder.customerId())) {
            if (event.purpose() == Purpose.THIRD_PARTY_PROVISION && event.recipient() != null) {
                latest.put(event.recipient(), event); // the history is in ledger order: the last one is in force
            }
        }
        List<Recipient> known = recipients.list();
        model.addAttribute("recipients", known.stream().map(r -> {
            ConsentEvent choice = latest.get(r.id());
            return new RecipientRow(r.id(), ja ? r.nameJa() : r.nameEn(), ja ? r.kind().labelJa() : r.kind().labelEn(),
                    r.country(), ja ? r.useJa() : r.useEn(), labels(r.fields(), ja),
                    choice != null && choice.granted(), choice == null ? null : Display.time(choice.recordedAt()),
                    UUID.randomUUID().toString());
        }).toList());
        model.addAttribute("provisions", personalData.provisionRecords(actor, cardholder.customerId()).stream()
                .sorted(java.util.Comparator.comparing(ProvisionRecord::providedAt).reversed())
                .map(record -> new ProvisionRow(Display.time(record.providedAt()),
                        ja ? record.recipientNameJa() : record.recipientNameEn(), labels(record.items(), ja)))
                .toList());
        return "portal/privacy";
    }

    @PostMapping("/portal/privacy/consents")
    String consent(@AuthenticationPrincipal Cardholder cardholder, @RequestParam(required = false) String purpose,
            @RequestParam(required = false) String granted, @RequestParam(required = false) String requestId,
            HttpServletRequest request) {
        // Provision to third parties is chosen per recipient (below), never by a purpose-wide switch.
        var chosen = Purpose.named(purpose).filter(Purpose::optional).filter(p -> !p.needsPriorConsent());
        Boolean choice = choice(granted);
        if (chosen.isEmpty() || choice == null || requestId == null || !Ids.isUuid(requestId)) {
            return "redirect:/portal/privacy?invalid";
        }
        try {
            personalData.recordConsent(Actor.cardholder(cardholder.customerId(), request.getRemoteAddr()),
                    "portal:" + requestId, cardholder.customerId(), chosen.get(), null, choice, ConsentChannel.PORTAL,
                    properties.noticeVersion());
        } catch (RequestProblem refused) {
            // A request id reused for another choice, or a refusal already audited by PersonalData.
            return "redirect:/portal/privacy?invalid";
        }
        return "redirect:/portal/privacy?saved=" + chosen.get().name();
    }

    /**
     * The switch for provision to one recipient: an opt-in (or its withdrawal) in the consent ledger for
     * that recipient only. Unknown recipients, missing fields and reused request ids change nothing.
     */
    @PostMapping("/portal/privacy/provision")
    String provision(@AuthenticationPrincipal Cardholder cardholder, @RequestParam(required = false) String recipient,
            @RequestParam(required = false) String granted, @RequestParam(required = false) String requestId,
            HttpServletRequest request) {
        Boolean choice = choice(granted);
        if (recipient == null || recipients.find(recipient).isEmpty() || choice == null || requestId == null
                || !Ids.isUuid(requestId)) {
            return "redirect:/portal/privacy?invalid";
        }
        try {
            personalData.recordConsent(Actor.cardholder(cardholder.customerId(), request.getRemoteAddr()),
                    "portal:" + requestId, cardholder.customerId(), Purpose.THIRD_PARTY_PROVISION, null, recipient,
                    choice, ConsentChannel.PORTAL, properties.noticeVersion());
        } catch (RequestProblem refused) {
            return "redirect:/portal/privacy?invalid";
        }
        return "redirect:/portal/privacy?saved=PROVISION";
    }

    /** "true" or "false" from a form; anything else is no choice (the page says so, no 400). */
    private static Boolean choice(String granted) {
        return "true".equals(granted) ? Boolean.TRUE : "false".equals(granted) ? Boolean.FALSE : null;
    }

    static List<String> labels(java.util.Set<PersonalField> fields, boolean ja) {
        return fields.stream().sorted().map(f -> ja ? f.labelJa() : f.labelEn()).toList();
    }
}
