package dev.anshin.scoring.features;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Keys last seen within a retention (terminals of a card, cards of a device), capped so one key
 * can never grow its state without bound. Guarded by the owner's lock.
 */
final class RecentKeys {

    private final int cap;
    private final long retentionSeconds;
    private final Map<String, Long> lastSeen = new HashMap<>();
    // First sighting too, so a late-arriving transaction does not see a key first used after it.
    private final Map<String, Long> firstSeen = new HashMap<>();

    RecentKeys(int cap, long retentionSeconds) {
        this.cap = cap;
        this.retentionSeconds = retentionSeconds;
    }

    /** Whether {@code key} was seen within the retention before {@code now} (never counting later sightings). */
    boolean seen(String key, long now) {
        Long last = lastSeen.get(key);
        return last != null && last > now - retentionSeconds && firstSeen.get(key) <= now;
    }

    /** Keys seen in (now − window, now]. */
    int countSeenWithin(long now, long windowSeconds) {
        int n = 0;
        for (long at : lastSeen.values()) {
            if (at > now - windowSeconds && at <= now) {
                n++;
            }
        }
        return n;
    }

    void record(String key, long now) {
        lastSeen.merge(key, now, Math::max);
        firstSeen.merge(key, now, Math::min);
        if (lastSeen.size() > cap) {
            shrink(now);
        }
    }

    int size() {
        return lastSeen.size();
    }

    private void shrink(long now) {
        lastSeen.values().removeIf(at -> at <= now - retentionSeconds);
        firstSeen.keySet().retainAll(lastSeen.keySet());
        while (lastSeen.size() > cap) {
            String oldest = null;
            long oldestAt = Long.MAX_VALUE;
            for (Iterator<Map.Entry<String, Long>> it = lastSeen.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Long> e = it.next();
                if (e.getValue() < oldestAt) {
                    oldestAt = e.getValue();
                    oldest = e.getKey();
                }
            }
            lastSeen.remove(oldest);
            firstSeen.remove(oldest);
        }
    }
}
