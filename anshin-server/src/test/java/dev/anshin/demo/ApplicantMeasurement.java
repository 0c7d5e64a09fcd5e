package dev.anshin.demo;

import dev.anshin.AnshinApplication;
import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.ekyc.EkycVerifications;
import dev.anshin.fraud.Decisions;
import dev.anshin.onboarding.ApplicationOutcome;
import dev.anshin.onboarding.ApplicationRiskPolicy;
import dev.anshin.onboarding.ApplicationRiskPolicy.Ground;
import dev.anshin.onboarding.Applications;
import dev.anshin.onboarding.RiskReason;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The measurements of issue 15 on the demo's applicants (docs/benchmarks.md, "Online applications on the
 * demo"); a measurement, not a test. Starts the server as the demo runs it (profile {@code demo}: sandbox
 * eKYC vendor, sandbox credit bureau, H2) in a fresh data directory, then:
 *
 * <ol>
 *   <li><b>Fraud detection.</b> For each seed of the applicant simulator, {@code perSeed} applicants with no
 *   pauses, four at a time, through the same journey as the demo's; each decision against the simulator's
 *   truth. Reported, mean ± sample standard deviation over the seeds: what was referred or declined, and on
 *   which grounds among the reasons that referred ({@link ApplicationRiskPolicy#referring}): a fraud signal
 *   (the fraud score at the cut, or a failed identity), an identity not verified yet, the screening, missing
 *   evidence; per kind of applicant; and the policy's own fraud score as a ROC curve at exactly 1 % of the
 *   genuine applicants (its weights are the policy's, never fitted here).</li>
 *   <li><b>Submission to a usable card.</b> {@code clean} genuine applicants whose identity check passes,
 *   with a person's pauses, eight at a time: submission to the first payment answered 200, and the system's
 *   share (all but the applicant's own steps).</li>
 * </ol>
 *
 * <p>Run: {@code java -cp … dev.anshin.demo.ApplicantMeasurement [perSeed [seeds [clean
 * [fraudPerMille genuineAbroadPercent]]]]} (docs/benchmarks.md); the last two set the simulator's
 * {@link DemoApplicants.Mix} (default 280 and 2).
 */
public final class ApplicantMeasurement {

    private ApplicantMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int perSeed = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int clean = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        DemoApplicants.Mix mix = args.length > 4 ? new DemoApplicants.Mix(Integer.parseInt(args[3]),
                Integer.parseInt(args[4])) : DemoApplicants.Mix.DEFAULT;
        Path data = Files.createTempDirectory("anshin-applicants");
        ConfigurableApplicationContext context = SpringApplication.run(AnshinApplication.class,
                "--spring.profiles.active=demo", "--anshin.demo.enabled=false", "--server.port=0",
                "--server.address=127.0.0.1", "--anshin.data-dir=" + data, "--anshin.keys-dir=" + data,
                // One address posts every applicant's observations here; the demo's rate (4 a minute) stays under
                // the per-address limit, a measurement without pauses does not.
                "--anshin.devices.observations-per-address=off", "--logging.level.root=WARN",
                "--logging.level.dev.anshin.demo=INFO");
        try {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            ApiClients clients = context.getBean(ApiClients.class);
            String intake = clients.replace("measurement-applications", EnumSet.of(Role.APPLICATION_INTAKE));
            String scorer = clients.replace("measurement-scorer", EnumSet.of(Role.SCORER));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI base = URI.create("http://127.0.0.1:" + port);
            String run = Long.toString(System.currentTimeMillis(), 36);
            ApplicantJourney.Pauses sleep = d -> {
                try {
                    Thread.sleep(d.toMillis());
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            };
            ApplicantJourney journey = new ApplicantJourney(context.getBean(Applications.class),
                    context.getBean(EkycVerifications.class), context.getBean(Decisions.class), http,
                    context.getBean(JsonMapper.class), base, intake, scorer, run, context.getBean(Clock.class), sleep,
                    context.getBean(dev.anshin.notifications.SandboxNotificationSender.class)::noticesTo);
            detection(journey, perSeed, seeds, mix);
            if (clean > 0) {
                timing(journey, clean);
            }
        } finally {
            context.close();
        }
    }

    private static List<ApplicantJourney.Outcome> runAll(ApplicantJourney journey, List<SimulatedApplicant> applicants,
            int atOnce) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(atOnce);
        try {
            List<Future<ApplicantJourney.Outcome>> futures = new ArrayList<>();
            for (SimulatedApplicant a : applicants) {
                futures.add(pool.submit(() -> journey.run(a)));
            }
            List<ApplicantJourney.Outcome> outcomes = new ArrayList<>();
            for (Future<ApplicantJourney.Outcome> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } finally {
            pool.shutdown();
        }
    }

    // ---- fraud detection ---------------------------------------------------------------------------------

    private record SeedResult(long seed, List<ApplicantJourney.Outcome> outcomes) {
    }

    private static void detection(ApplicantJourney journey, int perSeed, int seeds, DemoApplicants.Mix mix)
            throws Exception {
        List<SeedResult> results = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++) {
            DemoApplicants simulator = new DemoApplicants(seed, 0, mix);
            List<SimulatedApplicant> applicants = new ArrayList<>();
            for (int i = 0; i < perSeed; i++) {
                SimulatedApplicant a = simulator.next();
                // Indices unique across seeds: they name the partner references and the payments.
                applicants.add(new SimulatedApplicant((int) seed * 1_000_000 + i, a.kind(), a.viaPartner(), a.aboutYou(),
                        a.workAndMoney(), a.limits(), a.device(), a.visits(), a.ekycMethod(), a.ekycScenario(),
                        a.formSteps(), a.afterSubmit()));
            }
            long started = System.nanoTime();
            List<ApplicantJourney.Outcome> outcomes = runAll(journey, applicants, 4);
            ApplicantTally tally = new ApplicantTally();
            outcomes.forEach(o -> {
                tally.started();
                tally.record(o);
            });
            System.out.printf(Locale.ROOT, "seed %d (%d applicants, %.0f s): %s%n", seed, perSeed,
                    (System.nanoTime() - started) / 1e9, tally.line());
            results.add(new SeedResult(seed, outcomes));
        }
        String[] names = {"frauds referred or declined (any reason)",
                "genuine (ordinary + over-asking) referred or declined (any reason)",
                "(a) genuine stopped for a fraud signal (score at the cut, or a failed identity)",
                "(c) genuine held: identity not verified yet (review, not confirmed, expired)",
                "(d) genuine stopped by the screening (the law's limits, the bureau)",
                "genuine held: evidence missing (no eKYC result, no device observation, no screening)",
                "frauds stopped for a fraud signal",
                "frauds held: identity not verified yet",
                "score ROC: frauds at exactly 1 % of genuine (a random share of the ties at the cut)"};
        List<double[]> rows = new ArrayList<>();
        Map<ApplicantKind, List<Double>> stoppedByKind = new EnumMap<>(ApplicantKind.class);
        Map<ApplicantKind, List<Double>> fraudGroundByKind = new EnumMap<>(ApplicantKind.class);
        for (SeedResult result : results) {
            List<ApplicantJourney.Outcome> decided = result.outcomes().stream().filter(o -> o.outcome() != null).toList();
            double[] row = {
                    share(decided, true, o -> stopped(o) ? 1 : 0),
                    share(decided, false, o -> stopped(o) ? 1 : 0),
                    share(decided, false, o -> heldFor(o, Ground.FRAUD_SIGNALS) ? 1 : 0),
                    share(decided, false, o -> heldFor(o, Ground.IDENTITY_NOT_VERIFIED) ? 1 : 0),
                    share(decided, false, o -> heldFor(o, Ground.SCREENING) ? 1 : 0),
                    share(decided, false, o -> heldFor(o, Ground.MISSING_EVIDENCE) ? 1 : 0),
                    share(decided, true, o -> heldFor(o, Ground.FRAUD_SIGNALS) ? 1 : 0),
                    share(decided, true, o -> heldFor(o, Ground.IDENTITY_NOT_VERIFIED) ? 1 : 0),
                    atGenuineShare(decided, 0.01)};
            rows.add(row);
            for (ApplicantKind kind : ApplicantKind.values()) {
                List<ApplicantJourney.Outcome> ofKind = decided.stream().filter(o -> o.applicant().kind() == kind).toList();
                if (!ofKind.isEmpty()) {
                    stoppedByKind.computeIfAbsent(kind, k -> new ArrayList<>())
                            .add(ofKind.stream().filter(ApplicantMeasurement::stopped).count() / (double) ofKind.size());
                    fraudGroundByKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(ofKind.stream()
                            .filter(o -> heldFor(o, Ground.FRAUD_SIGNALS)).count() / (double) ofKind.size());
                }
            }
            System.out.printf(Locale.ROOT, "seed %d: %d decided, %d not;", result.seed(), decided.size(),
                    result.outcomes().size() - decided.size());
            for (int i = 0; i < names.length; i++) {
                System.out.printf(Locale.ROOT, " [%s] %.1f %%", names[i].replaceAll(" \\(.*", ""), 100 * row[i]);
            }
            System.out.println();
        }
        System.out.println();
        System.out.println("| kind | applicants | reasons among them (all seeds; an applicant may have several) |");
        System.out.println("|---|---|---|");
        for (ApplicantKind kind : ApplicantKind.values()) {
            List<ApplicantJourney.Outcome> ofKind = results.stream().flatMap(r -> r.outcomes().stream())
                    .filter(o -> o.applicant().kind() == kind && o.outcome() != null).toList();
            Map<RiskReason, Integer> reasons = new EnumMap<>(RiskReason.class);
            ofKind.forEach(o -> o.reasons().forEach(r -> reasons.merge(r, 1, Integer::sum)));
            Map<Integer, Integer> scores = new java.util.TreeMap<>();
            ofKind.forEach(o -> scores.merge(ApplicationRiskPolicy.fraudScore(o.reasons()), 1, Integer::sum));
            System.out.println("| " + kind.label() + " | " + ofKind.size() + " | " + reasons.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).reduce((x, y) -> x + ", " + y).orElse("")
                    + "; fraud scores " + scores + " |");
        }
        System.out.println();
        System.out.println("| " + mix + " | mean ± sd over " + results.size() + " seeds |");
        System.out.println("|---|---|");
        for (int i = 0; i < names.length; i++) {
            int column = i;
            System.out.println("| " + names[i] + " | " + meanSd(rows.stream().map(r -> r[column]).toList()) + " |");
        }
        System.out.println();
        System.out.println("| kind | referred or declined (any reason) | for a fraud signal |");
        System.out.println("|---|---|---|");
        for (ApplicantKind kind : ApplicantKind.values()) {
            System.out.println("| " + kind.label() + " | " + meanSd(stoppedByKind.getOrDefault(kind, List.of())) + " | "
                    + meanSd(fraudGroundByKind.getOrDefault(kind, List.of())) + " |");
        }
    }

    private static boolean stopped(ApplicantJourney.Outcome o) {
        return o.outcome() == ApplicationOutcome.REFER || o.outcome() == ApplicationOutcome.DECLINE;
    }

    /** Whether the application was stopped with a reason of this ground among those that referred or declined. */
    private static boolean heldFor(ApplicantJourney.Outcome o, Ground ground) {
        return stopped(o) && ApplicationRiskPolicy.referring(o.reasons()).stream()
                .anyMatch(r -> ApplicationRiskPolicy.ground(r) == ground);
    }

    /**
     * The policy's fraud score as a ROC curve: the share of frauds scoring at or above a cut when exactly
     * {@code genuineShare} of the genuine applicants do, a straight line between two cuts (stopping a random
     * share of those scoring at the lower cut). The weights are the policy's own, not fitted here.
     */
    private static double atGenuineShare(List<ApplicantJourney.Outcome> decided, double genuineShare) {
        List<Integer> cuts = decided.stream().map(o -> ApplicationRiskPolicy.fraudScore(o.reasons())).distinct()
                .filter(s -> s > 0).sorted(Collections.reverseOrder()).toList();
        double previousGenuine = 0;
        double previousFraud = 0;
        for (int cut : cuts) {
            double genuine = share(decided, false, o -> ApplicationRiskPolicy.fraudScore(o.reasons()) >= cut ? 1 : 0);
            double fraud = share(decided, true, o -> ApplicationRiskPolicy.fraudScore(o.reasons()) >= cut ? 1 : 0);
            if (genuine >= genuineShare) {
                double part = genuine == previousGenuine ? 1 : (genuineShare - previousGenuine) / (genuine - previousGenuine);
                return previousFraud + part * (fraud - previousFraud);
            }
            previousGenuine = genuine;
            previousFraud = fraud;
        }
        return previousFraud; // every positive score stopped, and still under the share
    }

    private static double share(List<ApplicantJourney.Outcome> outcomes, boolean fraud,
            ToDoubleFunction<ApplicantJourney.Outcome> counted) {
        List<ApplicantJourney.Outcome> of = outcomes.stream().filter(o -> o.applicant().kind().fraud() == fraud).toList();
        return of.isEmpty() ? 0 : of.stream().mapToDouble(counted).sum() / of.size();
    }

    private static String meanSd(List<Double> values) {
        if (values.isEmpty()) {
            return "-";
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double variance = values.size() < 2 ? 0 : values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum()
                / (values.size() - 1);
        return String.format(Locale.ROOT, "%.1f ± %.1f %%", 100 * mean, 100 * Math.sqrt(variance));
    }

    // ---- submission to a usable card ----------------------------------------------------------------------

    private static void timing(ApplicantJourney journey, int clean) throws Exception {
        DemoApplicants simulator = new DemoApplicants(20_261_207L, 1);
        List<SimulatedApplicant> applicants = new ArrayList<>();
        for (int i = 0; i < clean; i++) {
            SimulatedApplicant a = simulator.of(i, ApplicantKind.GENUINE);
            applicants.add(new SimulatedApplicant(90_000_000 + i, a.kind(), a.viaPartner(), a.aboutYou(),
                    a.workAndMoney(), a.limits(), a.device(), a.visits(), a.ekycMethod(), "PASS", a.formSteps(),
                    a.afterSubmit()));
        }
        long started = System.nanoTime();
        List<ApplicantJourney.Outcome> outcomes = runAll(journey, applicants, 8);
        List<Long> toCard = new ArrayList<>();
        List<Long> system = new ArrayList<>();
        List<Long> think = new ArrayList<>();
        for (ApplicantJourney.Outcome o : outcomes) {
            if (o.toCard() != null) {
                toCard.add(o.toCard().toMillis());
                system.add(o.system().toMillis());
                think.add(o.think().toMillis());
            }
        }
        Collections.sort(toCard);
        Collections.sort(system);
        Collections.sort(think);
        System.out.println();
        System.out.printf(Locale.ROOT, "clean applicants: %d of %d paid with their new card (%.0f s); the others: %s%n",
                toCard.size(), clean, (System.nanoTime() - started) / 1e9, outcomes.stream()
                        .filter(o -> o.toCard() == null).map(o -> o.status() + " " + o.reasons()).toList());
        System.out.println("| | p50 | p95 | max |");
        System.out.println("|---|---|---|---|");
        System.out.println(row("submission → first payment answered 200", toCard));
        System.out.println(row("… the applicant's own steps (think time)", think));
        System.out.println(row("… the system's share", system));
    }

    private static String row(String name, List<Long> sortedMillis) {
        return "| " + name + " | " + ApplicantTally.seconds(sortedMillis, 0.50) + " s | "
                + ApplicantTally.seconds(sortedMillis, 0.95) + " s | "
                + (sortedMillis.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f s", sortedMillis.get(sortedMillis.size() - 1) / 1000.0))
                + " |";
    }
}
