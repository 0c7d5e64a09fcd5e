package dev.anshin.handbook;

import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The transaction simulator of the "Reproducible Machine Learning for Credit Card Fraud Detection"
 * Handbook, with its three fraud scenarios (docs/handbook-backtest.md).
 *
 * <p>Deterministic for a seed: profiles, each customer's transactions and each day's compromised
 * terminals and customers draw from their own {@link SplittableRandom} derived from the seed, the
 * way the book reseeds numpy per customer and per day. The streams differ from numpy's, so the
 * rows are not the book's rows, but their distribution is.
 */
public final class HandbookSimulator {

    private static final int DAY_SECONDS = 86_400;
    private static final double GRID = 100.0;
    private static final long SCENARIO_1_THRESHOLD_CENTS = 22_000;
    private static final int TERMINAL_COMPROMISES_PER_DAY = 2;
    private static final int TERMINAL_COMPROMISE_DAYS = 28;
    private static final int CUSTOMER_COMPROMISES_PER_DAY = 3;
    private static final int CUSTOMER_COMPROMISE_DAYS = 14;

    private final SimulatorParameters parameters;

    public HandbookSimulator(SimulatorParameters parameters) {
        this.parameters = parameters;
    }

    /** Runs the simulation; {@code progress} receives human-readable progress lines. */
    public Simulation run(Consumer<String> progress) {
        SimulatorParameters p = parameters;
        List<CustomerProfile> customers = customers(p);
        List<TerminalProfile> terminals = terminals(p);
        int[][] reachable = terminalsWithinRadius(customers, terminals, p.radius());
        progress.accept(String.format("profiles: %,d customers, %,d terminals, %.1f terminals per customer",
                customers.size(), terminals.size(),
                Arrays.stream(reachable).mapToInt(r -> r.length).average().orElse(0)));

        Generated g = generate(p, customers, reachable);
        progress.accept(String.format("generated %,d transactions over %d days", g.size, p.days()));

        boolean[] fraud = new boolean[g.size];
        int[] scenario = new int[g.size];
        addFrauds(p, g, fraud, scenario);

        String[] devices = p.devices() == null ? null : devices(p, g, fraud);
        String[] customerIds = customers.stream().map(CustomerProfile::customerId).toArray(String[]::new);
        String[] terminalIds = terminals.stream().map(TerminalProfile::terminalId).toArray(String[]::new);
        LocalDateTime origin = p.startDate().atStartOfDay();
        List<HandbookTransaction> transactions = new ArrayList<>(g.size);
        int frauds = 0;
        for (int i = 0; i < g.size; i++) {
            long seconds = g.seconds[i];
            transactions.add(new HandbookTransaction(i, origin.plusSeconds(seconds), customerIds[g.customer[i]],
                    terminalIds[g.terminal[i]], g.cents[i], seconds, (int) (seconds / DAY_SECONDS), fraud[i],
                    scenario[i], devices == null ? null : devices[i]));
            frauds += fraud[i] ? 1 : 0;
        }
        progress.accept(String.format("frauds: %,d (%.2f%%)", frauds, 100.0 * frauds / Math.max(1, g.size)));
        return new Simulation(customers, terminals, transactions);
    }

    private static List<CustomerProfile> customers(SimulatorParameters p) {
        SplittableRandom random = new SplittableRandom(mix(p.seed(), 1));
        List<CustomerProfile> customers = new ArrayList<>(p.customers());
        for (int i = 0; i < p.customers(); i++) {
            double x = random.nextDouble(GRID);
            double y = random.nextDouble(GRID);
            double mean = 5 + random.nextDouble(95);
            double perDay = random.nextDouble(4);
            customers.add(new CustomerProfile(Integer.toString(i), x, y, mean, mean / 2, perDay));
        }
        return customers;
    }

    private static List<TerminalProfile> terminals(SimulatorParameters p) {
        SplittableRandom random = new SplittableRandom(mix(p.seed(), 2));
        List<TerminalProfile> terminals = new ArrayList<>(p.terminals());
        for (int i = 0; i < p.terminals(); i++) {
            terminals.add(new TerminalProfile(Integer.toString(i), random.nextDouble(GRID), random.nextDouble(GRID)));
        }
        return terminals;
    }

