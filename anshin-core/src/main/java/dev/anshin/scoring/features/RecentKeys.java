package dev.anshin.scoring.features;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keys last seen within a retention (terminals of a card, cards of a device), capped so one key
 * can never grow its state without bound. Guarded by the owner's lock.
 *
 * <p>Entries are kept in the order they were last touched, so expiry and eviction only ever look
 * at the head: recording is O(1) amortized even for a card that hits the cap on every
 * transaction (card testing), where a scan for the oldest entry made each one O(cap). The map is
 * access-ordered, so recording a known key moves its entry without allocating a new one (this
 * state lives long, and every new object it points to is work for the garbage collector's next
 * young pause). A look-up ({@link #seen}) moves the entry too; the feature engine records every
 * key it looks up, so the order is the same.
 */
final class RecentKeys {

    private final int cap;
    private final long retentionSeconds;
    /** key → {first seen, last seen}, least recently touched first. */
    private final LinkedHashMap<String, long[]> keys = new LinkedHashMap<>(16, 0.75f, true);

    RecentKeys(int cap, long retentionSeconds) {
        this.cap = cap;
        this.retentionSeconds = retentionSeconds;
    }

    /** Whether {@code key} was seen within the retention before {@code now} (never counting later sightings). */
    boolean seen(String key, long now) {
        long[] seen = keys.get(key);
        // The first sighting too, so a late-arriving transaction does not see a key first used after it.
        return seen != null && seen[1] > now - retentionSeconds && seen[0] <= now;
    }

    /** Keys seen in (now − window, now]. */
    int countSeenWithin(long now, long windowSeconds) {
        int n = 0;
        for (long[] seen : keys.values()) {
            if (seen[1] > now - windowSeconds && seen[1] <= now) {
                n++;
            }
        }
        return n;
    }

    void record(String key, long now) {
        long[] seen = keys.get(key); // to the tail: most recently touched
        if (seen == null) {
            keys.put(key, new long[] {now, now});
        } else {
            seen[0] = Math.min(seen[0], now);
            seen[1] = Math.max(seen[1], now);
        }
        Iterator<Map.Entry<String, long[]>> oldest = keys.entrySet().iterator();
        while (oldest.hasNext()) {
            long[] head = oldest.next().getValue();
            if (keys.size() > cap || head[1] <= now - retentionSeconds) {
                oldest.remove();
            } else {
                break;
            }
        }
    }

    int size() {
        return keys.size();
    }
}
