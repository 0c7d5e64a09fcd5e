package dev.anshin.privacy;

import dev.anshin.site.Display;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the issuer holds about a person, as disclosed to them (APPI Art. 33): every value held, the
 * purposes in force, the consent history and the provision records. Machine-readable as JSON; {@link
 * #toText} renders it for people, in Japanese or English.
 */
public record Disclosure(String customerId, Instant producedAt, Map<PersonalField, String> values,
        Map<Purpose, Boolean> purposesInForce, List<ConsentEvent> consents, List<ProvisionRecord> provisions,
        List<HeldElsewhere.Disclosed> elsewhere) {

    public Disclosure {
        values = Map.copyOf(values);
        purposesInForce = Map.copyOf(purposesInForce);
        consents = List.copyOf(consents);
        provisions = List.copyOf(provisions);
        // Null in a disclosure sealed before other modules' data was disclosed.
        elsewhere = elsewhere == null ? List.of() : List.copyOf(elsewhere);
    }

    /** A disclosure of the vault's data alone. */
    public Disclosure(String customerId, Instant producedAt, Map<PersonalField, String> values,
            Map<Purpose, Boolean> purposesInForce, List<ConsentEvent> consents, List<ProvisionRecord> provisions) {
        this(customerId, producedAt, values, purposesInForce, consents, provisions, List.of());
    }


    /**
     * The disclosure as plain text for the person, in Japanese ({@code ja}) or English, each value in
     * words through {@code shown}.
     */
    public String toText(boolean ja, FieldValues shown) {
        Locale locale = ja ? Locale.JAPANESE : Locale.ENGLISH;
        StringBuilder text = new StringBuilder();
        text.append(ja ? "保有個人データの開示" : "Disclosure of the personal data we hold").append('\n');
        text.append(ja ? "作成日時: " : "Produced: ").append(Display.time(producedAt)).append("\n\n");
        text.append(ja ? "■ 保有している情報" : "== Data held").append('\n');
        for (PersonalField field : PersonalField.values()) {
            String value = values.get(field);
            if (value != null) {
                text.append("  ").append(ja ? field.labelJa() : field.labelEn()).append(": ")
                        .append(shown.shown(field, value, locale)).append('\n');
            }
        }
        text.append('\n').append(ja ? "■ 利用目的と停止の状況" : "== Purposes of use and whether they are in force")
                .append('\n');
        for (Purpose purpose : Purpose.values()) {
            Boolean inForce = purposesInForce.get(purpose);
            if (inForce != null) {
                text.append("  ").append(ja ? purpose.labelJa() : purpose.labelEn()).append(": ")
                        .append(inForce ? (ja ? "利用中" : "in use") : (ja ? "停止中" : "stopped")).append('\n');
            }
        }
        text.append('\n').append(ja ? "■ 同意の記録" : "== Your consent choices").append('\n');
        if (consents.isEmpty()) {
            text.append(ja ? "  記録はありません\n" : "  none recorded\n");
        }
        for (ConsentEvent event : consents) {
            text.append("  ").append(Display.time(event.recordedAt())).append(' ')
                    .append(ja ? event.purpose().labelJa() : event.purpose().labelEn())
                    .append(event.recipient() == null ? "" : " (" + event.recipient() + ")")
                    .append(event.product() == null ? "" : " [" + event.product() + "]").append(": ")
                    .append(event.granted() ? (ja ? "同意" : "agreed") : (ja ? "停止・撤回" : "withdrawn"))
                    .append(ja ? " 経路 " : " via ").append(event.channel())
                    .append(ja ? " 説明文書 " : " notice ").append(event.noticeVersion()).append('\n');
        }
        text.append('\n').append(ja ? "■ 第三者提供の記録" : "== Provision to third parties").append('\n');
        if (provisions.isEmpty()) {
            text.append(ja ? "  提供はありません\n" : "  none\n");
        }
        for (ProvisionRecord record : provisions) {
            text.append("  ").append(Display.time(record.providedAt())).append(' ')
                    .append(ja ? record.recipientNameJa() : record.recipientNameEn()).append(": ")
                    .append(String.join(", ", record.items().stream().sorted()
                            .map(f -> ja ? f.labelJa() : f.labelEn()).toList()))
                    .append(ja ? "（同意記録 #" : " (consent #").append(record.consentSeq()).append(ja ? "）" : ")")
                    .append('\n');
        }
        if (!elsewhere.isEmpty()) {
            text.append('\n').append(ja ? "■ その他の保有情報" : "== Other data held").append('\n');
            for (HeldElsewhere.Disclosed item : elsewhere) {
                text.append("  ").append(ja ? item.textJa() : item.textEn()).append('\n');
            }
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "Disclosure[customerId=" + customerId + ", <redacted>]";
    }
}
