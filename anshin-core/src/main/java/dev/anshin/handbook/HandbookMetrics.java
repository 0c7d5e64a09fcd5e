package dev.anshin.handbook;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The Handbook's quality metrics and test-set construction (docs/handbook-backtest.md): AUC ROC, average
 * precision as scikit-learn computes it, and Card Precision@k with detected cards removed.
 */
public final class HandbookMetrics {

    private HandbookMetrics() {
    }

    /** One scored test transaction, as Card Precision@k needs it. */
    public record ScoredCardTransaction(LocalDate day, String card, double score, boolean fraud) {
    }

    /** Area under the ROC curve; tied scores get their average rank. NaN without both classes. */
    public static double aucRoc(double[] scores, boolean[] labels) {
        int n = check(scores, labels);
        Integer[] order = sortedAscending(scores);
        long positives = 0;
        double positiveRankSum = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + 1 + j + 1) / 2.0;
            for (int k = i; k <= j; k++) {
                if (labels[order[k]]) {
                    positives++;
                    positiveRankSum += averageRank;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * Average precision as {@code sklearn.metrics.average_precision_score}: the sum over distinct
     * score thresholds (descending, ties grouped) of (R_n − R_{n−1}) · P_n. NaN without positives.
     */
    public static double averagePrecision(double[] scores, boolean[] labels) {
        int n = check(scores, labels);
        Integer[] order = sortedAscending(scores);
        long totalPositives = 0;
        for (boolean label : labels) {
            totalPositives += label ? 1 : 0;
        }
        if (totalPositives == 0) {
            return Double.NaN;
        }
        long tp = 0;
        long fp = 0;
        double previousRecall = 0;
        double ap = 0;
        int i = n - 1;
        while (i >= 0) {
            int j = i;
            while (j - 1 >= 0 && scores[order[j - 1]] == scores[order[i]]) {
                j--;
            }
            for (int k = j; k <= i; k++) {
                if (labels[order[k]]) {
                    tp++;
                } else {
                    fp++;
                }
            }
            double recall = tp / (double) totalPositives;
            double precision = tp / (double) (tp + fp);
            ap += (recall - previousRecall) * precision;
            previousRecall = recall;
            i = j - 1;
        }
        return ap;
    }

    /**
     * Card Precision@k as the Handbook computes it: for each day in order, drop transactions of
     * cards detected on earlier days, take each card's max score and max label, rank cards by
     * score, precision = frauds among the top k / k, and mark those fraud cards detected; the mean
     * over days. Ties in score are broken by card id, ascending (numerically when both are numbers).
     */
    public static double cardPrecisionAtK(Collection<ScoredCardTransaction> transactions, int k) {
        TreeMap<LocalDate, List<ScoredCardTransaction>> byDay = new TreeMap<>();
        for (ScoredCardTransaction t : transactions) {
            byDay.computeIfAbsent(t.day(), d -> new ArrayList<>()).add(t);
        }
        if (byDay.isEmpty()) {
            return Double.NaN;
        }
        Set<String> detected = new HashSet<>();
        double sum = 0;
        for (List<ScoredCardTransaction> day : byDay.values()) {
            Map<String, double[]> cards = new HashMap<>(); // card → {max score, max label}
            for (ScoredCardTransaction t : day) {
                if (detected.contains(t.card())) {
                    continue;
                }
                double[] card = cards.computeIfAbsent(t.card(), c -> new double[] {Double.NEGATIVE_INFINITY, 0});
                card[0] = Math.max(card[0], t.score());
                card[1] = Math.max(card[1], t.fraud() ? 1 : 0);
            }
            List<Map.Entry<String, double[]>> ranked = new ArrayList<>(cards.entrySet());
            ranked.sort(Comparator.<Map.Entry<String, double[]>>comparingDouble(e -> -e.getValue()[0])
                    .thenComparing(Map.Entry::getKey, HandbookMetrics::compareIds));
            int frauds = 0;
            for (int i = 0; i < Math.min(k, ranked.size()); i++) {
                if (ranked.get(i).getValue()[1] > 0) {
                    frauds++;
                    detected.add(ranked.get(i).getKey());
                }
            }
            sum += frauds / (double) k;
        }
        return sum / byDay.size();
    }

    /**
     * The Handbook's test set: of the test-window rows, keep those whose card was not known to be
     * compromised. Known = cards with a fraud in training, plus, before test day d, cards with a
     * fraud on day trainEnd + d − 1 (the frauds whose labels have arrived by then).
     *
     * @param fraudCardsByDate cards with at least one fraud, by transaction date (training and
     *                         delay days are enough)
     */
    public static <T> List<T> testSet(HandbookSplit split, Map<LocalDate, Set<String>> fraudCardsByDate,
            List<T> testWindowRows, Function<T, LocalDate> date, Function<T, String> card) {
        Set<String> known = new HashSet<>();
        for (LocalDate d = split.trainStart(); d.isBefore(split.trainEnd()); d = d.plusDays(1)) {
            known.addAll(fraudCardsByDate.getOrDefault(d, Set.of()));
        }
        Map<LocalDate, List<T>> byDate = new HashMap<>();
        for (T row : testWindowRows) {
            byDate.computeIfAbsent(date.apply(row), x -> new ArrayList<>()).add(row);
        }
        List<T> kept = new ArrayList<>();
        for (int day = 0; day < split.testDays(); day++) {
            known.addAll(fraudCardsByDate.getOrDefault(split.trainEnd().plusDays(day - 1), Set.of()));
            for (T row : byDate.getOrDefault(split.testStart().plusDays(day), List.of())) {
                if (!known.contains(card.apply(row))) {
                    kept.add(row);
                }
            }
        }
        return kept;
    }

    /** The Handbook's test set taken from all transactions (rows keep their time order). */
    public static List<HandbookTransaction> testSet(HandbookSplit split, List<HandbookTransaction> transactions) {
        Map<LocalDate, Set<String>> fraudCards = new HashMap<>();
        List<HandbookTransaction> window = new ArrayList<>();
        for (HandbookTransaction t : transactions) {
            if (t.fraud()) {
                fraudCards.computeIfAbsent(t.dateTime().toLocalDate(), d -> new HashSet<>()).add(t.customerId());
            }
            if (split.inTest(t.dateTime())) {
                window.add(t);
            }
        }
        return testSet(split, fraudCards, window, t -> t.dateTime().toLocalDate(), HandbookTransaction::customerId);
    }

    private static int compareIds(String a, String b) {
        if (isNumber(a) && isNumber(b) && a.length() != b.length()) {
            return Integer.compare(a.length(), b.length());
        }
        return a.compareTo(b);
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int check(double[] scores, boolean[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("scores and labels differ in length");
        }
        return scores.length;
    }

    private static Integer[] sortedAscending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        return order;
    }
}
