package dev.anshin.notifications;

import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.disputes.MerchantDirectory;
import dev.anshin.fraud.StoredDecision;
import dev.anshin.scoring.Authorization;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Builds the {@link UsageMessage} of an authorization: the card's last four, the merchant as recognized. */
@Component
class UsageMessages {

    private final Cards cards;
    private final MerchantDirectory merchants = MerchantDirectory.standard();

    UsageMessages(Cards cards) {
        this.cards = cards;
    }

    UsageMessage of(StoredDecision stored) {
        return of(stored, cards.find(stored.authorization().cardToken()));
    }

    UsageMessage of(StoredDecision stored, Optional<Card> card) {
        Authorization a = stored.authorization();
        Optional<MerchantDirectory.Brand> brand = merchants.lookup(a.merchantName());
        return new UsageMessage(a.authorizationId(), a.timestamp(), a.amountMinor(), a.currency(),
                card.map(Card::last4).orElse(null), a.merchantName(),
                brand.map(MerchantDirectory.Brand::nameJa).orElse(null),
                brand.map(MerchantDirectory.Brand::nameEn).orElse(null), a.merchantCountry(), a.cardPresent(),
                stored.decision().decision());
    }

    /** The customer the card belongs to, or empty for an unknown card or one registered alone. */
    Optional<String> customerOf(String cardToken) {
        return cards.find(cardToken).map(Card::customerId);
    }
}
