package dev.anshin.demo;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HpkeParameters;
import dev.anshin.access.Role;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.ConsentChannel;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import dev.anshin.privacy.Purpose;
import dev.anshin.privacy.RecipientKind;
import dev.anshin.privacy.Recipients;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Provisions waiting for a second privacy officer (four-eyes): the demo's simulated privacy officer (an
 * API client, PRIVACY_OFFICER) asks now and then to provide a few customers' name and e-mail to the demo's
 * airline-miles partner, so that a person signing in as {@code privacy} finds one to approve at
 * {@code /privacy/provisions} (an API key never approves: the approval is that person's). A tenth of the
 * demo's cardholders consented to that recipient (recorded once, idempotent on the request id); the
 * recipient's public keyset is made on the first start (the demo keeps no private key: its exports are
 * for the recipient alone). Keeps at most {@value #AT_MOST} requests pending.
 */
final class DemoProvisions {

    private static final Logger log = LoggerFactory.getLogger(DemoProvisions.class);
    static final String RECIPIENT = "demo-sora-miles";
    static final int AT_MOST = 2;
    private static final String NOTICE = "2026-04";

    private final DemoApi api;
    private final JsonMapper json;
    private final String officerKey;
    private final List<String> consenting = new ArrayList<>();
    private final SplittableRandom random;
    private final String run;
    private int asked;
    private int refused;

    private DemoProvisions(DemoApi api, JsonMapper json, String officerKey, long seed, String run) {
        this.api = api;
        this.json = json;
        this.officerKey = officerKey;
        this.random = new SplittableRandom(seed ^ 0x3c3c_3c3cL);
        this.run = run;
    }

    /**
     * Registers the recipient unless it is, records the consents of every tenth cardholder (not the portal's,
     * whose choices are the person's own), and answers the simulator; empty when the set-up failed.
     */
    static java.util.Optional<DemoProvisions> setUp(Recipients recipients, PersonalData personalData,
            List<String> customers, DemoApi api, JsonMapper json, String officerKey, long seed, String run) {
        try {
            if (recipients.find(RECIPIENT).isEmpty()) {
                Actor officer = new Actor("demo", EnumSet.of(Role.PRIVACY_OFFICER), "demo");
                recipients.register(officer, new Recipients.NewRecipient(RECIPIENT, RecipientKind.POINTS_PROGRAMME,
                        "そらマイル株式会社", "Sora Miles Inc.", "JP", "マイルの付与と会員向けのご案内",
                        "Awarding miles and members' offers", EnumSet.of(PersonalField.NAME_KANJI, PersonalField.EMAIL),
                        publicKeyset()));
            }
            DemoProvisions provisions = new DemoProvisions(api, json, officerKey, seed, run);
            Actor service = new Actor("demo", EnumSet.of(Role.CUSTOMER_SERVICE), "demo");
            for (int i = 5; i < customers.size(); i += 10) {
                personalData.recordConsent(service, "demo-consent-" + RECIPIENT + "-" + i, customers.get(i),
                        Purpose.THIRD_PARTY_PROVISION, null, RECIPIENT, true, ConsentChannel.PORTAL, NOTICE);
                provisions.consenting.add(customers.get(i));
            }
            return java.util.Optional.of(provisions);
        } catch (RuntimeException | GeneralSecurityException e) {
            log.warn("demo: no simulated provisions ({})", e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private static String publicKeyset() throws GeneralSecurityException {
        KeysetHandle keyset = KeysetHandle.generateNew(HpkeParameters.builder()
                .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
                .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
                .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
                .setVariant(HpkeParameters.Variant.TINK)
                .build());
        return TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(keyset.getPublicKeysetHandle());
    }

    /** One round: asks for a provision of two or three consenting customers while few are pending. */
    synchronized void act() {
        try {
            DemoApi.Answer pending = api.get("/api/v1/privacy/provision-requests?status=PENDING&limit=100", officerKey);
            if (!pending.ok() || consenting.isEmpty()) {
                return;
            }
            long ours = 0;
            for (var request : json.readTree(pending.body())) {
                ours += RECIPIENT.equals(request.path("recipientId").asString()) ? 1 : 0;
            }
            if (ours >= AT_MOST) {
                return;
            }
            List<String> whom = new ArrayList<>();
            int size = Math.min(consenting.size(), 2 + random.nextInt(2));
            while (whom.size() < size) {
                String customer = consenting.get(random.nextInt(consenting.size()));
                if (!whom.contains(customer)) {
                    whom.add(customer);
                }
            }
            String body = String.format(Locale.ROOT, """
                    {"requestId":"demo-provision-%s-%d","recipient":"%s","customerIds":[%s],\
                    "items":["NAME_KANJI","EMAIL"]}""", run, asked + refused + 1, RECIPIENT,
                    whom.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(",")));
            DemoApi.Answer answer = api.post("/api/v1/privacy/provisions", officerKey, body);
            if (answer.status() == 202) {
                asked++;
            } else {
                refused++;
                log.debug("demo provisions: asking answered {}", answer.status());
            }
        } catch (RuntimeException e) {
            refused++;
            log.debug("demo provisions: a round failed: {}", e.toString());
        }
    }

    /** One line for the log. */
    synchronized void summarize() {
        if (asked + refused == 0) {
            return;
        }
        log.info("demo provisions: {} asked for (approve as the privacy user at /privacy/provisions), {} refused",
                asked, refused);
    }

    synchronized int asked() {
        return asked;
    }
}
