package dev.anshin.fraud;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorization ids ever stored, as a Bloom filter that grows with them (a scalable Bloom
 * filter): "certainly never stored" lets the idempotency check skip the database for nearly every
 * new authorization.
 *
 * <p>A single filter sized at start (the stored ids plus a margin) filled up on a long run: at
 * three times its size, 43 % of new ids looked possibly stored, at five times 83 %, and each of
 * those cost a database look-up inside the scoring slot — the slowdown after 20 minutes of the
 * issue-13 soak (docs/benchmarks.md). Here, once a layer holds as many ids as it was made for, the
 * next goes into a new layer twice its size (at most 16 million ids) with half its false-positive
 * rate, so the rate over all layers stays below twice the first one's (1 % + 0.5 % + 0.25 % ... <
 * 2 %) whatever the count. Memory: about 1.2 MB per million ids in the first layer, 1.3–2.5 MB in
 * later ones (lower rates need more bits). A look-up asks every layer (a handful).
 * Thread-safe: Guava's filters are, and a layer is added under this object's lock.
 */
final class KnownIds {

    private static final Logger log = LoggerFactory.getLogger(KnownIds.class);
    private static final double FIRST_FALSE_POSITIVE_RATE = 0.01;
    /**
     * A new layer holds at most this many ids (about 25–40 MB at the rates it gets), so that making
     * one — under the decision log's append lock — never allocates hundreds of megabytes at once
     * behind a first layer sized for a large database.
     */
    private static final long MAX_NEW_LAYER = 16_000_000L;

    private final List<Layer> layers = new CopyOnWriteArrayList<>();

    private record Layer(BloomFilter<CharSequence> filter, long capacity, double falsePositiveRate, AtomicLong added) {

        static Layer of(long capacity, double falsePositiveRate) {
            return new Layer(BloomFilter.create(Funnels.stringFunnel(StandardCharsets.UTF_8), capacity,
                    falsePositiveRate), capacity, falsePositiveRate, new AtomicLong());
        }
    }

    /** A filter whose first layer holds {@code capacity} ids at 1 % false positives. */
    KnownIds(long capacity) {
        layers.add(Layer.of(Math.max(1_000, capacity), FIRST_FALSE_POSITIVE_RATE));
    }

    void put(String id) {
        Layer newest = layers.get(layers.size() - 1);
        if (newest.added().get() >= newest.capacity()) {
            newest = grow(newest);
        }
        newest.filter().put(id);
        newest.added().incrementAndGet();
    }

    private synchronized Layer grow(Layer full) {
        Layer newest = layers.get(layers.size() - 1);
        if (newest != full) {
            return newest;
        }
        Layer next = Layer.of(Math.min(full.capacity() * 2, MAX_NEW_LAYER), full.falsePositiveRate() / 2);
        layers.add(next);
        log.info("Stored authorization ids: a new filter layer for {} more ids ({} layers)", next.capacity(),
                layers.size());
        return next;
    }

    /** False: certainly never put. True: perhaps (look it up). */
    boolean mightContain(String id) {
        for (Layer layer : layers) {
            if (layer.filter().mightContain(id)) {
                return true;
            }
        }
        return false;
    }

    /** Layers made so far. */
    int layers() {
        return layers.size();
    }
}
