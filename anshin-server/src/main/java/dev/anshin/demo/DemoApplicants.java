package dev.anshin.demo;

import dev.anshin.screening.Housing;
import dev.anshin.screening.PaymentCapacity;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The applicant simulator: an endless, seeded stream of made-up people applying for a card online. Most
 * are genuine (ordinary people with varied incomes, households, housing and repayments, and some who ask
 * for more than they can repay); the rest are the frauds issue 15 names: synthetic identities, a device
 * farm, bots and stolen identities. Pure and deterministic for a seed, so a measurement can be repeated.
 *
 * <p>The mix (per mille, {@link Mix#DEFAULT}): genuine 600, over-asking 120, and 70 each of the four frauds. The channel is
 * independent of the kind: a quarter come through a partner's system, the rest through the issuer's pages.
 * Every value is fictitious: phones in the 090-0xxx range no carrier assigns, e-mails at {@code example.jp}
 * and {@code example.net}.
 *
 * <p>Once issued, a card is first paid with online from the applicant's own browser (the bot's, the device
 * farm's phone for theirs), except a synthetic identity's, which the ring behind it cashes out from the device
 * farm's phone.
 */
final class DemoApplicants {

    private static final String[] HOUSING = {"RENTED", "OWNED_WITH_MORTGAGE", "COMPANY_HOUSING", "OWNED",
            "FAMILY_HOME", "OTHER"};
    private static final long STEP = 10_000;
    private static final long MINIMUM = 100_000;

    /**
     * The simulator's setting: how many of a thousand applicants are frauds (shared equally by the four
     * kinds; the genuine split 5:1 between ordinary and over-asking), and how many genuine applicants in a
     * hundred apply from a browser abroad (travelling, a phone on home time). {@link #DEFAULT}: 280 and 2.
     */
    record Mix(int fraudPerMille, int genuineAbroadPercent) {
        static final Mix DEFAULT = new Mix(280, 2);

        Mix {
            if (fraudPerMille < 0 || fraudPerMille > 1000 || fraudPerMille % 4 != 0 || (1000 - fraudPerMille) % 6 != 0) {
                throw new IllegalArgumentException("fraud per mille: 0 to 1000, a multiple of 4, leaving a multiple of 6");
            }
            if (genuineAbroadPercent < 0 || genuineAbroadPercent > 100) {
                throw new IllegalArgumentException("genuine abroad: 0 to 100 %");
            }
        }

        /** Per mille of each kind, in {@link ApplicantKind}'s order. */
        int[] perMille() {
            int genuine = 1000 - fraudPerMille;
            int fraud = fraudPerMille / 4;
            return new int[] {genuine * 5 / 6, genuine / 6, fraud, fraud, fraud, fraud};
        }
    }

    private final SplittableRandom random;
    private final double thinkScale;
    private final Mix mix;
    private final int[] perMille;
    private final SimulatedDevice farm;
    private int next;

    /**
     * @param seed       the simulator's seed
     * @param thinkScale the applicants' own time per step, as a share of a person's (1: as people take; 0: none,
     *                   for a measurement of decisions only)
     */
    DemoApplicants(long seed, double thinkScale) {
        this(seed, thinkScale, Mix.DEFAULT);
    }

    /** A simulator with another mix than the demo's (the measurements' other settings). */
    DemoApplicants(long seed, double thinkScale, Mix mix) {
        this.random = new SplittableRandom(seed ^ 0xA991_1CA7L);
        this.thinkScale = thinkScale;
        this.mix = mix;
        this.perMille = mix.perMille();
        // The device farm: one phone, the same signals for every application it submits.
        this.farm = SimulatedDevice.personal(new SplittableRandom(seed ^ 0xFA4AL));
    }

    /** The next applicant. */
    synchronized SimulatedApplicant next() {
        int index = next++;
        int draw = random.nextInt(1000);
        ApplicantKind kind = ApplicantKind.values()[0];
        for (int i = 0, sum = 0; i < perMille.length; i++) {
            sum += perMille[i];
            if (draw < sum) {
                kind = ApplicantKind.values()[i];
                break;
            }
        }
        return of(index, kind);
    }

    /** An applicant of the given kind (the next one's random draws). */
    synchronized SimulatedApplicant of(int index, ApplicantKind kind) {
        boolean partner = random.nextInt(4) == 0;
        Map<String, String> about = person(kind);
        Money money = money(kind);
        SimulatedDevice device = switch (kind) {
            case SYNTHETIC_IDENTITY -> random.nextInt(10) < 6 ? SimulatedDevice.abroad(random)
                    : SimulatedDevice.personal(random);
            case DEVICE_FARM -> farm;
            case BOT -> SimulatedDevice.automated(random, random.nextInt(4) == 0);
            default -> random.nextInt(100) < mix.genuineAbroadPercent() ? SimulatedDevice.abroad(random)
                    : SimulatedDevice.personal(random);
        };
        int visits = kind == ApplicantKind.DEVICE_FARM || kind == ApplicantKind.BOT ? 1 : 1 + random.nextInt(3);
        String method = pick(new String[] {"IC_CHIP_AND_FACE", "JPKI", "IMAGE_AND_FACE"}, new int[] {70, 20, 10});
        String scenario = switch (kind) {
            case GENUINE, OVER_ASKING -> pick(new String[] {"PASS", "BORDERLINE_FACE", "EXPIRED_DOCUMENT",
                    "LIVENESS_FAIL"}, new int[] {940, 35, 20, 5});
            case SYNTHETIC_IDENTITY -> pick(new String[] {"PASS", "SPOOFED_DOCUMENT", "BORDERLINE_FACE"},
                    new int[] {40, 35, 25});
            case DEVICE_FARM -> pick(new String[] {"PASS", "FACE_MISMATCH", "SPOOFED_DOCUMENT"}, new int[] {50, 30, 20});
            case BOT -> pick(new String[] {"PASS", "LIVENESS_FAIL"}, new int[] {40, 60});
            case STOLEN_IDENTITY -> pick(new String[] {"FACE_MISMATCH", "LIVENESS_FAIL", "SPOOFED_DOCUMENT"},
                    new int[] {50, 30, 20});
        };
        if ("JPKI".equals(method) && !scenario.equals("PASS") && !scenario.equals("SPOOFED_DOCUMENT")) {
            // JPKI reads the My Number Card's certificate and compares no face; a face that fails, and an expired
            // document, are seen by the face methods (a stolen card with its PIN would pass JPKI: not simulated).
            method = "IC_CHIP_AND_FACE";
        }
        boolean bot = kind == ApplicantKind.BOT;
        List<Duration> form = List.of(think(bot ? 1 : 4, bot ? 2 : 10), think(bot ? 1 : 4, bot ? 2 : 10),
                think(bot ? 1 : 3, bot ? 2 : 8));
        List<Duration> after = List.of(think(2, 5), think(3, 6), think(bot ? 4 : 12, bot ? 8 : 25), think(5, 10));
        Map<String, String> limits = new HashMap<>();
        limits.put("requestedRevolving", Long.toString(money.revolving));
        limits.put("requestedCashAdvance", Long.toString(money.cashAdvance));
        limits.put("consent", "true");
        // A synthetic identity's card goes to the ring that made it up, which pays from its farm's phone.
        SimulatedDevice paysFrom = kind == ApplicantKind.SYNTHETIC_IDENTITY ? farm : device;
        return new SimulatedApplicant(index, kind, partner, about, money.work, limits, device, visits, method, scenario,
                form, after, paysFrom);
    }

    private Map<String, String> person(ApplicantKind kind) {
        String[] surname = DemoPeople.SURNAMES[random.nextInt(DemoPeople.SURNAMES.length)];
        int surnameIndex = java.util.Arrays.asList(DemoPeople.SURNAMES).indexOf(surname);
        String[] given = DemoPeople.GIVEN_NAMES[random.nextInt(DemoPeople.GIVEN_NAMES.length)];
        Map<String, String> about = new HashMap<>();
        about.put("nameKanji", surname[0] + "　" + given[0]);
        about.put("nameKana", surname[1] + "　" + given[1]);
        about.put("dateOfBirth", LocalDate.of(1950 + random.nextInt(54), 1, 1).plusDays(random.nextInt(365)).toString());
        about.put("address", DemoPeople.PLACES[random.nextInt(DemoPeople.PLACES.length)] + (1 + random.nextInt(5))
                + "丁目" + (1 + random.nextInt(30)) + "-" + (1 + random.nextInt(20)));
        about.put("phone", String.format("090-0%03d-%04d", random.nextInt(1000), random.nextInt(10_000)));
        String digits = Integer.toString(random.nextInt(1_000_000));
        about.put("email", kind == ApplicantKind.SYNTHETIC_IDENTITY || kind == ApplicantKind.BOT
                // A fresh mailbox with a made-up name, as synthetic identities and scripts open them.
                ? Long.toString(random.nextLong() >>> 24, 36) + "@example.net"
                : given[2] + "." + DemoPeople.ROMAJI_SURNAMES[surnameIndex] + "." + digits + "@example.jp");
        return about;
    }

    private record Money(Map<String, String> work, long revolving, long cashAdvance) {
    }

    /** Income, household, housing and repayments, and the limits asked for: within reach, or beyond it. */
    private Money money(ApplicantKind kind) {
        boolean overAsking = kind == ApplicantKind.OVER_ASKING;
        for (int attempt = 0; ; attempt++) {
            long income = (overAsking && random.nextInt(3) == 0 ? 180 + random.nextInt(100)
                    : 240 + random.nextInt(960)) * STEP;
            int household = pick(new int[] {1, 2, 3, 4, 5}, new int[] {35, 25, 18, 15, 7});
            String housing = HOUSING[random.nextInt(HOUSING.length)];
            long repayments = random.nextInt(2) == 0 ? 0 : income * (3 + random.nextInt(overAsking ? 30 : 15)) / 100
                    / STEP * STEP;
            PaymentCapacity capacity = PaymentCapacity.of(income, household, screening(housing), repayments);
            long allowed = capacity.maxRevolvingLimit() / STEP * STEP;
            long revolving;
            long cash = 0;
            if (!overAsking) {
                if (allowed < MINIMUM && attempt < 20) {
                    continue; // an ordinary applicant asks for what they can have
                }
                revolving = Math.max(MINIMUM, Math.min(allowed, (10 + random.nextInt(41)) * STEP));
                if (random.nextInt(10) < 3) {
                    cash = Math.min(capacity.cashAdvanceCeiling() / STEP * STEP, (10 + random.nextInt(21)) * STEP);
                }
            } else {
                // More than 90 % of the capacity allows (or anything, for someone the formula leaves nothing),
                // and now and then a cash advance above the total-volume rule's ceiling or the proof-of-income threshold.
                revolving = Math.min(10_000_000, Math.max(MINIMUM + STEP, (long) (allowed * (1.5 + 2.5 * random.nextDouble())))
                        / STEP * STEP);
                if (random.nextInt(3) == 0) {
                    cash = Math.min(3_000_000, Math.max(capacity.cashAdvanceCeiling(), 500_000) / STEP * STEP + 10 * STEP);
                }
            }
            Map<String, String> work = new HashMap<>();
            work.put("employer", DemoPeople.EMPLOYERS[random.nextInt(DemoPeople.EMPLOYERS.length)]);
            work.put("annualIncome", Long.toString(income));
            work.put("householdSize", Integer.toString(household));
            work.put("housing", housing);
            work.put("annualCreditRepayments", Long.toString(repayments));
            return new Money(work, revolving, cash);
        }
    }

    private static Housing screening(String housing) {
        return switch (housing) {
            case "RENTED", "COMPANY_HOUSING" -> Housing.RENT;
            case "OWNED_WITH_MORTGAGE" -> Housing.MORTGAGE;
            default -> Housing.NONE;
        };
    }

    private Duration think(int fromSeconds, int toSeconds) {
        long millis = (long) ((fromSeconds * 1000L + random.nextInt((toSeconds - fromSeconds) * 1000 + 1)) * thinkScale);
        return Duration.ofMillis(millis);
    }

    private String pick(String[] values, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int draw = random.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    private int pick(int[] values, int[] weights) {
        String[] names = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            names[i] = Integer.toString(values[i]);
        }
        return Integer.parseInt(pick(names, weights));
    }
}
