package dev.anshin.notifications;

import dev.anshin.scoring.Decision;
import dev.anshin.site.Display;
import java.time.Instant;
import java.util.Currency;
import java.util.Locale;

/**
 * What a usage notification says, the same for the e-mail/push sender and the portal's live feed:
 * when (shown in Japan time), how much, on which card (last four only), where (the brand people
 * recognize, next to the raw billing descriptor), in a shop or online, and what became of it.
 * Holds no personal data and never a card number.
 *
 * @param authorizationId the authorization's id
 * @param occurredAt      when it happened at the merchant
 * @param amountMinor     the amount in the currency's minor units (yen have none)
 * @param currency        ISO 4217 code
 * @param last4           the card's last four digits, or null when the card is not known
 * @param descriptor      the merchant's billing descriptor (DE43) as sent, or null
 * @param brandJa         the recognized brand in Japanese, or null when not recognized
 * @param brandEn         the recognized brand in English, or null when not recognized
 * @param country         the merchant's country (ISO 3166 alpha-2)
 * @param cardPresent     the card was at the terminal (else online, or by phone or mail)
 * @param decision        what Anshin answered
 */
public record UsageMessage(String authorizationId, Instant occurredAt, long amountMinor, String currency,
        String last4, String descriptor, String brandJa, String brandEn, String country, boolean cardPresent,
        Decision decision) {

    private static final String NONE = "—";

    /**
     * The row of a feed in one language, ready to show.
     *
     * @param descriptor the raw descriptor under a recognized brand, else null (the merchant is the descriptor)
     */
    public record View(String authorizationId, String time, String amount, String card, String merchant,
            String descriptor, String country, String channel, String decision, String decisionCode) {
    }

    public View view(Locale locale) {
        boolean ja = ja(locale);
        return new View(authorizationId, time(), amount(locale), maskedCard(), merchant(ja),
                brand(ja) == null ? null : descriptor, country == null ? NONE : country, channel(ja),
                decisionLabel(ja), decision.name());
    }

    /** Date and time in Japan, e.g. {@code 2026-11-26 21:42:17}. */
    public String time() {
        return Display.time(occurredAt);
    }

    /** The last four digits behind stars, e.g. {@code ****1234}. */
    public String maskedCard() {
        return "****" + (last4 == null ? "" : last4);
    }

    /**
     * With the currency's own minor units ({@link Currency#getDefaultFractionDigits()}): yen in
     * Japanese as {@code 1,250円}, other amounts as {@code USD 12.50}.
     */
    public String amount(Locale locale) {
        return Display.money(amountMinor, currency, locale);
    }

    /** The recognized brand in this language, or null. */
    public String brand(boolean ja) {
        return ja ? brandJa : brandEn;
    }

    /** The recognized brand, else the descriptor as sent, else a dash. */
    public String merchant(boolean ja) {
        String brand = brand(ja);
        if (brand != null) {
            return brand;
        }
        return descriptor == null || descriptor.isBlank() ? NONE : descriptor;
    }

    public String channel(boolean ja) {
        return cardPresent ? (ja ? "店頭" : "In store") : (ja ? "オンライン等" : "Online / remote");
    }

    public String decisionLabel(boolean ja) {
        return switch (decision) {
            case APPROVE -> ja ? "承認しました" : "Approved";
            case REVIEW -> ja ? "確認中です" : "Being checked";
            case DECLINE -> ja ? "お断りしました" : "Declined";
        };
    }

    private static boolean ja(Locale locale) {
        return locale == null || "ja".equals(locale.getLanguage());
    }
}
