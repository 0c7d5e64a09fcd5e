package dev.anshin.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One simulated applicant: who they really are ({@code kind}), what they type into the application (the
 * form's field names, as the {@code /apply} pages and the partner API take them), the channel, the
 * browser and how often it is seen before submitting, what the eKYC vendor's camera "sees", and how long
 * the person takes over each step.
 *
 * @param viaPartner   submitted by a partner's system ({@code POST /api/v1/applications}), which has no
 *                     device observation (the collector is first-party); otherwise the issuer's own pages
 * @param visits       observations the browser posts before the application is submitted (1 to 3), drifted
 *                     a little between visits for a person's own browser
 * @param ekycMethod   the method chosen at the sandbox vendor ({@code IC_CHIP_AND_FACE}, {@code JPKI}, {@code IMAGE_AND_FACE})
 * @param ekycScenario what the sandbox vendor's camera "saw" (its capture page's choices: PASS, FACE_MISMATCH…)
 * @param formSteps    the time spent on each of the form's three steps (before submission)
 * @param afterSubmit  the person's own steps after submission: to the identity check, choosing the method,
 *                     the capture, and reading the new card before paying with it
 * @param paysFrom     the browser the first payment with a new card comes from: the applicant's own
 *                     ({@code device}), or for a synthetic identity the fraud ring's phone (the device farm's),
 *                     where the cards its made-up people get are cashed out
 */
record SimulatedApplicant(int index, ApplicantKind kind, boolean viaPartner, Map<String, String> aboutYou,
        Map<String, String> workAndMoney, Map<String, String> limits, SimulatedDevice device, int visits,
        String ekycMethod, String ekycScenario, List<Duration> formSteps, List<Duration> afterSubmit,
        SimulatedDevice paysFrom) {

    /** An applicant who pays from the browser they applied from. */
    SimulatedApplicant(int index, ApplicantKind kind, boolean viaPartner, Map<String, String> aboutYou,
            Map<String, String> workAndMoney, Map<String, String> limits, SimulatedDevice device, int visits,
            String ekycMethod, String ekycScenario, List<Duration> formSteps, List<Duration> afterSubmit) {
        this(index, kind, viaPartner, aboutYou, workAndMoney, limits, device, visits, ekycMethod, ekycScenario,
                formSteps, afterSubmit, device);
    }

    /** The first payment comes from the browser the application came from (the simulator's truth). */
    boolean paysFromOwnBrowser() {
        return paysFrom.equals(device);
    }

    /** The person's own time between submission and paying with the card (the part that is not the system's). */
    Duration thinkAfterSubmit() {
        return afterSubmit.stream().reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public String toString() {
        return "SimulatedApplicant[" + index + ", " + kind + (viaPartner ? ", partner" : ", web") + "]";
    }
}
