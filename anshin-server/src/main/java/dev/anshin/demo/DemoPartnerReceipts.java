package dev.anshin.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's points partner (provider {@value DemoRunner#DEMO_PROVIDER}) sending what its members bought
 * in its stores, each receipt with its APPI confirmation record, through the partner-data API with its own
 * key (PARTNER_DATA), a few every round: so the privacy officer's {@code /privacy/partner-receipts} and the
 * people's disclosures have partner data. A member who opted out of the purpose the partner's data is
 * received for is refused as an unknown number (the partner cannot tell): counted, not retried.
 */
final class DemoPartnerReceipts {

    private static final Logger log = LoggerFactory.getLogger(DemoPartnerReceipts.class);
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    static final String[][] STORES = {{"5411", "さくらマート丸の内店"}, {"5411", "さくらマート梅田店"},
            {"5812", "さくらカフェ渋谷店"}, {"5912", "さくら薬局栄店"}, {"5311", "さくら百貨店天神店"}};

    private final DemoApi api;
    private final String partnerKey;
    private final DemoPeople people;
    private final int customers;
    private final SplittableRandom random;
    private final String run;
    private final Clock clock;
    private int sent;
    private int accepted;
    private int refused;
    private int failed;

    DemoPartnerReceipts(DemoApi api, String partnerKey, DemoPeople people, int customers, long seed, String run,
            Clock clock) {
        this.api = api;
        this.partnerKey = partnerKey;
        this.people = people;
        this.customers = customers;
        this.random = new SplittableRandom(seed ^ 0x5a5a_5a5aL);
        this.run = run;
        this.clock = clock;
    }

    /** One round: a receipt or two for members the partner picks; the portal's cardholder in the first one. */
    synchronized void act() {
        int receipts = 1 + random.nextInt(2);
        for (int i = 0; i < receipts; i++) {
            send(sent == 0 ? DemoPeople.PORTAL_CARDHOLDER : random.nextInt(customers));
        }
    }

    private void send(int index) {
        sent++;
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(JAPAN)).truncatedTo(ChronoUnit.SECONDS);
        LocalDate today = now.toLocalDate();
        StringBuilder purchases = new StringBuilder();
        StringBuilder points = new StringBuilder();
        int items = 1 + random.nextInt(3);
        for (int i = 0; i < items; i++) {
            String[] store = STORES[random.nextInt(STORES.length)];
            LocalDate day = today.minusDays(random.nextInt(7));
            long yen = 100L * (3 + random.nextInt(120));
            String sep = i == 0 ? "" : ",";
            purchases.append(sep).append(String.format(Locale.ROOT, """
                    {"date":"%s","amount":%d,"currency":"JPY","merchantCategory":"%s","storeName":"%s"}""",
                    day, yen, store[0], store[1]));
            points.append(sep).append(String.format(Locale.ROOT, """
                    {"date":"%s","points":%d,"storeName":"%s"}""", day, Math.max(1, yen / 100), store[1]));
        }
        String body = String.format(Locale.ROOT, """
                {"receiptId":"demo-%s-%d","confirmationRecord":{"providerId":"%s","howObtained":"CONSENT_OF_PERSON",\
                "obtainedOn":"%s","receivedAt":"%s"},"customerNumber":"%s",\
                "items":{"purchases":[%s],"points":[%s]}}""", run, sent, DemoRunner.DEMO_PROVIDER,
                today.minusDays(30 + Math.floorMod(index * 37L, 700)), now, people.customerNumber(index), purchases,
                points);
        DemoApi.Answer answer = api.post("/api/v1/partner-data/receipts", partnerKey, body);
        if (answer.status() == 201 || answer.status() == 200) {
            accepted++;
        } else if (answer.status() == 422 && answer.body().contains("customer-unknown")) {
            refused++;
        } else {
            failed++;
            log.debug("demo partner: a receipt was answered {}", answer.status());
        }
    }

    /** One line for the log: receipts sent and how they were answered (never whom they are about). */
    synchronized void summarize() {
        if (sent == 0) {
            return;
        }
        log.info("demo partner data: {} receipts sent, {} taken in, {} refused (member opted out), {} failed", sent,
                accepted, refused, failed);
    }

    synchronized int accepted() {
        return accepted;
    }
}