    /** Terminal indexes strictly within the radius of each customer, ascending; a grid index avoids n×m scans. */
    static int[][] terminalsWithinRadius(List<CustomerProfile> customers, List<TerminalProfile> terminals,
            double radius) {
        double cellSize = Math.max(radius, 1e-9);
        int cells = Math.max(1, (int) Math.ceil(GRID / cellSize));
        List<List<Integer>> grid = new ArrayList<>(cells * cells);
        for (int i = 0; i < cells * cells; i++) {
            grid.add(new ArrayList<>());
        }
        for (int t = 0; t < terminals.size(); t++) {
            TerminalProfile terminal = terminals.get(t);
            grid.get(cell(terminal.x(), cellSize, cells) * cells + cell(terminal.y(), cellSize, cells)).add(t);
        }
        int[][] reachable = new int[customers.size()][];
        double r2 = radius * radius;
        for (int c = 0; c < customers.size(); c++) {
            CustomerProfile customer = customers.get(c);
            int cx = cell(customer.x(), cellSize, cells);
            int cy = cell(customer.y(), cellSize, cells);
            List<Integer> found = new ArrayList<>();
            for (int gx = Math.max(0, cx - 1); gx <= Math.min(cells - 1, cx + 1); gx++) {
                for (int gy = Math.max(0, cy - 1); gy <= Math.min(cells - 1, cy + 1); gy++) {
                    for (int t : grid.get(gx * cells + gy)) {
                        double dx = terminals.get(t).x() - customer.x();
                        double dy = terminals.get(t).y() - customer.y();
                        if (dx * dx + dy * dy < r2) {
                            found.add(t);
                        }
                    }
                }
            }
            reachable[c] = found.stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return reachable;
    }

    private static int cell(double coordinate, double cellSize, int cells) {
        return Math.min(cells - 1, Math.max(0, (int) (coordinate / cellSize)));
    }

    /** The raw transactions, sorted by time (ties in customer order), as parallel arrays. */
    private record Generated(int size, long[] seconds, int[] customer, int[] terminal, long[] cents) {
    }

    private static Generated generate(SimulatorParameters p, List<CustomerProfile> customers, int[][] reachable) {
        int capacity = 1024;
        long[] seconds = new long[capacity];
        int[] customer = new int[capacity];
        int[] terminal = new int[capacity];
        long[] cents = new long[capacity];
        int n = 0;
        for (int c = 0; c < customers.size(); c++) {
            CustomerProfile profile = customers.get(c);
            int[] options = reachable[c];
            SplittableRandom random = new SplittableRandom(mix(p.seed(), 1_000_000L + c));
            for (int day = 0; day < p.days(); day++) {
                int count = poisson(random, profile.meanTransactionsPerDay());
                for (int k = 0; k < count; k++) {
                    // int() truncation and the open interval, as in the book
                    int time = (int) (DAY_SECONDS / 2.0 + 20_000 * random.nextGaussian());
                    if (time <= 0 || time >= DAY_SECONDS) {
                        continue;
                    }
                    double amount = profile.meanAmount() + profile.stdAmount() * random.nextGaussian();
                    if (amount < 0) {
                        amount = random.nextDouble(2 * profile.meanAmount());
                    }
                    if (options.length == 0) {
                        continue;
                    }
                    int chosen = options[random.nextInt(options.length)];
                    if (n == capacity) {
                        capacity *= 2;
                        seconds = Arrays.copyOf(seconds, capacity);
                        customer = Arrays.copyOf(customer, capacity);
                        terminal = Arrays.copyOf(terminal, capacity);
                        cents = Arrays.copyOf(cents, capacity);
                    }
                    seconds[n] = (long) day * DAY_SECONDS + time;
                    customer[n] = c;
                    terminal[n] = chosen;
                    cents[n] = Math.round(amount * 100);
                    n++;
                }
            }
        }
        // sort by time; the generation index breaks ties, so ids are reproducible
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = (seconds[i] << 32) | i;
        }
        Arrays.sort(keys);
        long[] sortedSeconds = new long[n];
        int[] sortedCustomer = new int[n];
        int[] sortedTerminal = new int[n];
        long[] sortedCents = new long[n];
        for (int i = 0; i < n; i++) {
            int from = (int) (keys[i] & 0xffffffffL);
            sortedSeconds[i] = seconds[from];
            sortedCustomer[i] = customer[from];
            sortedTerminal[i] = terminal[from];
            sortedCents[i] = cents[from];
        }
        return new Generated(n, sortedSeconds, sortedCustomer, sortedTerminal, sortedCents);
    }

