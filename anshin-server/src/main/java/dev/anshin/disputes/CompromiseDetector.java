package dev.anshin.disputes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Where fraud reports converge: a terminal (or a merchant) at which several different cards' frauds
 * happened within a short time is probably compromised (a skimmer, a breached checkout). Flagging it
 * surfaces the other cards that used it since the first of those frauds, for a proactive block or a
 * notice before their holders find the charges.
 *
 * <p>A terminal is flagged by fewer cards than a merchant: a large merchant sees unrelated reports
 * every day, a single terminal rarely does.
 */
public final class CompromiseDetector {

    /** The kind of point of compromise. */
    public enum Kind { TERMINAL, MERCHANT }

    /** A confirmed or reported fraud: which card, where, and when the transaction happened. */
    public record Report(String cardToken, String terminalId, String merchantId, Instant transactionAt) {
    }

    /** A card's use of a terminal or merchant (from the authorization history). */
    public record Usage(String cardToken, String terminalId, String merchantId, Instant at) {
    }

    /**
     * A point flagged as compromised: by how many distinct cards, and from when (the earliest of the
     * converging frauds, the best estimate of when the compromise began).
     */
    public record Flag(Kind kind, String id, Set<String> reportingCards, Instant compromisedSince) {
        public Flag {
            reportingCards = Set.copyOf(reportingCards);
        }
    }

    private final int terminalCards;
    private final int merchantCards;
    private final Duration window;

    /**
     * @param terminalCards distinct cards with frauds at one terminal within {@code window} that flag it
     * @param merchantCards the same for a merchant (set higher)
     * @param window        how close in time the frauds must be
     */
    public CompromiseDetector(int terminalCards, int merchantCards, Duration window) {
        if (terminalCards < 2 || merchantCards < 2) {
            throw new IllegalArgumentException("a compromise takes at least two different cards");
        }
        this.terminalCards = terminalCards;
        this.merchantCards = merchantCards;
        this.window = window;
    }

    /** Every terminal and merchant the reports converge on, terminals first, each once. */
    public List<Flag> flags(Collection<Report> reports) {
        List<Flag> flags = new ArrayList<>(converging(reports, Kind.TERMINAL, Report::terminalId, terminalCards));
        flags.addAll(converging(reports, Kind.MERCHANT, Report::merchantId, merchantCards));
        return flags;
    }

    private List<Flag> converging(Collection<Report> reports, Kind kind, Function<Report, String> point, int cards) {
        Map<String, List<Report>> byPoint = new HashMap<>();
        for (Report report : reports) {
            String id = point.apply(report);
            if (id != null && !id.isBlank()) {
                byPoint.computeIfAbsent(id, k -> new ArrayList<>()).add(report);
            }
        }
        List<Flag> flags = new ArrayList<>();
        byPoint.forEach((id, atPoint) -> {
            atPoint.sort(Comparator.comparing(Report::transactionAt));
            // Sliding window over time: the first stretch of `window` holding `cards` distinct cards.
            Map<String, Integer> inWindow = new HashMap<>();
            int start = 0;
            for (int end = 0; end < atPoint.size(); end++) {
                inWindow.merge(atPoint.get(end).cardToken(), 1, Integer::sum);
                while (Duration.between(atPoint.get(start).transactionAt(), atPoint.get(end).transactionAt())
                        .compareTo(window) > 0) {
                    inWindow.computeIfPresent(atPoint.get(start).cardToken(), (card, n) -> n == 1 ? null : n - 1);
                    start++;
                }
                if (inWindow.size() >= cards) {
                    Set<String> reporting = new HashSet<>();
                    atPoint.forEach(r -> reporting.add(r.cardToken()));
                    flags.add(new Flag(kind, id, reporting, atPoint.get(start).transactionAt()));
                    return;
                }
            }
        });
        flags.sort(Comparator.comparing(Flag::compromisedSince).thenComparing(Flag::id));
        return flags;
    }

    /**
     * The other cards that used the flagged point since it was compromised: not among the cards
     * that reported, in order of their first use there.
     */
    public static List<String> exposedCards(Flag flag, Collection<Usage> usages) {
        Set<String> exposed = new LinkedHashSet<>();
        usages.stream()
                .filter(u -> flag.kind() == Kind.TERMINAL ? flag.id().equals(u.terminalId()) : flag.id().equals(u.merchantId()))
                .filter(u -> !u.at().isBefore(flag.compromisedSince()))
                .sorted(Comparator.comparing(Usage::at))
                .map(Usage::cardToken)
                .filter(card -> !flag.reportingCards().contains(card))
                .forEach(exposed::add);
        return List.copyOf(exposed);
    }
}
