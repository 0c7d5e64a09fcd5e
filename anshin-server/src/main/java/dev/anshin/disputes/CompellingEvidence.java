package dev.anshin.disputes;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Visa Compelling Evidence 3.0, checked by the issuer before filing a card-absent fraud dispute
 * (10.4): the merchant defeats it with two earlier, undisputed transactions of the same card at the
 * same merchant, 120 to 365 days before the dispute, each matching the disputed one on at least two
 * of IP address, device id, shipping address and account id, at least one of them the IP address or
 * the device id (Visa's rule, Visa Core Rules and Visa Product and Service Rules, dispute condition 10.4). When they exist, a chargeback
 * would fail, and the case should say so instead of filing.
 */
public final class CompellingEvidence {

    /** The data elements compared. */
    public enum Element { IP_ADDRESS, DEVICE_ID, SHIPPING_ADDRESS, ACCOUNT_ID }

    /**
     * A transaction as the check sees it. {@code elements} holds what the transaction carried
     * (absent or blank elements never match); {@code disputed} is whether it was itself disputed or
     * reported as fraud.
     */
    public record Transaction(String id, Instant at, String merchantId, Map<Element, String> elements,
            boolean disputed) {
        public Transaction {
            elements = elements.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(elements));
        }
    }

    /** An earlier transaction that qualifies, and the elements it matched on. */
    public record Match(String transactionId, Instant at, Set<Element> matched) {
    }

    /** The outcome: whether a chargeback would fail, and the transactions that make it so. */
    public record Result(boolean chargebackWouldFail, List<Match> qualifying) {
    }

    static final Duration MIN_AGE = Duration.ofDays(120);
    static final Duration MAX_AGE = Duration.ofDays(365);
    static final int ELEMENTS_TO_MATCH = 2;
    static final int TRANSACTIONS_NEEDED = 2;

    private CompellingEvidence() {
    }

    /**
     * Checks the disputed transaction against the card's earlier transactions (any order, any age,
     * any merchant), counting the 120–365 days back from {@code disputedAt}, when the dispute is made.
     */
    public static Result check(Transaction disputed, Collection<Transaction> earlier, Instant disputedAt) {
        Instant newest = disputedAt.minus(MIN_AGE);
        Instant oldest = disputedAt.minus(MAX_AGE);
        List<Match> qualifying = earlier.stream()
                .filter(t -> !t.disputed() && !t.id().equals(disputed.id()))
                .filter(t -> t.merchantId() != null && t.merchantId().equals(disputed.merchantId()))
                .filter(t -> !t.at().isAfter(newest) && !t.at().isBefore(oldest))
                .map(t -> new Match(t.id(), t.at(), matched(disputed, t)))
                .filter(m -> m.matched().size() >= ELEMENTS_TO_MATCH
                        && (m.matched().contains(Element.IP_ADDRESS) || m.matched().contains(Element.DEVICE_ID)))
                .sorted(Comparator.comparing(Match::at).reversed())
                .toList();
        return new Result(qualifying.size() >= TRANSACTIONS_NEEDED, qualifying);
    }

    private static Set<Element> matched(Transaction a, Transaction b) {
        Set<Element> matched = EnumSet.noneOf(Element.class);
        for (Element element : Element.values()) {
            String x = normalized(a.elements().get(element));
            if (x != null && x.equals(normalized(b.elements().get(element)))) {
                matched.add(element);
            }
        }
        return matched;
    }

    /** Case and surrounding spaces do not make two values different; blank is no value. */
    private static String normalized(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.strip().toLowerCase(Locale.ROOT);
    }
}
