package dev.anshin.demo;

import dev.anshin.ekyc.EkycVerification;
import dev.anshin.ekyc.EkycVerifications;
import dev.anshin.fraud.Decisions;
import dev.anshin.fraud.StoredDecision;
import dev.anshin.notifications.CardholderNotice;
import dev.anshin.onboarding.Application;
import dev.anshin.onboarding.ApplicationOutcome;
import dev.anshin.onboarding.ApplicationStatus;
import dev.anshin.onboarding.ApplicationStep;
import dev.anshin.onboarding.Applications;
import dev.anshin.onboarding.RiskReason;
import dev.anshin.privacy.Actor;
import dev.anshin.scoring.DeviceData;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One simulated applicant's way through the real surfaces, from the first page to the first payment:
 * the browser's observations posted to {@code /device/observations} over HTTP as the collector script
 * posts them; the application through the issuer's pages (the {@link Applications} calls the
 * {@code /apply} pages make: a draft, three saved steps, submission with the latest observation, the
 * identity check started) or through a partner's system ({@code POST /api/v1/applications} with the demo's
 * APPLICATION_INTAKE key, then {@code GET} until decided, and the partner's setup link opened by its applicant:
 * the check, then the one-time code read from the applicant's sandbox inbox and typed in); eKYC at the sandbox vendor's pages over HTTP
 * (method, capture, the form sent with its CSRF token; the vendor signs the result and posts it to the
 * webhook); the decision; and, once issued, the card shown once to its new cardholder and a first payment
 * with it online, card not present, from the same browser: the shop's 3DS page (or the issuer's app) posts a
 * fresh observation to {@code /device/observations} and the authorization through
 * {@code POST /api/v1/authorizations} carries its reference in {@code device.observation}, so the decision is
 * made with Anshin's device and its reputation (docs/devices.md, "In transaction scoring"). A fraudster's card
 * is paid with from the fraud's own browser: the bot's, the device farm's phone, and a synthetic identity's
 * from the farm's phone of the ring behind it ({@link SimulatedApplicant#paysFrom()}).
 *
 * <p>Times: from submission (the form's last step sent, or the partner's POST) to the first payment
 * answered 200, and the applicant's own time within it; the rest is the system's share.
 */
final class ApplicantJourney {

    /** The person's pauses: false when the demo stops meanwhile (the journey then ends quietly). */
    interface Pauses {
        boolean pause(Duration duration);
    }

    /** The demo stops: the journey ends where it is. */
    static final class Stopped extends Exception {
        Stopped() {
            super(null, null, false, false);
        }
    }

    /**
     * How one applicant fared: the application's final state, its outcome and every reason (notes
     * included) when decided, and for an issued card the time from submission to the first payment
     * ({@code toCard}) and the applicant's own share of it ({@code think}). {@code failure}: what went
     * wrong on the way (a refusal, no decision in time), null when nothing did.
     */
    record Outcome(SimulatedApplicant applicant, String applicationId, ApplicationStatus status,
            ApplicationOutcome outcome, List<RiskReason> reasons, Duration toCard, Duration think, String failure,
            Payment payment) {

        /** A journey that made no payment. */
        Outcome(SimulatedApplicant applicant, String applicationId, ApplicationStatus status,
                ApplicationOutcome outcome, List<RiskReason> reasons, Duration toCard, Duration think, String failure) {
            this(applicant, applicationId, status, outcome, reasons, toCard, think, failure, null);
        }

        /** The system's own share of the way to a usable card: all but the applicant's steps. */
        Duration system() {
            return toCard == null ? null : toCard.minus(think);
        }
    }