    private static void addFrauds(SimulatorParameters p, Generated g, boolean[] fraud, int[] scenario) {
        // scenario 1: large amounts
        for (int i = 0; i < g.size; i++) {
            if (g.cents[i] > SCENARIO_1_THRESHOLD_CENTS) {
                fraud[i] = true;
                scenario[i] = 1;
            }
        }
        int maxDay = 0;
        for (int i = 0; i < g.size; i++) {
            maxDay = Math.max(maxDay, (int) (g.seconds[i] / DAY_SECONDS));
        }
        int days = maxDay + 1;
        // scenario 2: the book loops over range(max day), so the last day starts no compromise
        boolean[][] compromised = new boolean[p.terminals()][];
        for (int day = 0; day < maxDay; day++) {
            SplittableRandom random = new SplittableRandom(mix(p.seed(), 2_000_000L + day));
            for (int t : distinct(random, p.terminals(), TERMINAL_COMPROMISES_PER_DAY)) {
                if (compromised[t] == null) {
                    compromised[t] = new boolean[days];
                }
                Arrays.fill(compromised[t], day, Math.min(days, day + TERMINAL_COMPROMISE_DAYS), true);
            }
        }
        for (int i = 0; i < g.size; i++) {
            boolean[] terminalDays = compromised[g.terminal[i]];
            if (terminalDays != null && terminalDays[(int) (g.seconds[i] / DAY_SECONDS)]) {
                fraud[i] = true;
                scenario[i] = 2;
            }
        }
        // scenario 3: per customer, its transactions in id order
        int customers = p.customers();
        int[] offsets = new int[customers + 1];
        for (int i = 0; i < g.size; i++) {
            offsets[g.customer[i] + 1]++;
        }
        for (int c = 0; c < customers; c++) {
            offsets[c + 1] += offsets[c];
        }
        int[] byCustomer = new int[g.size];
        int[] fill = Arrays.copyOf(offsets, customers);
        for (int i = 0; i < g.size; i++) {
            byCustomer[fill[g.customer[i]]++] = i;
        }
        for (int day = 0; day < maxDay; day++) {
            SplittableRandom random = new SplittableRandom(mix(p.seed(), 3_000_000L + day));
            List<Integer> candidates = new ArrayList<>();
            for (int c : distinct(random, customers, CUSTOMER_COMPROMISES_PER_DAY)) {
                for (int k = offsets[c]; k < offsets[c + 1]; k++) {
                    int i = byCustomer[k];
                    int txDay = (int) (g.seconds[i] / DAY_SECONDS);
                    if (txDay >= day && txDay < day + CUSTOMER_COMPROMISE_DAYS) {
                        candidates.add(i);
                    }
                }
            }
            candidates.sort(null);
            // the book samples int(n / 3) of them without replacement
            int pick = candidates.size() / 3;
            for (int k = 0; k < pick; k++) {
                int j = k + random.nextInt(candidates.size() - k);
                int i = candidates.get(j);
                candidates.set(j, candidates.get(k));
                candidates.set(k, i);
                g.cents[i] *= 5;
                fraud[i] = true;
                scenario[i] = 3;
            }
        }
    }

    /**
     * The device of each transaction ({@link DeviceLayer}), {@code null} for card-present ones. Runs
     * after the frauds are drawn and from streams of its own, so the rows without devices stay the
     * book's rows.
     */
    private static String[] devices(SimulatorParameters p, Generated g, boolean[] fraud) {
        DeviceLayer layer = p.devices();
        SplittableRandom owned = new SplittableRandom(mix(p.seed(), 4_000_000L));
        // customer c's k-th device is in use from firstDay[c][k] on (the first from before the start)
        int[][] firstDay = new int[p.customers()][];
        for (int c = 0; c < p.customers(); c++) {
            int count = 1 + owned.nextInt(3);
            firstDay[c] = new int[count];
            for (int k = 1; k < count; k++) {
                firstDay[c][k] = owned.nextInt(Math.max(1, p.days()));
            }
        }
        SplittableRandom random = new SplittableRandom(mix(p.seed(), 4_000_001L));
        String[] devices = new String[g.size];
        Map<Integer, String> fraudDeviceOfVictim = new HashMap<>();
        ArrayDeque<String> pool = new ArrayDeque<>();
        int fraudDevices = 0;
        for (int i = 0; i < g.size; i++) {
            if (!(random.nextDouble() < layer.cardNotPresentShare())) {
                continue;
            }
            int c = g.customer[i];
            if (fraud[i]) {
                String device = fraudDeviceOfVictim.get(c);
                if (device == null) {
                    double draw = random.nextDouble();
                    if (!pool.isEmpty() && draw < layer.fraudDeviceReuse()) {
                        device = pool.stream().skip(random.nextInt(pool.size())).findFirst().orElseThrow();
                    } else {
                        device = "f" + fraudDevices++;
                        pool.addLast(device);
                        if (pool.size() > DeviceLayer.FRAUD_POOL) {
                            pool.removeFirst();
                        }
                    }
                    fraudDeviceOfVictim.put(c, device);
                }
                devices[i] = device;
            } else {
                int day = (int) (g.seconds[i] / DAY_SECONDS);
                int usable = 0;
                for (int first : firstDay[c]) {
                    usable += first <= day ? 1 : 0;
                }
                int pick = random.nextInt(usable);
                int k = 0;
                for (int d = 0; d < firstDay[c].length; d++) {
                    if (firstDay[c][d] <= day && pick-- == 0) {
                        k = d;
                        break;
                    }
                }
                devices[i] = "c" + c + "-" + k;
            }
        }
        return devices;
    }

    private static int[] distinct(SplittableRandom random, int bound, int count) {
        int n = Math.min(bound, count);
        int[] chosen = new int[n];
        int found = 0;
        while (found < n) {
            int candidate = random.nextInt(bound);
            boolean duplicate = false;
            for (int k = 0; k < found; k++) {
                duplicate |= chosen[k] == candidate;
            }
            if (!duplicate) {
                chosen[found++] = candidate;
            }
        }
        return chosen;
    }

    private static int poisson(SplittableRandom random, double mean) {
        // Knuth's method: fine for the book's means below 4
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }

    /** SplitMix64 finaliser over (seed, stream) so each stream gets unrelated numbers. */
    private static long mix(long seed, long stream) {
        long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
