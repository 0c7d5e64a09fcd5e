package dev.anshin.demo;

import dev.anshin.onboarding.ApplicationOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated applicants' decisions against the simulator's truth, the times to a usable card, and what
 * the first payments' decisions knew of the browser they came from: what the demo's line each minute says
 * ({@code demo applicants: …}).
 */
final class ApplicantTally {

    /** The columns of the line: approved, referred, declined, and not decided (a refusal, no decision in time). */
    private static final int APPROVED = 0;
    private static final int REFERRED = 1;
    private static final int DECLINED = 2;
    private static final int UNDECIDED = 3;

    private final Map<ApplicantKind, int[]> counts = new EnumMap<>(ApplicantKind.class);
    private final List<Long> toCardMillis = new ArrayList<>();
    private final List<Long> systemMillis = new ArrayList<>();
    private final Map<String, Integer> deviceReasons = new TreeMap<>();
    private int started;
    private int stopped;
    private int payments;
    private int observed;
    private int recognised;
    private int appliedWithDevice;
    private int sameDevice;
    private int fraudPayments;
    private int fraudWithDeviceReasons;
    private int genuinePayments;
    private int genuineWithDeviceReasons;

    synchronized void started() {
        started++;
    }

    /** One applicant's journey ended. */
    synchronized void record(ApplicantJourney.Outcome outcome) {
        int column = outcome.outcome() == null ? UNDECIDED : outcome.outcome() == ApplicationOutcome.APPROVE ? APPROVED
                : outcome.outcome() == ApplicationOutcome.REFER ? REFERRED : DECLINED;
        counts.computeIfAbsent(outcome.applicant().kind(), k -> new int[4])[column]++;
        if (outcome.toCard() != null) {
            toCardMillis.add(outcome.toCard().toMillis());
            systemMillis.add(outcome.system().toMillis());
        }
        ApplicantJourney.Payment payment = outcome.payment();
        if (payment != null) {
            payments++;
            observed += payment.observed() ? 1 : 0;
            recognised += payment.recognised() ? 1 : 0;
            if (payment.sameAsApplication() != null) {
                appliedWithDevice++;
                sameDevice += payment.sameAsApplication() ? 1 : 0;
            }
            boolean reasons = !payment.deviceReasons().isEmpty();
            if (outcome.applicant().kind().fraud()) {
                fraudPayments++;
                fraudWithDeviceReasons += reasons ? 1 : 0;
            } else {
                genuinePayments++;
                genuineWithDeviceReasons += reasons ? 1 : 0;
            }
            payment.deviceReasons().forEach(code -> deviceReasons.merge(code, 1, Integer::sum));
        }
    }

    /** A journey that ended because the demo stopped. */
    synchronized void stoppedHalfway() {
        stopped++;
    }

    /** How many applicants of this kind ended in this outcome (null: not decided). */
    synchronized int count(ApplicantKind kind, ApplicationOutcome outcome) {
        int[] row = counts.get(kind);
        int column = outcome == null ? UNDECIDED : outcome == ApplicationOutcome.APPROVE ? APPROVED
                : outcome == ApplicationOutcome.REFER ? REFERRED : DECLINED;
        return row == null ? 0 : row[column];
    }

    synchronized int finished() {
        return counts.values().stream().mapToInt(r -> r[0] + r[1] + r[2] + r[3]).sum();
    }

    /**
     * The line: per kind approved/referred/declined (and not decided, when any), the frauds stopped and the
     * genuine stopped, the time from submission to the first payment with the new card, with the system's
     * own share, and the first payments' devices: how many carried an observation, how many were scored with
     * a recognised device, how many with the very device the application came from where the simulator's
     * truth says it is the same browser (applications through a partner had none; a synthetic identity's card
     * is paid from the ring's phone), and how many decisions had device reasons, for fraudsters' cards and
     * genuine applicants' (with the codes seen).
     */
    synchronized String line() {
        int done = finished();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "demo applicants: %d finished, %d on their way;",
                done, Math.max(0, started - done - stopped)));
        int fraud = 0;
        int fraudStopped = 0;
        int genuine = 0;
        int genuineStopped = 0;
        for (ApplicantKind kind : ApplicantKind.values()) {
            int[] row = counts.get(kind);
            if (row == null) {
                continue;
            }
            line.append(String.format(Locale.ROOT, " %s %d/%d/%d", kind.label(), row[APPROVED], row[REFERRED],
                    row[DECLINED]));
            if (row[UNDECIDED] > 0) {
                line.append(String.format(Locale.ROOT, " (+%d undecided)", row[UNDECIDED]));
            }
            if (kind.fraud()) {
                fraud += row[0] + row[1] + row[2];
                fraudStopped += row[REFERRED] + row[DECLINED];
            } else {
                genuine += row[0] + row[1] + row[2];
                genuineStopped += row[REFERRED] + row[DECLINED];
            }
        }
        line.append(" (approved/referred/declined)");
        line.append(String.format(Locale.ROOT, "; fraud stopped %s, genuine and over-asking stopped %s",
                share(fraudStopped, fraud), share(genuineStopped, genuine)));
        List<Long> toCard = sorted(toCardMillis);
        List<Long> system = sorted(systemMillis);
        line.append(String.format(Locale.ROOT, "; submission to first payment p50 %s s, p95 %s s (system's share p50 %s s, "
                        + "p95 %s s) over %d cards", seconds(toCard, 0.50), seconds(toCard, 0.95), seconds(system, 0.50),
                seconds(system, 0.95), toCard.size()));
        line.append(String.format(Locale.ROOT, "; first payments online %d (with an observation %d, device recognised "
                        + "%d, the application's device again %s where it is the same browser); decisions with device "
                        + "reasons: fraud %s, genuine and over-asking %s", payments, observed, recognised,
                share(sameDevice, appliedWithDevice), share(fraudWithDeviceReasons, fraudPayments),
                share(genuineWithDeviceReasons, genuinePayments)));
        if (!deviceReasons.isEmpty()) {
            StringBuilder codes = new StringBuilder();
            deviceReasons.forEach((code, n) -> codes.append(codes.isEmpty() ? "" : ", ").append(code).append(' ')
                    .append(n));
            line.append(" (").append(codes).append(')');
        }
        return line.toString();
    }

    private static List<Long> sorted(List<Long> values) {
        List<Long> copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }

    /** The nearest-rank percentile, in seconds with one decimal; "-" when there is nothing yet. */
    static String seconds(List<Long> sortedMillis, double p) {
        if (sortedMillis.isEmpty()) {
            return "-";
        }
        long millis = sortedMillis.get(Math.min(sortedMillis.size() - 1,
                Math.max(0, (int) Math.ceil(p * sortedMillis.size()) - 1)));
        return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }

    private static String share(int part, int whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%d/%d (%.0f %%)", part, whole, 100.0 * part / whole);
    }

    /** Durations of issued cards so far (submission to first payment), for a measurement. */
    synchronized List<Duration> toCard() {
        return toCardMillis.stream().map(Duration::ofMillis).toList();
    }
}
