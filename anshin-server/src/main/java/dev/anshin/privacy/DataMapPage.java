package dev.anshin.privacy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The data map: what personal data the issuer holds, by category, how sensitive it is, where it
 * comes from, how long it is kept, and which purposes may use it; then the purposes with their
 * legal basis. For every staff role: it shows the catalog, never a customer's values.
 */
@Controller
class DataMapPage {

    private final org.springframework.beans.factory.ObjectProvider<HeldElsewhere> elsewhere;

    DataMapPage(org.springframework.beans.factory.ObjectProvider<HeldElsewhere> elsewhere) {
        this.elsewhere = elsewhere;
    }

    record Row(String name, String label, String sensitivity, String identifiability, String origin,
            List<Boolean> purposes) {
    }

    record Group(String label, List<Row> rows) {
    }

    record PurposeColumn(String name, String label, String examples, String legalBasis, boolean optional,
            String roles) {
    }

    @GetMapping("/privacy/data-map")
    String dataMap(Model model, Locale locale) {
        boolean ja = "ja".equals(locale.getLanguage());
        List<Purpose> purposes = List.of(Purpose.values());
        model.addAttribute("purposes", purposes.stream()
                .map(p -> new PurposeColumn(p.name(), ja ? p.labelJa() : p.labelEn(), ja ? p.examplesJa() : p.examplesEn(),
                        ja ? p.legalBasis().labelJa() : p.legalBasis().labelEn(), p.optional(),
                        String.join(", ", p.roles().stream().map(Enum::name).sorted().toList())))
                .toList());
        model.addAttribute("groups", Arrays.stream(DataCategory.values())
                .map(category -> new Group(ja ? category.labelJa() : category.labelEn(),
                        java.util.stream.Stream.concat(Arrays.stream(PersonalField.values())
                                .filter(field -> field.category() == category)
                                .map(field -> new Row(field.name(), ja ? field.labelJa() : field.labelEn(),
                                        field.sensitivity().name(), field.identifiability().name(),
                                        field.origin().name(), purposes.stream().map(p -> p.allows(field)).toList())),
                                // What other modules hold outside the vault (devices…), in the same groups,
                                // with the purposes the module declares for it.
                                elsewhere.orderedStream().flatMap(holder -> holder.catalog().stream())
                                        .filter(entry -> entry.category() == category)
                                        .map(entry -> new Row(entry.name(), ja ? entry.labelJa() : entry.labelEn(),
                                                entry.sensitivity().name(), entry.identifiability().name(),
                                                entry.origin().name(),
                                                purposes.stream().map(p -> entry.purposes().contains(p)).toList())))
                                .toList()))
                .filter(group -> !group.rows().isEmpty())
                .toList());
        model.addAttribute("retentionYears", PersonalField.RETENTION_AFTER_CONTRACT.getYears());
        return "privacy/data-map";
    }
}
