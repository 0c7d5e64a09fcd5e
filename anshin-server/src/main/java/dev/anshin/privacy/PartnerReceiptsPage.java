package dev.anshin.privacy;

import dev.anshin.site.Display;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The privacy officer's page of data received from partners: the latest receipts with their confirmation
 * records (who provided, how they obtained it, when, about whom, which kinds of items and how many, for
 * which purpose, kept until when, and whether the data is still held). Ids and words, never the data.
 * Privacy officers only (the security chain).
 */
@Controller
class PartnerReceiptsPage {

    record Row(String recordId, String receiptId, String provider, String providerAddress, String representative,
            String howObtained, String obtainedOn, String receivedAt, String customerId, String items, int itemCount,
            String purpose, String keptUntil, boolean dataHeld) {
    }

    record ProviderRow(String id, String name, String items, String purpose, String apiClient) {
    }

    private final PartnerReceipts receipts;
    private final PartnerProviders providers;
    private final MessageSource messages;

    PartnerReceiptsPage(PartnerReceipts receipts, PartnerProviders providers, MessageSource messages) {
        this.receipts = receipts;
        this.providers = providers;
        this.messages = messages;
    }

    @GetMapping("/privacy/partner-receipts")
    String page(Model model, Locale locale) {
        boolean ja = !"en".equals(locale.getLanguage());
        model.addAttribute("records", receipts.recentRecords(200).stream().map(r -> new Row(r.id(), r.receiptId(),
                ja ? r.providerNameJa() : r.providerNameEn(), r.providerAddress(), r.providerRepresentative(),
                messages.getMessage("partner.how." + r.howObtained().name(), null, locale)
                        + (r.ppcFilingNumber() == null ? "" : " (" + r.ppcFilingNumber() + ")"),
                Display.date(r.obtainedOn()), Display.time(r.receivedAt()), r.customerId(), items(r.items(), locale),
                r.itemCount(), ja ? r.purpose().labelJa() : r.purpose().labelEn(),
                Display.date(r.recordedAt().plus(PartnerDataProperties.RECORD_RETENTION)), r.dataHeld())).toList());
        model.addAttribute("providers", providers.list().stream().map(p -> new ProviderRow(p.id(),
                ja ? p.nameJa() : p.nameEn(), items(p.items(), locale),
                ja ? p.purpose().labelJa() : p.purpose().labelEn(), p.apiClient())).toList());
        return "privacy/partner-receipts";
    }

    private String items(java.util.Set<PartnerItemKind> kinds, Locale locale) {
        return kinds.stream().sorted().map(k -> messages.getMessage("partner.item." + k.name(), null, locale))
                .collect(Collectors.joining("en".equals(locale.getLanguage()) ? ", " : "、"));
    }
}
