package dev.anshin.devices;

import java.util.HashSet;
import java.util.Set;

/**
 * How alike two device profiles are, from 0 (nothing in common) to 1 (every signal equal): the
 * weighted share of signals that agree, over the signals at least one of the two has (a signal one
 * lacks counts as a disagreement, one both lack is left out), the font sets compared by Jaccard.
 * Symmetric, and 1 for a profile compared with itself. A pure function, so that the measurement and
 * the server compare alike.
 */
final class Similarity {

    private Similarity() {
    }

    static double of(DeviceProfile a, DeviceProfile b) {
        double agreeing = 0;
        double considered = 0;
        for (Signal signal : Signal.values()) {
            String x = a.tokens().get(signal);
            String y = b.tokens().get(signal);
            if (x == null && y == null) {
                continue;
            }
            considered += signal.weight;
            boolean agree = signal == Signal.NETWORK ? a.sharesNetworkWith(b) : x != null && x.equals(y);
            if (agree) {
                agreeing += signal.weight;
            }
        }
        if (!a.fonts().isEmpty() || !b.fonts().isEmpty()) {
            considered += Signal.FONTS_WEIGHT;
            agreeing += Signal.FONTS_WEIGHT * jaccard(a.fonts(), b.fonts());
        }
        return considered == 0 ? 0 : Math.min(1.0, agreeing / considered);
    }

    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        int common = 0;
        for (String font : a) {
            if (b.contains(font)) {
                common++;
            }
        }
        return (double) common / union.size();
    }
}
