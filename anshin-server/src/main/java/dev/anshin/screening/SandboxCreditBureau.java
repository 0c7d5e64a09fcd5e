package dev.anshin.screening;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The credit bureau of the demo and the tests: no network, no real person. Every answer is a function
 * of the inquiry's reference, so a demo and a test see the same person the same way every time.
 *
 * <p>A reference gets a {@link Scenario}: the one assigned to it ({@link #assign}, or
 * {@code anshin.screening.sandbox.assigned[reference]=SCENARIO}), else one drawn from the SHA-256 of the
 * reference with the configured weights (per mille). Within a scenario the figures are drawn from the
 * same hash, in 10,000-yen steps. {@link Scenario#SLOW} answers after {@code slow-delay} (longer than
 * the screening's timeout by default); {@link Scenario#FAILURE} throws. Replace it with a real bureau's
 * adapter (CIC) implementing {@link CreditBureau}: docs/screening.md.
 */
public final class SandboxCreditBureau implements CreditBureau {

    /** What kind of person the sandbox reports. */
    public enum Scenario {
        /** No credit at all. */
        CLEAN,
        /** Some credit: a loan and a little cash borrowed, repaid on time. */
        ORDINARY,
        /** Much credit: large repayments and more than 1,000,000 yen of cash from other lenders. */
        HEAVY_BORROWER,
        /** Ordinary figures with a delinquency (異動) on record. */
        DELINQUENT,
        /** Ordinary figures, answered only after the slow delay. */
        SLOW,
        /** No answer: the bureau fails. */
        FAILURE
    }

    /** The sandbox's settings: how slow {@link Scenario#SLOW} is, the weights, and fixed assignments. */
    public record Settings(Duration slowDelay, Map<Scenario, Integer> weights, Map<String, Scenario> assigned) {

        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(10), Map.of(
                Scenario.CLEAN, 550, Scenario.ORDINARY, 300, Scenario.HEAVY_BORROWER, 80, Scenario.DELINQUENT, 50,
                Scenario.SLOW, 10, Scenario.FAILURE, 10), Map.of());

        public Settings {
            Objects.requireNonNull(slowDelay);
            weights = weights == null || weights.isEmpty() ? DEFAULTS.weights() : Map.copyOf(weights);
            assigned = assigned == null ? Map.of() : Map.copyOf(assigned);
            int total = weights.values().stream().mapToInt(Integer::intValue).sum();
            if (weights.values().stream().anyMatch(w -> w < 0) || total < 1) {
                throw new IllegalArgumentException("anshin.screening.sandbox.weights: not negative, and above 0 in all");
            }
        }
    }

    private final Settings settings;
    private final Map<String, Scenario> assigned = new ConcurrentHashMap<>();
    /** The inquiries made under each reference, as a real bureau records them on the person's file. */
    private final Map<String, AtomicInteger> inquiries = new ConcurrentHashMap<>();

    public SandboxCreditBureau(Settings settings) {
        this.settings = settings;
        assigned.putAll(settings.assigned());
    }

    /** Gives this reference a scenario from now on (the demo's applicants, tests). */
    public void assign(String reference, Scenario scenario) {
        assigned.put(Objects.requireNonNull(reference), Objects.requireNonNull(scenario));
    }

    /** The scenario of this reference. */
    public Scenario scenarioOf(String reference) {
        Scenario fixed = assigned.get(reference);
        if (fixed != null) {
            return fixed;
        }
        Map<Scenario, Integer> weights = new EnumMap<>(settings.weights());
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        long draw = Math.floorMod(number(hash(reference), 0), total);
        for (Map.Entry<Scenario, Integer> weight : weights.entrySet()) {
            draw -= weight.getValue();
            if (draw < 0) {
                return weight.getKey();
            }
        }
        return Scenario.CLEAN; // not reached: the weights add up to total
    }

    /**
     * How many inquiries were made under this reference (every one, answered or not): a real bureau records
     * each on the person's credit file, where other lenders see it, so a test can show one was made once.
     */
    public int inquiries(String reference) {
        AtomicInteger made = inquiries.get(reference);
        return made == null ? 0 : made.get();
    }

    @Override
    public BureauReport inquire(BureauInquiry inquiry) throws Unavailable {
        inquiries.computeIfAbsent(inquiry.reference(), reference -> new AtomicInteger()).incrementAndGet();
        Scenario scenario = scenarioOf(inquiry.reference());
        byte[] hash = hash(inquiry.reference());
        switch (scenario) {
            case CLEAN:
                return new BureauReport(0, 0, 0, 0);
            case FAILURE:
                throw new Unavailable("SANDBOX_FAILURE");
            case SLOW:
                try {
                    Thread.sleep(settings.slowDelay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the screening gave up waiting
                    throw new Unavailable("SANDBOX_INTERRUPTED");
                }
                return ordinary(hash, 0);
            case DELINQUENT:
                return ordinary(hash, 1);
            case HEAVY_BORROWER:
                long debt = 3_000_000 + steps(hash, 1, 300);              // 3.0 to 6.0 million
                long repayments = 1_200_000 + steps(hash, 2, 120);        // 1.2 to 2.4 million a year
                long cash = 1_100_000 + steps(hash, 3, 70);               // 1.1 to 1.8 million
                return new BureauReport(debt, repayments, cash, 0);
            case ORDINARY:
            default:
                return ordinary(hash, 0);
        }
    }

    private static BureauReport ordinary(byte[] hash, int delinquencies) {
        long debt = 200_000 + steps(hash, 1, 180);                        // 0.2 to 2.0 million
        long repayments = debt / 50_000 * 10_000;                         // about a fifth of it a year
        long cash = steps(hash, 3, 30);                                   // 0 to 300,000
        return new BureauReport(debt, repayments, cash, delinquencies);
    }

    /** 0 to {@code max} steps of 10,000 yen, drawn from the hash's {@code slot}-th number. */
    private static long steps(byte[] hash, int slot, int max) {
        return Math.floorMod(number(hash, slot), max + 1) * 10_000L;
    }

    private static long number(byte[] hash, int slot) {
        long value = 0;
        for (int i = slot * 8; i < slot * 8 + 8; i++) {
            value = value << 8 | (hash[i] & 0xff);
        }
        return value;
    }

    private static byte[] hash(String reference) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(reference.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }
}
