package dev.anshin.demo;

import dev.anshin.access.ApiClients;
import dev.anshin.access.RandomPasswords;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.disputes.Disputes;
import dev.anshin.ekyc.EkycVerifications;
import dev.anshin.fraud.DecisionRules;
import dev.anshin.fraud.Decisions;
import dev.anshin.fraud.ModelTraining;
import dev.anshin.handbook.HandbookSimulator;
import dev.anshin.handbook.HandbookTransaction;
import dev.anshin.handbook.Simulation;
import dev.anshin.handbook.SimulatorParameters;
import dev.anshin.handbook.TerminalProfile;
import dev.anshin.keys.OwnerOnlyFiles;
import dev.anshin.notifications.CardholderNotice;
import dev.anshin.notifications.SandboxInboxes;
import dev.anshin.notifications.SandboxNotificationSender;
import dev.anshin.onboarding.Applications;
import dev.anshin.portal.PortalAccounts;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.DataSubjectRequests;
import dev.anshin.privacy.PartnerItemKind;
import dev.anshin.privacy.PartnerProviders;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.Purpose;
import dev.anshin.privacy.Recipients;
import dev.anshin.privacy.RegisteredWithOtherValues;
import dev.anshin.support.SupportBookings;
import dev.anshin.voice.VoiceIntake;
import dev.anshin.voice.imports.VoiceImports;
import dev.anshin.voice.review.Countermeasures;
import dev.anshin.voice.review.MonthlyReviews;
import dev.anshin.voice.workbench.VoiceQueues;
import dev.anshin.voice.workbench.VoiceRoutes;
import dev.anshin.problems.IntervalLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Brings a fresh server to life for a demo: simulated cardholders (the Handbook's simulator),
 * weeks of history sent through the real scoring API in time order with their fraud labels, a
 * first model trained and activated when none is active, then a live stream of authorizations at
 * {@code anshin.demo.rate} per second whose frauds are reported shortly after they happen.
 *
 * <p>Everything goes through the public HTTP API with an API key of its own, exactly as an issuer's
 * systems would, so the demo exercises the same path as production traffic.
 */
@Component
@ConditionalOnProperty(name = "anshin.demo.enabled", havingValue = "true")
class DemoRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);
    /**
     * The simulated traffic's refusals (429 under overload, 503 while the database is away) come in
     * floods: one line per ten seconds with their number, never one per request.
     */
    private static final IntervalLog notAccepted = new IntervalLog(log, Duration.ofSeconds(10),
            "demo: {} simulated requests not accepted since the last line (the latest: {})");
    private static final Duration HISTORY_LABEL_DELAY = Duration.ofDays(7);
    private static final int HISTORY_SENDERS = 4;
    private static final int HISTORY_CHUNK = 200;
    private static final String DEMO_CARDHOLDER = "hanako-demo";

    /** The demo points partner's provider id and the name of its API client (README: "Data from a partner"). */
    static final String DEMO_PROVIDER = "demo-points";
    static final String DEMO_PARTNER_CLIENT = "demo-partner-data";

    private final DemoProperties properties;
    private final Cards cards;
    private final PersonalData personalData;
    private final PortalAccounts portalAccounts;
    private final ApiClients apiClients;
    private final ModelTraining training;
    private final DecisionRules decisionRules;
    private final Decisions decisions;
    private final Disputes disputes;
    private final SupportBookings supportBookings;
    private final DataSubjectRequests dataSubjectRequests;
    private final Applications applications;
    private final PartnerProviders partnerProviders;
    private final Recipients recipients;
    private final EkycVerifications verifications;
    private final JsonMapper json;
    private final DemoBanner banner;
    private final Clock clock;
    private final Path dataDir;
    private final ObjectProvider<SandboxNotificationSender> sandboxNotices;
    private final SandboxInboxes inboxes;
    private final String ekycProvider;
    private final String bureau;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final DemoSchedule labelsLater = new DemoSchedule("demo-labels");
    /**
     * The statistics staff, the points partner, the provisions and the travellers' shopping: their own thread,
     * as a preview reads every purchase and would hold up the cardholders' reports.
     */
    private final DemoSchedule dataWork = new DemoSchedule("demo-data-work");
    /** The voice of the customer: its history first, then the customers, the surges and the CX staff. */
    private final DemoSchedule voiceWork = new DemoSchedule("demo-voices");
    private final VoiceIntake voiceIntake;
    private final VoiceQueues voiceQueues;
    private final VoiceRoutes voiceRoutes;
    private final Countermeasures countermeasures;
    private final MonthlyReviews monthlyReviews;
    private final VoiceImports voiceImports;
    private volatile DemoVoices voices;
    private volatile boolean running = true;
    private final List<String> customers = new ArrayList<>();
    private volatile DemoDisputes reports;
    private volatile DemoApplications applicants;
    private volatile DemoStatistics statistics;
    private volatile DemoPartnerReceipts partnerReceipts;
    private volatile DemoProvisions provisions;
    private final AtomicInteger travellerPurchases = new AtomicInteger();
    private URI base;
    private String apiKey;

    DemoRunner(DemoProperties properties, Cards cards, PersonalData personalData, PortalAccounts portalAccounts,
            ApiClients apiClients, ModelTraining training, DecisionRules decisionRules,
            Decisions decisions, Disputes disputes, SupportBookings supportBookings,
            DataSubjectRequests dataSubjectRequests, Applications applications, EkycVerifications verifications,
            JsonMapper json, DemoBanner banner, Clock clock, @Value("${anshin.data-dir}") Path dataDir,
            ObjectProvider<SandboxNotificationSender> sandboxNotices, SandboxInboxes inboxes,
            @Value("${anshin.ekyc.provider:}") String ekycProvider, @Value("${anshin.screening.bureau:}") String bureau,
            PartnerProviders partnerProviders, Recipients recipients, VoiceIntake voiceIntake, VoiceQueues voiceQueues,
            VoiceRoutes voiceRoutes, Countermeasures countermeasures, MonthlyReviews monthlyReviews,
            VoiceImports voiceImports) {
        this.voiceIntake = voiceIntake;
        this.voiceQueues = voiceQueues;
        this.voiceRoutes = voiceRoutes;
        this.countermeasures = countermeasures;
        this.monthlyReviews = monthlyReviews;
        this.voiceImports = voiceImports;
        this.partnerProviders = partnerProviders;
        this.recipients = recipients;
        this.applications = applications;
        this.verifications = verifications;
        this.supportBookings = supportBookings;
        this.properties = properties;
        this.cards = cards;
        this.personalData = personalData;
        this.portalAccounts = portalAccounts;
        this.apiClients = apiClients;
        this.training = training;
        this.decisionRules = decisionRules;
        this.decisions = decisions;
        this.disputes = disputes;
        this.dataSubjectRequests = dataSubjectRequests;
        this.json = json;
        this.banner = banner;
        this.clock = clock;
        this.dataDir = dataDir;
        this.sandboxNotices = sandboxNotices;
        this.inboxes = inboxes;
        this.ekycProvider = ekycProvider;
        this.bureau = bureau;
    }

    /** What the sandbox sender "delivered" to the customer (nothing when notices go elsewhere). */
    private List<CardholderNotice> sandboxInbox(String customerId) {
        SandboxNotificationSender sandbox = inboxes.open() ? sandboxNotices.getIfAvailable() : null;
        return sandbox == null ? List.of() : sandbox.noticesTo(customerId);
    }

    /** The stand-ins this demo runs with, as the banner names them. */
    private List<String> sandboxes() {
        List<String> on = new ArrayList<>();
        if ("sandbox".equals(ekycProvider)) {
            on.add("eKYC");
        }
        if ("sandbox".equals(bureau)) {
            on.add("credit bureau");
        }
        if (inboxes.open()) {
            on.add("notices");
        }
        return on;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        int port = ((WebServerApplicationContext) event.getApplicationContext()).getWebServer().getPort();
        base = URI.create("http://127.0.0.1:" + port);
        Thread demo = new Thread(() -> {
            try {
                run(port);
            } catch (Exception e) {
                log.error("The demo stopped: {}", e.toString());
            }
        }, "demo");
        demo.setDaemon(true);
        demo.start();
    }

    private void run(int port) throws IOException, InterruptedException {
        apiKey = apiClients.replace("demo-traffic", EnumSet.of(Role.SCORER, Role.LABELER));
        LocalDate start = anchorDate();
        SimulatorParameters parameters = new SimulatorParameters(properties.cards(), properties.terminals(),
                properties.historyDays() + 60, start, 5.0, properties.seed());
        Simulation simulation = new HandbookSimulator(parameters).run(line -> log.info("demo simulator: {}", line));
        // Each simulated cardholder is a customer with made-up personal data, held only encrypted in
        // the privacy module's vault, and owns one card whose number is held only in the PAN vault.
        Actor registrar = new Actor("demo", EnumSet.of(Role.CUSTOMER_SERVICE), "demo");
        DemoPeople people = new DemoPeople(properties.seed());
        String firstCustomer = null;
        for (int i = 0; i < simulation.customers().size(); i++) {
            String customer;
            try {
                customer = personalData.register(registrar, people.customerNumber(i), people.person(i)).customerId();
            } catch (RegisteredWithOtherValues corrected) {
                customer = corrected.customerId(); // corrected since an earlier run (a portal request): keep it
            }
            cards.register(DemoCards.pan(i), customer);
            customers.add(customer);
            firstCustomer = i == 0 ? customer : firstCustomer;
        }
        log.info("demo: {} customers and their cards registered", simulation.customers().size());
        DemoTravellers travellers = new DemoTravellers(Math.max(0, properties.inboundTravellers()), properties.seed());
        for (int i = 0; i < travellers.count(); i++) {
            String customer;
            try {
                customer = personalData.register(registrar, travellers.customerNumber(i), travellers.person(i))
                        .customerId();
            } catch (RegisteredWithOtherValues corrected) {
                customer = corrected.customerId();
            }
            cards.register(DemoTravellers.pan(i), customer);
        }
        if (travellers.count() > 0) {
            log.info("demo: {} inbound travellers (cards issued abroad) registered", travellers.count());
        }
        // The first demo customer can sign in to the portal; a new password and authenticator key
        // each start, shown in the banner (their own account, never a staff account).
        String cardholderPassword = RandomPasswords.of(16);
        String authenticatorKey = portalAccounts.enrollForDemo(firstCustomer, DEMO_CARDHOLDER, cardholderPassword);

        Instant now = clock.instant();
        List<HandbookTransaction> all = simulation.transactions();
        int split = 0;
        while (split < all.size() && at(all.get(split)).isBefore(now)) {
            split++;
        }
        int stored = storedPrefix(all.subList(0, split));
        if (stored > 0) {
            log.info("demo: {} historical authorizations already stored, resuming after them", stored);
        }
        sendHistory(all.subList(0, split), stored);

        if (!training.hasActiveModel()) {
            Instant from = start.atStartOfDay().toInstant(ZoneOffset.UTC).plus(HISTORY_LABEL_DELAY);
            Instant to = now.minus(HISTORY_LABEL_DELAY);
            log.info("demo: training a first model on {} .. {}", from, to);
            try {
                training.train(from, to, "demo");
            } catch (RuntimeException e) {
                // The live stream is worth showing even then: decisions come from the rules alone.
                log.warn("demo: no first model ({}); scoring with rules only until one is trained", e.getMessage());
            }
        }
        DemoRules.ensure(http, base, apiClients, decisionRules);
        // Keys of the roles the README's examples need beyond the start-up key (ANSHIN_API_KEY, from
        // access): made anew each start, earlier ones revoked, shown in the banner. Customer service's
        // also files the simulated cardholders' reports (the traffic key only scores and labels).
        String supportKey = apiClients.replace("demo-customer-service", EnumSet.of(Role.CUSTOMER_SERVICE));
        String privacyKey = apiClients.replace("demo-privacy-officer", EnumSet.of(Role.PRIVACY_OFFICER));
        String backupKey = apiClients.replace("demo-backup-operator", EnumSet.of(Role.BACKUP_OPERATOR));
        // A partner channel's key for online card applications (docs/onboarding.md).
        String intakeKey = apiClients.replace("demo-application-intake", EnumSet.of(Role.APPLICATION_INTAKE));
        // A points partner's key for the data it provides (README: "Data from a partner"), and the
        // partner registered as a provider that key sends for.
        String partnerKey = apiClients.replace(DEMO_PARTNER_CLIENT, EnumSet.of(Role.PARTNER_DATA));
        registerDemoProvider();
        // A partner's key for published statistics (docs/statistics.md): reads what is published, nothing else.
        String statisticsKey = apiClients.replace("demo-statistics-reader", EnumSet.of(Role.STATISTICS_READER));
        // Cardholders report what they do not recognize through customer service's API, with a key
        // of that role only (the traffic key scores and labels).
        reports = new DemoDisputes(disputes, json, base, supportKey);
        // After a restart, cardholders whose cards were replaced in an earlier run use their newest card.
        for (int i = 0; i < customers.size(); i++) {
            String token = cards.resolve(null, DemoCards.pan(i), "pan").token();
            String newest = token;
            for (Optional<Card> next = cards.replacementOf(newest); next.isPresent();
                    next = cards.replacementOf(newest)) {
                newest = next.get().token();
            }
            if (!newest.equals(token)) {
                reports.useCard(i, newest);
            }
        }
        labelsLater.every(reports::follow, 1, 1);
        labelsLater.every(reports::summarize, 60, 60);
        // The other cardholders book, move and cancel support-window slots, so customer service has work.
        DemoSupportWindow support = new DemoSupportWindow(supportBookings,
                List.copyOf(customers.subList(1, customers.size())), properties.seed(), clock);
        labelsLater.every(support::act, 2, 20);
        // The cardholders also ask about their own data now and then, so the privacy officer's queue
        // always has requests to answer (and customer service callers to tell where theirs stand).
        DemoRequests asking = new DemoRequests(dataSubjectRequests, people, customers, properties.seed(),
                Long.toString(clock.millis(), 36));
        labelsLater.every(asking::fileSome, 5, 60);
        List<String> terminals = simulation.terminals().stream().map(TerminalProfile::terminalId).toList();
        String run = Long.toString(clock.millis(), 36);
        startDataWork(travellers, terminals, start, people, partnerKey, privacyKey, statisticsKey, run);
        startVoices(people, run);
        // Last, below the set-up's logs; then again now and then, as the live stream's logs scroll it away.
        banner.show(new DemoBanner.Running(port, properties.rate(), DEMO_CARDHOLDER, cardholderPassword,
                authenticatorKey, firstCustomer, masked(DemoCards.pan(0)), supportKey, privacyKey, backupKey,
                intakeKey, partnerKey, sandboxes(), inboxes.open(), statisticsKey));
        labelsLater.every(banner::showAgainIfDue, 1, 1);
        startApplicants(Long.toString(clock.millis(), 36));
        streamLive(all.subList(split, all.size()));
    }

    /**
     * The voice of the customer (docs/voice.md): a month of history at the first start, then simulated customers
     * through every channel (the call center's and stores' systems with a key of their own, CUSTOMER_SERVICE), a
     * fraud-complaint surge now and then, a call-center export, and the CX staff's corrections and countermeasures.
     */
    private void startVoices(DemoPeople people, String run) {
        String voiceKey = apiClients.replace(DemoVoices.CLIENT, EnumSet.of(Role.CUSTOMER_SERVICE));
        voices = new DemoVoices(voiceIntake, voiceQueues, voiceRoutes, countermeasures, monthlyReviews, voiceImports,
                new DemoApi(base), json, voiceKey, List.copyOf(customers.subList(1, customers.size())), people,
                properties, clock, run);
        voiceWork.later(voices::backfill, 0);
        voiceWork.later(voices::followUp, 1);
        voiceWork.every(voices::followUp, Duration.ofHours(6).toSeconds(), Duration.ofHours(6).toSeconds());
        if (positive(properties.voiceEvery())) {
            voiceWork.every(voices::act, 2, Math.max(1, properties.voiceEvery().toSeconds()));
        }
        if (positive(properties.voiceSurgeEvery())) {
            voiceWork.every(voices::surge, Math.max(1, properties.voiceSurgeFirst().toSeconds()),
                    Math.max(1, properties.voiceSurgeEvery().toSeconds()));
        }
        if (positive(properties.voiceImportEvery())) {
            voiceWork.every(voices::importExport, 3, Math.max(1, properties.voiceImportEvery().toSeconds()));
        }
        voiceWork.every(voices::summarize, 60, 60);
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isZero() && !d.isNegative();
    }

    /** The voice of the customer's simulated customers and staff, once started (for the demo's test). */
    Optional<DemoVoices> voices() {
        return Optional.ofNullable(voices);
    }

    /**
     * What the statistics, the partner data and the provisions need and the other simulated people do not
     * do: the reference data statistics count by (each demo terminal's merchant in a prefecture, the BINs'
     * countries), the travellers' purchases since the demo's first day, then rounds of the statistics staff
     * and partner (every {@code anshin.demo.statistics-every}), the points partner's receipts (every two) and a provision to approve
     * (every ten), the travellers shopping now and then, and one log line a minute.
     */
    private void startDataWork(DemoTravellers travellers, List<String> terminals, LocalDate start, DemoPeople people,
            String partnerKey, String privacyKey, String statisticsKey, String run) {
        DemoApi api = new DemoApi(base);
        putReferenceData(api, terminals);
        String analystKey = apiClients.replace("demo-statistics-analyst", EnumSet.of(Role.ANALYST));
        statistics = new DemoStatistics(api, json, analystKey, privacyKey, statisticsKey, YearMonth.from(start), clock);
        partnerReceipts = new DemoPartnerReceipts(api, partnerKey, people, customers.size(), properties.seed(), run,
                clock);
        provisions = DemoProvisions.setUp(recipients, personalData, customers, api, json, privacyKey,
                properties.seed(), run).orElse(null);
        if (travellers.count() > 0) {
            // First, so the first statistics include them (one thread: the rounds wait for it).
            dataWork.later(() -> sendTravellersHistory(travellers, terminals, start), 0);
            SplittableRandom random = new SplittableRandom(properties.seed() ^ clock.millis());
            dataWork.every(() -> {
                DemoTravellers.Purchase p = travellers.now(random, clock.instant(), run,
                        travellerPurchases.incrementAndGet(), terminals);
                post("/api/v1/authorizations", DemoTraffic.authorizationJson(p.authorizationId(),
                        DemoTravellers.pan(p.traveller()), p.terminalId(), p.yen(), p.at()));
            }, 30, 30);
        }
        dataWork.every(statistics::act, 1, Math.max(1, properties.statisticsEvery().toSeconds()));
        dataWork.every(partnerReceipts::act, 2, 120);
        if (provisions != null) {
            dataWork.every(provisions::act, 3, 600);
        }
        dataWork.every(() -> {
            statistics.summarize();
            partnerReceipts.summarize();
            if (provisions != null) {
                provisions.summarize();
            }
        }, 60, 60);
    }

    /**
     * The merchant directory and the BIN table, as an administrator keeps them, with an ADMIN key made for it
     * and disabled when done: each demo terminal's merchant in a prefecture (most in the big cities, a few far
     * away, stable per terminal), the demo's own BIN in Japan and the travellers' abroad. The same on every
     * start (a replace of the same values).
     */
    private void putReferenceData(DemoApi api, List<String> terminals) {
        String client = "demo-reference-data";
        String key = apiClients.replace(client, EnumSet.of(Role.ADMIN), DemoRules.KEY_LIFETIME);
        try {
            DemoApi.Answer m = null;
            // In parts, as a body has a size limit.
            for (int from = 0; from < terminals.size() && (m == null || m.ok()); from += MERCHANTS_PER_CALL) {
                String merchants = terminals.subList(from, Math.min(terminals.size(), from + MERCHANTS_PER_CALL))
                        .stream().map(t -> String.format(Locale.ROOT,
                                "{\"merchantId\":\"M%s\",\"prefecture\":\"%s\"}", t, prefecture(t)))
                        .collect(Collectors.joining(",", "{\"merchants\":[", "]}"));
                m = api.put("/api/v1/statistics/merchant-directory", key, merchants);
            }
            String bins = DemoTravellers.binCountries().entrySet().stream().map(e -> String.format(Locale.ROOT,
                            "{\"binPrefix\":\"%s\",\"country\":\"%s\"}", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(",", "{\"bins\":[", "]}"));
            DemoApi.Answer b = api.put("/api/v1/statistics/bin-countries", key, bins);
            if ((m == null || m.ok()) && b.ok()) {
                log.info("demo: merchant directory ({} merchants) and BIN table ({} BINs) kept for statistics",
                        terminals.size(), DemoTravellers.binCountries().size());
            } else {
                log.warn("demo: the statistics reference data was refused ({}, {})", m == null ? 0 : m.status(),
                        b.status());
            }
        } finally {
            apiClients.disableNamed(client);
        }
    }

    private static final int MERCHANTS_PER_CALL = 500;

    /** Prefectures of the demo's merchants, weighted: Tokyo most, then the other big cities, a few elsewhere. */
    private static final String[] PREFECTURES = {"13", "13", "13", "13", "13", "14", "14", "11", "12", "27", "27",
            "27", "26", "28", "23", "23", "22", "40", "40", "01", "04", "34", "37", "47"};

    static String prefecture(String terminalId) {
        return PREFECTURES[Math.floorMod(terminalId.hashCode() * 31 + 7, PREFECTURES.length)];
    }

    /** The travellers' purchases from the demo's first day until now, through the scoring API (ids fixed: a retry). */
    private void sendTravellersHistory(DemoTravellers travellers, List<String> terminals, LocalDate start) {
        List<DemoTravellers.Purchase> purchases = travellers.purchases(start, LocalDate.now(clock.withZone(
                ZoneOffset.UTC)), clock.instant(), terminals);
        int sent = 0;
        int failed = 0;
        for (DemoTravellers.Purchase p : purchases) {
            if (!running) {
                return;
            }
            if (decisions.find(p.authorizationId()).isPresent()) {
                continue; // stored by an earlier run
            }
            sent++;
            if (!post("/api/v1/authorizations", DemoTraffic.authorizationJson(p.authorizationId(),
                    DemoTravellers.pan(p.traveller()), p.terminalId(), p.yen(), p.at()))) {
                failed++;
            }
        }
        log.info("demo: travellers' history sent ({} purchases, {} of them new, {} failed)", purchases.size(), sent,
                failed);
    }

    /** The demo's points partner, as a privacy officer registers it (the same entry every start: a retry). */
    private void registerDemoProvider() {
        Actor officer = new Actor("demo", EnumSet.of(Role.PRIVACY_OFFICER), "demo");
        try {
            partnerProviders.register(officer, new PartnerProviders.NewProvider(DEMO_PROVIDER, "さくらポイント株式会社",
                    "Sakura Points Co., Ltd.", "東京都千代田区丸の内1-1-1", "代表取締役 桜井 一郎",
                    EnumSet.of(PartnerItemKind.PURCHASES, PartnerItemKind.POINTS), Purpose.MARKETING,
                    DEMO_PARTNER_CLIENT));
        } catch (RuntimeException e) {
            log.warn("demo: the demo points partner could not be registered: {}", e.getMessage());
        }
    }

    /**
     * People applying for a card online, arriving continuously (docs/benchmarks.md, "Online applications on
     * the demo"): through the pages' calls and the partner API with a key of that role only
     * (APPLICATION_INTAKE), eKYC at the sandbox vendor over HTTP, and a first payment with each new card
     * through the scoring API with the traffic key.
     */
    private void startApplicants(String run) {
        if (properties.applicantsPerMinute() <= 0) {
            return;
        }
        String intakeKey = apiClients.replace("demo-applications", EnumSet.of(Role.APPLICATION_INTAKE));
        DemoApplicants simulator = new DemoApplicants(properties.seed() ^ clock.millis(),
                properties.applicantThinkScale());
        applicants = new DemoApplications(simulator, pauses -> new ApplicantJourney(applications, verifications,
                decisions, http, json, base, intakeKey, apiKey, run, clock, pauses, this::sandboxInbox),
                new ApplicantTally());
        applicants.start(properties.applicantsPerMinute());
    }

    /** The statistics staff's and partners' simulators, once started (for the demo's test). */
    Optional<DemoStatistics> statistics() {
        return Optional.ofNullable(statistics);
    }

    Optional<DemoPartnerReceipts> partnerReceipts() {
        return Optional.ofNullable(partnerReceipts);
    }

    Optional<DemoProvisions> provisions() {
        return Optional.ofNullable(provisions);
    }

    /** The applicants' decisions so far (empty before they started, or when there are none). */
    Optional<ApplicantTally> applicantTally() {
        return Optional.ofNullable(applicants).map(DemoApplications::tally);
    }

    /** A card number as it may be printed: BIN and last 4 (the README names the demo card in full). */
    private static String masked(String pan) {
        return pan.substring(0, 6) + "*".repeat(pan.length() - 10) + pan.substring(pan.length() - 4);
    }

    /** The first day of the demo's history, fixed on first run so restarts replay identical requests. */
    private LocalDate anchorDate() throws IOException {
        Path file = dataDir.resolve("demo.properties");
        Properties saved = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                saved.load(in);
            }
            return LocalDate.parse(saved.getProperty("start"));
        }
        LocalDate start = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(properties.historyDays());
        saved.setProperty("start", start.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        saved.store(out, "Anshin demo anchor");
        OwnerOnlyFiles.write(file, out.toByteArray());
        return start;
    }

    /**
     * Sends the history in time order; each fraud is reported seven days after it happened (the
     * Handbook's label delay), so every request sees only labels known at its time. Requests go out
     * in chunks: within a chunk, {@value #HISTORY_SENDERS} senders work in parallel, each card's
     * transactions staying in order on one sender; chunks follow each other, which bounds how far
     * apart in time concurrent requests can be. A restart
     * that finds the whole history stored skips it; one cut short resends it, and what was stored
     * comes back from the idempotency check.
     */
    private void sendHistory(List<HandbookTransaction> all, int resumeAt) throws InterruptedException {
        List<HandbookTransaction> history = all.subList(resumeAt, all.size());
        log.info("demo: sending {} historical authorizations through the scoring API", history.size());
        ArrayDeque<HandbookTransaction> pendingLabels = new ArrayDeque<>();
        if (!history.isEmpty()) {
            // Frauds stored by an earlier run whose labels were not due yet when it stopped.
            Instant resumed = at(history.get(0));
            all.subList(0, resumeAt).stream()
                    .filter(t -> t.fraud() && !at(t).plus(HISTORY_LABEL_DELAY).isBefore(resumed))
                    .forEach(pendingLabels::add);
        }
        AtomicInteger failed = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(HISTORY_SENDERS);
        try {
            for (int from = 0; from < history.size() && running; from += HISTORY_CHUNK) {
                List<HandbookTransaction> chunk = history.subList(from, Math.min(history.size(), from + HISTORY_CHUNK));
                Instant chunkStart = at(chunk.get(0));
                while (!pendingLabels.isEmpty()
                        && !at(pendingLabels.peek()).plus(HISTORY_LABEL_DELAY).isAfter(chunkStart)) {
                    HandbookTransaction fraud = pendingLabels.poll();
                    post("/api/v1/fraud-labels", DemoTraffic.labelJson(historyId(fraud), true,
                            at(fraud).plus(HISTORY_LABEL_DELAY)));
                }
                List<List<HandbookTransaction>> byCard = new ArrayList<>();
                for (int i = 0; i < HISTORY_SENDERS; i++) {
                    byCard.add(new ArrayList<>());
                }
                for (HandbookTransaction t : chunk) {
                    byCard.get(Math.floorMod(t.customerId().hashCode(), HISTORY_SENDERS)).add(t);
                    if (t.fraud()) {
                        pendingLabels.add(t);
                    }
                }
                List<Callable<Void>> work = new ArrayList<>();
                for (List<HandbookTransaction> card : byCard) {
                    work.add(() -> {
                        for (HandbookTransaction t : card) {
                            if (!post("/api/v1/authorizations", json(historyId(t), t, at(t)))) {
                                failed.incrementAndGet();
                            }
                        }
                        return null;
                    });
                }
                senders.invokeAll(work);
                int sent = from + chunk.size();
                if (sent / 2_000 != from / 2_000) {
                    log.info("demo: history {}/{} sent", sent, history.size());
                }
            }
        } finally {
            senders.shutdown();
        }
        log.info("demo: history sent ({} failed)", failed.get());
    }

    /**
     * How many of the history's first transactions a previous run already stored (binary search:
     * history is sent in time order). One chunk is left out, as chunks are sent in parallel and
     * its neighbours may be missing; sending them again is harmless.
     */
    private int storedPrefix(List<HandbookTransaction> history) {
        int low = 0;
        int high = history.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (decisions.find(historyId(history.get(mid))).isPresent()) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return Math.max(0, low - HISTORY_CHUNK);
    }

    private void streamLive(List<HandbookTransaction> future) throws InterruptedException {
        String run = Long.toString(clock.millis(), 36);
        long intervalNanos = (long) (1e9 / Math.max(0.1, properties.rate()));
        long next = System.nanoTime();
        int round = 0;
        CardholderPace demoCardholder = new CardholderPace(properties.cardholderChargesPerDay());
        while (running && !future.isEmpty()) {
            for (HandbookTransaction t : future) {
                if (!running) {
                    return;
                }
                if (Integer.parseInt(t.customerId()) == 0 && !demoCardholder.allows(clock.instant())) {
                    continue; // the portal's cardholder (card 0) shops like a person; the others stay busy
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                next += intervalNanos;
                String id = "demo-" + run + "-" + round + "-" + t.transactionId();
                int card = Integer.parseInt(t.customerId());
                String body = json(id, t, clock.instant());
                Optional<String> replacement = reports.replacementToken(card);
                if (replacement.isPresent()) {
                    // The cardholder uses the card that replaced their blocked one.
                    body = body.replace("{\"pan\":\"" + DemoCards.pan(card) + "\"}",
                            "{\"token\":\"" + replacement.get() + "\"}");
                }
                post("/api/v1/authorizations", body);
                // Frauds are reported by their cardholders, and now and then a forgotten genuine charge.
                boolean forgotten = !t.fraud() && properties.genuineReportEvery() > 0
                        && t.transactionId() % properties.genuineReportEvery() == 0;
                if (t.fraud() || forgotten) {
                    labelsLater.later(() -> reports.report(id, customers.get(card), card, t.fraud()),
                            properties.labelAfterSeconds());
                }
            }
            round++;
        }
    }

    private static String historyId(HandbookTransaction t) {
        return "demo-h-" + t.transactionId();
    }

    private static String json(String id, HandbookTransaction t, Instant at) {
        return DemoTraffic.authorizationJson(id, Integer.parseInt(t.customerId()), t.terminalId(), t.amountCents(), at);
    }

    private static Instant at(HandbookTransaction t) {
        return t.dateTime().toInstant(ZoneOffset.UTC);
    }

    private boolean post(String path, String body) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                    .header("X-Api-Key", apiKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) {
                notAccepted.record(path + " answered " + response.statusCode());
                return false;
            }
            return true;
        } catch (IOException e) {
            if (running) { // not the request in flight as shutdown began
                notAccepted.record(path + " failed: " + e);
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        }
    }

    /**
     * Stops the simulated traffic and the simulated people when shutdown begins, before the web
     * server stops: their reports due later are dropped and what runs now finishes while the server
     * still answers. Otherwise their last requests fail (a WARN each that nobody must act on) and
     * their database work meets a closing database.
     */
    @EventListener(ContextClosedEvent.class)
    void onClosing() {
        running = false;
        if (reports != null) {
            reports.stop();
        }
        if (applicants != null && !applicants.stop(Duration.ofSeconds(5))) {
            log.debug("demo: a simulated applicant was still mid-request when shutdown went on");
        }
        if (!labelsLater.stop(Duration.ofSeconds(5))) {
            log.debug("demo: a simulated cardholder was still acting when shutdown went on");
        }
        if (!voiceWork.stop(Duration.ofSeconds(5))) {
            log.debug("demo: a simulated customer or CX staff member was still acting when shutdown went on");
        }
        if (!dataWork.stop(Duration.ofSeconds(5))) {
            log.debug("demo: a simulated analyst, partner or officer was still acting when shutdown went on");
        }
    }

    @Override
    public void destroy() {
        running = false;
        labelsLater.stopNow();
        dataWork.stopNow();
        voiceWork.stopNow();
    }
}
