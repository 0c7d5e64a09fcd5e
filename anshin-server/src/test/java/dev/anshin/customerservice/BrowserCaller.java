package dev.anshin.customerservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A caller like the demo's simulated cardholders (a DM customer number, a name, a date of birth, a
 * phone in the unassigned 090-0 range), with one card and one charge scored on it through the API:
 * for the browser tests of the customer-service screen and of every page.
 *
 * @param customerId      the customer's id
 * @param last4           the last four digits of their card
 * @param dateOfBirth     their date of birth (yyyy-MM-dd)
 * @param authorizationId the charge on their card
 * @param name            their name
 */
public record BrowserCaller(String customerId, String last4, String dateOfBirth, String authorizationId, String name) {

    public static BrowserCaller create(String baseUrl, PersonalData personalData, Cards cards, ApiClients clients)
            throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String dateOfBirth = String.format("19%02d-%02d-%02d", 50 + random.nextInt(50), 1 + random.nextInt(12),
                1 + random.nextInt(28));
        Map<PersonalField, String> values = new EnumMap<>(PersonalField.class);
        String name = "佐藤　美咲" + tag;
        values.put(PersonalField.NAME_KANJI, name);
        values.put(PersonalField.NAME_KANA, "サトウ　ミサキ");
        values.put(PersonalField.DATE_OF_BIRTH, dateOfBirth);
        values.put(PersonalField.PHONE, String.format("090-0%03d-%04d", random.nextInt(1000), random.nextInt(10_000)));
        values.put(PersonalField.EMAIL, "misaki." + tag + "@example.jp");
        String customer = personalData.register(new Actor("browser-test-support", EnumSet.of(Role.CUSTOMER_SERVICE),
                "test"), "DM-" + tag, values).customerId();
        Card card = cards.register(IntegrationTestSupport.newPan(), customer);
        String authorization = "caller-" + tag;
        String key = clients.register("browser-test-scorer-" + tag, EnumSet.of(Role.SCORER));
        String body = """
                {"authorizationId": "%s", "card": {"token": "%s"}, "amount": {"minor": 4980, "currency": "JPY"},
                 "merchantId": "M00042", "mcc": "5411", "terminalId": "T00042", "merchantCountry": "JP",
                 "posEntryMode": "05", "cardPresent": true, "timestamp": "%s",
                 "merchantName": "SEVEN-ELEVEN #00042 TOKYO JP"}""".formatted(authorization, card.token(),
                Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
        HttpResponse<String> scored = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/api/v1/authorizations")).header("X-Api-Key", key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scored.statusCode()).as(scored.body()).isEqualTo(200);
        return new BrowserCaller(customer, card.last4(), dateOfBirth, authorization, name);
    }
}
