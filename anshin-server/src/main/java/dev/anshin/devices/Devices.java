package dev.anshin.devices;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.cards.Cards;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.Purpose;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.Ids;
import dev.anshin.problems.RequestProblem;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The devices module's API: the device an observation came from, applications and customers recorded
 * against a device, and a device's reputation. For onboarding (which takes the collector's reference
 * from its form) and, later, scoring. Device ids are Anshin's own; the browser never learns them.
 */
@Service
public class Devices {

    /** Application references as onboarding makes them: short, printable, no personal data. */
    private static final java.util.regex.Pattern REFERENCE = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final DeviceStore store;
    private final Pseudonyms pseudonyms;
    private final DeviceMatcher matcher;
    private final DevicesProperties properties;
    private final PersonalData personalData;
    private final Cards cards;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Devices(DeviceStore store, Pseudonyms pseudonyms, DevicesProperties properties, PersonalData personalData,
            Cards cards, AuditLog audit, TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.pseudonyms = pseudonyms;
        this.matcher = new DeviceMatcher(properties.matchThreshold());
        this.properties = properties;
        this.personalData = personalData;
        this.cards = cards;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Matches one observation to a known device or makes a new one, and records the observation with
     * the address and user agent as pseudonyms only. Nothing clear is kept.
     */
    ObservedDevice observe(DeviceSignals signals, String address, String userAgent) {
        Instant now = clock.instant();
        DeviceProfile profile = signals.profile(pseudonyms);
        List<String> keys = profile.blockingKeys();
        String observationId = UUID.randomUUID().toString();
        return transactions.execute(tx -> {
            List<DeviceMatcher.Candidate> candidates = store.candidates(keys, properties.candidatesPerKey());
            var match = matcher.match(profile, candidates);
            String deviceId;
            double similarity;
            if (match.isPresent()) {
                deviceId = match.get().deviceId();
                similarity = match.get().similarity();
                DeviceProfile known = candidates.stream().filter(c -> c.deviceId().equals(deviceId)).findFirst()
                        .orElseThrow().profile();
                store.seenAgain(deviceId, known.followedBy(profile), now);
            } else {
                deviceId = UUID.randomUUID().toString();
                similarity = 1;
                store.insertDevice(deviceId, profile, now);
            }
            store.keys(deviceId, keys, now);
            store.insertObservation(observationId, deviceId, now, similarity,
                    address == null ? null : pseudonyms.token("ADDRESS", address),
                    userAgent == null ? null : pseudonyms.token("USER_AGENT", userAgent),
                    signals.automation(), signals.timezoneInJapan(), signals.speaksJapanese());
            return new ObservedDevice(observationId, deviceId, now, match.isEmpty(), signals.automation());
        });
    }

    /**
     * The device an observation (the collector's reference, from a form) was matched to, for reading;
     * empty for an unknown reference or one older than {@code anshin.devices.observation-lifetime}. An
     * application should {@link #claim} the reference instead: reading does not bind it.
     */
    public Optional<ObservedDevice> observation(String observationRef) {
        if (observationRef == null || !Ids.isUuid(observationRef)) {
            return Optional.empty();
        }
        return store.observation(observationRef).map(DeviceStore.Observation::observed).filter(this::fresh);
    }

    /**
     * Binds an observation's reference to one application and answers its device: the first application
     * to claim a reference wins, and the same application claiming it again gets the same answer (retries
     * are safe, at any later time). Another application gets empty, and its attempt counts against the
     * device ({@link DeviceReason#REUSED_OBSERVATION}): a reference is a bearer token, and one harvested
     * from a clean device and replayed must not lend that device's reputation to many applications. Empty
     * too for an unknown reference, or one not claimed within {@code anshin.devices.observation-lifetime}
     * of its observation (not counted: a slow applicant is not a replay).
     *
     * @throws RequestProblem (422) for an application reference that is not 1 to 64 letters, digits or . _ : -
     */
    public Optional<ObservedDevice> claim(String observationRef, String applicationRef) {
        requireReference(applicationRef);
        if (observationRef == null || !Ids.isUuid(observationRef)) {
            return Optional.empty();
        }
        return transactions.execute(tx -> {
            Optional<DeviceStore.Observation> found = store.observation(observationRef);
            if (found.isEmpty()) {
                return Optional.<ObservedDevice>empty();
            }
            DeviceStore.Observation observation = found.get();
            if (observation.claimedBy() == null) {
                if (!fresh(observation.observed())) {
                    return Optional.<ObservedDevice>empty();
                }
                store.claim(observationRef, applicationRef, clock.instant());
                observation = store.observation(observationRef).orElseThrow();
            }
            if (applicationRef.equals(observation.claimedBy())) {
                return Optional.of(observation.observed());
            }
            store.recordReuse(observationRef, applicationRef, observation.observed().deviceId(), clock.instant());
            return Optional.<ObservedDevice>empty();
        });
    }

    private boolean fresh(ObservedDevice observed) {
        return !clock.instant().isAfter(observed.observedAt().plus(properties.observationLifetime()));
    }

    /**
     * Records an application made from the device (idempotent on the reference: recording it again changes
     * nothing). {@code applicationRef} is onboarding's own reference, not personal data.
     *
     * @throws UnknownDevice for a device Anshin does not hold
     */
    public void recordApplication(String deviceId, String applicationRef, Instant at) {
        requireReference(applicationRef);
        transactions.executeWithoutResult(tx -> {
            requireDevice(deviceId);
            store.recordApplication(deviceId, applicationRef, at);
        });
    }

    /**
     * Links the device to the customer an application became (idempotent), audited; refused for an
     * unknown device, or an unknown or erased customer (the customer is held while the link is written,
     * so an erasure running at the same time removes it).
     */
    public void linkCustomer(Actor actor, String deviceId, String customerId, String applicationRef, Instant at) {
        if (applicationRef != null) {
            requireReference(applicationRef);
        }
        transactions.executeWithoutResult(tx -> {
            requireDevice(deviceId);
            personalData.holdActive(customerId);
            if (store.link(deviceId, customerId, applicationRef, at)) {
                audit.record(new AuditEvent(actor.name(), "device.link", "customer/" + customerId,
                        Purpose.SERVICE_OPERATION.name(), AuditOutcome.SUCCESS, actor.origin(),
                        "device=" + deviceId + (applicationRef == null ? "" : " application=" + applicationRef)));
            }
        });
    }

    /**
     * Takes back the link {@link #linkCustomer} made for this application (its card was never issued: the
     * application was declined), audited; a link the customer has through another application stays.
     * Idempotent: false when there was none.
     */
    public boolean unlinkCustomer(Actor actor, String deviceId, String customerId, String applicationRef) {
        requireReference(applicationRef);
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            if (!store.unlink(deviceId, customerId, applicationRef)) {
                return false;
            }
            audit.record(new AuditEvent(actor.name(), "device.unlink", "customer/" + customerId,
                    Purpose.SERVICE_OPERATION.name(), AuditOutcome.SUCCESS, actor.origin(),
                    "device=" + deviceId + " application=" + applicationRef));
            return true;
        }));
    }

    /** The devices linked to a customer, oldest link first. */
    public List<String> devicesOf(String customerId) {
        return store.devicesOf(customerId);
    }

    /**
     * Whether {@code deviceId} is the id of a device Anshin holds: an issuer may send Anshin's own device id
     * with an authorization, which the fraud module then keeps as it is instead of pseudonymizing it.
     */
    public boolean knows(String deviceId) {
        return deviceId != null && dev.anshin.problems.Ids.isUuid(deviceId) && store.exists(deviceId);
    }

    /** The device's reputation now. */
    public DeviceReputation reputationOf(String deviceId) {
        return reputationOf(deviceId, clock.instant());
    }

    /**
     * The device's reputation as it was known at {@code asOf}, and nothing later: a device first seen
     * after {@code asOf} is unknown; observations, applications, links, replayed references and frauds
     * count as known by then (a fraud on a linked customer's card from when both were known: the fraud, and
     * the link), the cards as those the linked customers held then. For training and backtests without
     * leakage. An unknown device has a reputation with {@code known} false and no reasons: not having been
     * seen is not evidence.
     */
    public DeviceReputation reputationOf(String deviceId, Instant asOf) {
        Optional<DeviceStore.Facts> facts = deviceId == null || !Ids.isUuid(deviceId) ? Optional.empty()
                : store.facts(deviceId, asOf);
        if (facts.isEmpty()) {
            return new DeviceReputation(deviceId, asOf, false, null, 0, 0, 0, 0, 0, 0, 0, 0, java.util.Set.of(), false,
                    false, List.of(), 0);
        }
        DeviceStore.Facts f = facts.get();
        int cardCount = f.customers().stream().mapToInt(customer -> (int) cards.ofCustomer(customer).stream()
                .filter(card -> !card.createdAt().isAfter(asOf)).count()).sum();
        return new DeviceReputation(deviceId, asOf, true, f.firstSeenAt(), f.observations(), f.observationsLastHour(),
                f.applications30d(), f.applications(), f.customers().size(), cardCount, f.confirmedFrauds(),
                f.fraudsOnLinkedCards(), f.automation(), !f.timezoneInJapan(), !f.speaksJapanese(),
                ReputationPolicy.reasons(f.observationsLastHour(), f.applications30d(), f.customers().size(), cardCount,
                        f.confirmedFrauds(), f.fraudsOnLinkedCards(), !f.automation().isEmpty(), !f.timezoneInJapan(),
                        !f.speaksJapanese(), f.reusedObservations()),
                f.reusedObservations());
    }

    private void requireDevice(String deviceId) {
        if (deviceId == null || !Ids.isUuid(deviceId) || !store.exists(deviceId)) {
            throw new UnknownDevice("device");
        }
    }

    private static void requireReference(String applicationRef) {
        if (applicationRef == null || !REFERENCE.matcher(applicationRef).matches()) {
            throw RequestProblem.invalid(List.of(new FieldProblem("applicationRef",
                    "must be 1 to 64 letters, digits or . _ : -")));
        }
    }
}