    /**
     * The first payment with the new card, as scored: what the decision knew of the browser it came from.
     *
     * @param authorizationId   the payment's id at the scoring API
     * @param ownBrowser        the simulator's truth: paid from the browser the application came from (not the
     *                          fraud ring's phone)
     * @param observed          the browser's observation was taken on the payment page and went with the
     *                          authorization ({@code device.observation}); false when the collector refused it
     * @param recognised        the decision was made with Anshin's device for it (the device module held the
     *                          observation: its id and facts are in the stored decision)
     * @param sameAsApplication the decision's device is the one the application was matched to; null when the
     *                          truth has nothing to say: the application had no device (a partner's), or the
     *                          payment came from another browser
     * @param deviceReasons     the codes of the decision's reasons of kind {@code DEVICE}, as answered
     */
    record Payment(String authorizationId, boolean ownBrowser, boolean observed, boolean recognised,
            Boolean sameAsApplication, List<String> deviceReasons) {
        Payment {
            deviceReasons = List.copyOf(deviceReasons);
        }
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Set<ApplicationStatus> UNDECIDED = Set.of(ApplicationStatus.IDENTITY_PENDING,
            ApplicationStatus.SCREENING, ApplicationStatus.APPROVED);
    private static final Duration DECISION_WAIT = Duration.ofSeconds(60);
    private static final Duration INDEX_WAIT = Duration.ofSeconds(10);
    private static final String ORIGIN = "demo";

    private final Applications applications;
    private final EkycVerifications verifications;
    private final Decisions decisions;
    private final HttpClient http;
    private final JsonMapper json;
    private final URI base;
    private final String intakeKey;
    private final String scorerKey;
    private final String run;
    private final Clock clock;
    private final Pauses pauses;
    private final Function<String, List<CardholderNotice>> inbox;

    /**
     * @param inbox the notices a customer "received" (the sandbox sender's), where a partner's applicant reads the
     *              setup link's one-time code
     */
    ApplicantJourney(Applications applications, EkycVerifications verifications, Decisions decisions, HttpClient http,
            JsonMapper json, URI base, String intakeKey, String scorerKey, String run, Clock clock, Pauses pauses,
            Function<String, List<CardholderNotice>> inbox) {
        this.applications = applications;
        this.verifications = verifications;
        this.decisions = decisions;
        this.http = http;
        this.json = json;
        this.base = base;
        this.intakeKey = intakeKey;
        this.scorerKey = scorerKey;
        this.run = run;
        this.clock = clock;
        this.pauses = pauses;
        this.inbox = inbox;
    }

    Outcome run(SimulatedApplicant applicant) throws Stopped, IOException, InterruptedException {
        return applicant.viaPartner() ? viaPartner(applicant) : viaPages(applicant);
    }

    private Outcome viaPages(SimulatedApplicant a) throws Stopped, IOException, InterruptedException {
        SplittableRandom drift = new SplittableRandom(a.index() * 7_919L + a.kind().ordinal());
        SimulatedDevice device = a.device();
        String observation = observe(device);
        String id = applications.startDraft("ja").application().id();
        List<ApplicationStep> steps = List.of(ApplicationStep.ABOUT_YOU, ApplicationStep.WORK_AND_MONEY,
                ApplicationStep.LIMITS_AND_CONSENT);
        List<Map<String, String>> values = List.of(a.aboutYou(), a.workAndMoney(), a.limits());
        for (int i = 0; i < steps.size(); i++) {
            pause(a.formSteps().get(i));
            applications.saveStep(id, steps.get(i), values.get(i), ORIGIN);
            if (i + 1 < a.visits()) { // the next page of the form, seen again by the collector
                device = device.drifted(drift);
                String again = observe(device);
                observation = again == null ? observation : again;
            }
        }
        long submitted = System.nanoTime();
        applications.submit(id, observation, ORIGIN);
        pause(a.afterSubmit().get(0));
        Application pending = applications.startIdentity(id);
        if (!identityAtTheVendor(a, pending.identity().continueUrl())) {
            return ended(a, id, "the sandbox vendor did not take the result");
        }
        // Back from the vendor on the application's identity page, which takes the application as far as it goes.
        Application decided = decided(id, true);
        return paid(a, decided, submitted);
    }

    private Outcome viaPartner(SimulatedApplicant a) throws Stopped, IOException, InterruptedException {
        for (Duration step : a.formSteps()) {
            pause(step); // the partner's own form
        }
        String reference = "demo-" + run + "-" + a.index();
        Map<String, Object> applicant = new LinkedHashMap<>();
        a.aboutYou().forEach(applicant::put);
        applicant.put("employer", a.workAndMoney().get("employer"));
        applicant.put("annualIncome", Long.parseLong(a.workAndMoney().get("annualIncome")));
        applicant.put("householdSize", Integer.parseInt(a.workAndMoney().get("householdSize")));
        applicant.put("housing", a.workAndMoney().get("housing"));
        applicant.put("annualCreditRepayments", Long.parseLong(a.workAndMoney().get("annualCreditRepayments")));
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("revolving", Long.parseLong(a.limits().get("requestedRevolving")));
        limits.put("cashAdvance", Long.parseLong(a.limits().get("requestedCashAdvance")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("applicationId", reference);
        body.put("language", "ja");
        body.put("applicant", applicant);
        body.put("requestedLimits", limits);
        body.put("consentToScreening", true);
        long submitted = System.nanoTime();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/applications"))
                .header("X-Api-Key", intakeKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            return ended(a, null, "the partner API answered " + answer.statusCode());
        }
        String continueUrl = text(json.readTree(answer.body()), "continueUrl");
        if (continueUrl == null) {
            return ended(a, null, "no identity check to continue");
        }
        String verificationId = continueUrl.substring(continueUrl.lastIndexOf('/') + 1);
        // The simulator's own bookkeeping (a partner knows only its reference): the application the check is for.
        String id = verifications.find(verificationId).map(EkycVerification::subjectReference).orElse(null);
        pause(a.afterSubmit().get(0));
        if (!identityAtTheVendor(a, continueUrl)) {
            return ended(a, id, "the sandbox vendor did not take the result");
        }
        // The partner reads the application until it is decided; issued, it hands the applicant the setup link.
        JsonNode read = null;
        long until = System.nanoTime() + DECISION_WAIT.toNanos();
        while (System.nanoTime() < until) {
            HttpResponse<String> got = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/applications/" + reference))
                    .header("X-Api-Key", intakeKey).GET().build(), HttpResponse.BodyHandlers.ofString());
            read = got.statusCode() == 200 ? json.readTree(got.body()) : null;
            if (read != null && !UNDECIDED.contains(ApplicationStatus.valueOf(text(read, "status")))) {
                break;
            }
            pause(Duration.ofMillis(100));
        }
        String setup = read == null ? null : text(read, "setupUrl");
        Application decided = setup != null
                ? applications.linkTarget(setup.substring(setup.lastIndexOf('/') + 1)).orElse(null)
                : id == null ? null : applications.find(id).orElse(null);
        if (decided == null) {
            return ended(a, id, "no decision to read");
        }
        if (setup != null) {
            String failure = setUp(a, decided, setup);
            if (failure != null) {
                return ended(a, decided.id(), failure);
            }
        }
        return paid(a, decided, submitted);
    }

    /**
     * The applicant opens the partner's setup link: the check (date of birth, the phone's last four digits), then
     * the one-time code it sent to their own contact, read from their sandbox inbox. Null when the link took them
     * to their application, else what went wrong.
     */
    private String setUp(SimulatedApplicant a, Application application, String setup)
            throws Stopped, IOException, InterruptedException {
        URI link = base.resolve(setup);
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(link).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String session = session(page);
        Matcher csrf = CSRF.matcher(page.body());
        if (page.statusCode() != 200 || session == null || !csrf.find()) {
            return "the setup link answered " + page.statusCode();
        }
        String token = "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        String phone = a.aboutYou().get("phone").replaceAll("[^0-9]", "");
        HttpResponse<Void> checked = http.send(HttpRequest.newBuilder(link).header("Cookie", session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("dateOfBirth=" + a.aboutYou().get("dateOfBirth")
                        + "&phoneLastFour=" + phone.substring(phone.length() - 4) + token)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (checked.statusCode() != 302) {
            return "the setup link's check answered " + checked.statusCode();
        }
        List<CardholderNotice> codes = inbox.apply(application.customerId()).stream()
                .filter(n -> n.id().startsWith("onboarding-code:" + application.id() + "#")).toList();
        if (codes.isEmpty() || codes.get(codes.size() - 1).secrets().isEmpty()) {
            return "no code in the applicant's sandbox inbox";
        }
        String code = codes.get(codes.size() - 1).secrets().get(0);
        HttpResponse<Void> typed = http.send(HttpRequest.newBuilder(URI.create(link + "/code"))
                .header("Cookie", session).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("code=" + code + token)).build(),
                HttpResponse.BodyHandlers.discarding());
        return typed.statusCode() == 302 ? null : "the setup link's code answered " + typed.statusCode();
    }

    /** At the sandbox vendor: the method page, the capture page, and the capture sent with its CSRF token. */
    private boolean identityAtTheVendor(SimulatedApplicant a, String continueUrl)
            throws Stopped, IOException, InterruptedException {
        URI start = base.resolve(continueUrl);
        HttpResponse<String> method = http.send(HttpRequest.newBuilder(start).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String session = session(method);
        pause(a.afterSubmit().get(1));
        URI capture = URI.create(start + "/capture");
        HttpRequest.Builder page = HttpRequest.newBuilder(URI.create(capture + "?method=" + a.ekycMethod())).GET();
        if (session != null) {
            page.header("Cookie", session);
        }
        HttpResponse<String> form = http.send(page.build(), HttpResponse.BodyHandlers.ofString());
        session = Optional.ofNullable(session(form)).orElse(session);
        Matcher csrf = CSRF.matcher(form.body());
        if (form.statusCode() != 200 || !csrf.find()) {
            return false;
        }
        pause(a.afterSubmit().get(2));
        HttpRequest.Builder send = HttpRequest.newBuilder(capture)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("method=" + a.ekycMethod() + "&scenario=" + a.ekycScenario()
                        + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)));
        if (session != null) {
            send.header("Cookie", session);
        }
        // The vendor answers by sending the applicant back (302) once the signed result reached the webhook.
        return http.send(send.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 302;
    }

    /**
     * The application once decided. The conclusion of the identity check reaches onboarding as an event and
     * is taken on in the background; the applicant's return to the identity page takes it on too, if it has not
     * moved by then (both are idempotent; waiting first keeps them from racing).
     */
    private Application decided(String id, boolean returnsToThePage) throws Stopped {
        long returnAt = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        long until = System.nanoTime() + DECISION_WAIT.toNanos();
        boolean returned = false;
        Application application = applications.find(id).orElseThrow();
        while (UNDECIDED.contains(application.status()) && System.nanoTime() < until) {
            if (returnsToThePage && !returned && System.nanoTime() > returnAt) {
                returned = true;
                application = applications.progress(id);
                continue;
            }
            pause(Duration.ofMillis(50));
            application = applications.find(id).orElseThrow();
        }
        return application;
    }

    /** Issued: the new cardholder sees the card once, then pays with it; the times are taken here. */
    private Outcome paid(SimulatedApplicant a, Application application, long submitted)
            throws Stopped, IOException, InterruptedException {
        List<RiskReason> reasons = application.decision() == null ? List.of() : application.decision().reasons();
        ApplicationOutcome outcome = application.decision() == null ? null : application.decision().outcome();
        if (application.status() != ApplicationStatus.ISSUED) {
            return new Outcome(a, application.id(), application.status(), outcome, reasons, null, null,
                    UNDECIDED.contains(application.status()) ? "not decided within " + DECISION_WAIT.toSeconds() + " s"
                            : null);
        }
        pause(a.afterSubmit().get(3));
        // The portal shows the new card once to its cardholder (docs/onboarding.md); the demo's applicant is
        // taken as signed in (setting up the portal's password and authenticator is not simulated).
        Optional<Applications.CardDetails> card = applications.revealCard(application.id(),
                Actor.cardholder(application.customerId(), ORIGIN));
        if (card.isEmpty()) {
            return new Outcome(a, application.id(), application.status(), outcome, reasons, null, null,
                    "the card could not be shown");
        }
        // Paying online from the applicant's browser (or the ring's phone): the shop's 3DS page posts the
        // collector's observation, and the authorization names it.
        String observation = observe(a.paysFrom());
        String authorizationId = "demo-apply-" + run + "-" + a.index();
        String body = cardNotPresent(authorizationId, card.get().number(), a, observation);
        HttpResponse<String> scored = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/authorizations"))
                .header("X-Api-Key", scorerKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (scored.statusCode() != 200) {
            return new Outcome(a, application.id(), application.status(), outcome, reasons, null, null,
                    "the first payment was answered " + scored.statusCode());
        }
        Duration toCard = Duration.ofNanos(System.nanoTime() - submitted);
        return new Outcome(a, application.id(), application.status(), outcome, reasons, toCard, a.thinkAfterSubmit(),
                null, payment(a, application, authorizationId, observation != null, json.readTree(scored.body())));
    }

    /**
     * The authorization of an online purchase (card not present, e-commerce entry) from this browser, as a 3DS
     * browser channel sends it: the browser's own fields, and the observation's reference when there is one.
     */
    private String cardNotPresent(String authorizationId, String pan, SimulatedApplicant a, String observation) {
        ObjectNode body = (ObjectNode) json.readTree(DemoTraffic.authorizationJson(authorizationId, pan,
                Integer.toString(1_000 + Math.floorMod(a.index() * 31, 900)), 1_000 + (a.index() % 50) * 100L,
                clock.instant()));
        body.put("posEntryMode", "81");
        body.put("cardPresent", false);
        SimulatedDevice browser = a.paysFrom();
        ObjectNode device = body.putObject("device");
        device.put("channel", "02");
        device.put("userAgent", browser.userAgent());
        device.put("language", browser.languages().get(0));
        device.put("timezoneOffset", browser.timezoneOffset());
        device.put("screenWidth", browser.screenWidth());
        device.put("screenHeight", browser.screenHeight());
        if (observation != null) {
            device.put("observation", observation);
        }
        return json.writeValueAsString(body);
    }

    /**
     * What the decision knew of the payment's browser: the stored decision's device (not recognised when it is
     * not indexed within {@link #INDEX_WAIT}), the answer's device reasons.
     */
    private Payment payment(SimulatedApplicant a, Application application, String authorizationId, boolean observed,
            JsonNode answer) throws Stopped {
        List<String> deviceReasons = new ArrayList<>();
        JsonNode reasons = answer.get("reasons");
        if (reasons != null) {
            for (JsonNode reason : reasons) {
                if ("DEVICE".equals(text(reason, "kind"))) {
                    deviceReasons.add(text(reason, "code"));
                }
            }
        }
        // The decision is answered once logged; the database indexes it a moment later.
        Optional<StoredDecision> stored = decisions.find(authorizationId);
        for (long until = System.nanoTime() + INDEX_WAIT.toNanos(); stored.isEmpty() && System.nanoTime() < until; ) {
            pause(Duration.ofMillis(50));
            stored = decisions.find(authorizationId);
        }
        DeviceData device = stored.map(d -> d.authorization().device()).orElse(null);
        boolean recognised = device != null && device.anshin() != null;
        String applied = application.device() == null ? null : application.device().deviceId();
        Boolean same = applied == null || !a.paysFromOwnBrowser() ? null
                : recognised && applied.equals(device.deviceId());
        return new Payment(authorizationId, a.paysFromOwnBrowser(), observed, recognised, same, deviceReasons);
    }

    private Outcome ended(SimulatedApplicant a, String id, String failure) {
        Application application = id == null ? null : applications.find(id).orElse(null);
        return application == null ? new Outcome(a, id, null, null, List.of(), null, null, failure)
                : new Outcome(a, id, application.status(), application.decision() == null ? null
                        : application.decision().outcome(), application.decision() == null ? List.of()
                        : application.decision().reasons(), null, null, failure);
    }

    /** One visit's observation, posted as the collector script posts it; its reference, or null if refused. */
    private String observe(SimulatedDevice device) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/device/observations"))
                .header("Content-Type", "application/json").header("User-Agent", device.userAgent())
                .header("Accept-Language", device.acceptLanguage()).header("Origin", origin())
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(device.observation()))).build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 201 ? text(json.readTree(answer.body()), "observation") : null;
    }

    private String origin() {
        return base.getScheme() + "://" + base.getHost() + ":" + base.getPort();
    }

    private void pause(Duration duration) throws Stopped {
        if (!pauses.pause(duration)) {
            throw new Stopped();
        }
    }

    private static String session(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst().orElse(null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
