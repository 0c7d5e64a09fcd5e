package dev.anshin.disputes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.BrowserStaff;
import dev.anshin.BrowserTestSupport;
import dev.anshin.HeadlessChromium;
import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The case console in a real browser (headless Chromium, as ConsoleBrowserIntegrationTest): the
 * analyst signs in, opens the dispute queue from the console, opens a case waiting for review, asks
 * the cardholder a question, and once the cardholder has answered confirms fraud; the case then
 * shows the chargeback filed and the card blocked. Then the same case in English. Skipped, with a
 * message, on a machine without Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
class DisputeConsoleBrowserIntegrationTest extends BrowserTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    ApiClients clients;

    @Autowired
    Cards cards;

    @Autowired
    Disputes disputes;

    private final java.util.Map<Role, String> keys = new java.util.EnumMap<>(Role.class);

    DisputeConsoleBrowserIntegrationTest() {
        super(1400, 1400);
    }

    @Test
    void analystAsksTheCardholderThenConfirmsFraudFromTheCasePage() throws Exception {
        String customer = newCustomer();
        Card card = cards.register(newPan(), customer);
        Dispute dispute = unclearCase(customer, card);
        String base = "http://localhost:" + port;

        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(20));
        BrowserStaff.signIn(browser, base, "analyst");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "判定の一覧"));

        browser.findElement(By.linkText("不正利用申告")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "不正利用申告の案件"));
        assertThat(browser.findElements(By.cssSelector("#deadline-chart rect"))).hasSize(5);
        assertThat(browser.findElement(By.id("counts")).getText()).contains("対応待ち合計").contains("担当者が確認中");
        assertThat(browser.findElement(By.id("showing")).getText()).contains("件中");
        HeadlessChromium.screenshot(browser, "dispute-queue.png");
        // The case the cardholder calls about, found by the reference number they read out.
        browser.findElement(By.id("f-q")).sendKeys(dispute.reference().toLowerCase(java.util.Locale.ROOT));
        browser.findElement(By.id("apply")).click();
        wait.until(ExpectedConditions.urlContains("q="));
        assertThat(browser.findElements(By.cssSelector("#cases tr[data-case]"))).hasSize(1);
        WebElement row = browser.findElement(By.cssSelector("tr[data-case='" + dispute.id() + "']"));
        assertThat(row.getText()).contains("担当者が確認中").contains(card.masked()).contains(dispute.reference())
                .contains("未割り当て");
        assertThat(browser.findElement(By.id("f-q")).getAttribute("value")).isEqualToIgnoringCase(dispute.reference());
        // A bad filter value is explained next to its field.
        browser.findElement(By.id("f-card")).sendKeys("12");
        browser.findElement(By.id("apply")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("f-card-error")));
        assertThat(browser.findElement(By.id("f-card-error")).getText()).contains("下4桁");
        HeadlessChromium.screenshot(browser, "dispute-queue-filter-error.png");
        browser.findElement(By.id("f-card")).clear();
        browser.findElement(By.id("f-card")).sendKeys(card.last4());
        browser.findElement(By.id("apply")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-case='" + dispute.id() + "']")));
        browser.findElement(By.cssSelector("tr[data-case='" + dispute.id() + "'] a.open")).click();

        // The analyst takes the case.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("assign-me")));
        assertThat(browser.findElement(By.id("reference")).getText()).isEqualTo(dispute.reference());
        browser.findElement(By.cssSelector("#assign-me button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("assigned-to"), "analyst"));
        assertThat(browser.findElement(By.id("done")).getText()).contains("analyst");

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "担当者が確認中"));
        assertThat(browser.findElement(By.id("findings")).getText()).contains("調査の根拠と重み");
        assertThat(browser.findElements(By.cssSelector("#findings rect"))).isNotEmpty();
        assertThat(browser.findElement(By.id("risk")).getText()).contains("スコア");
        assertThat(browser.findElement(By.id("answers")).getText()).contains("カードはお手元にありますか");

        WebElement ask = browser.findElement(By.cssSelector("form[data-action=ASK_CARDHOLDER]"));
        ask.findElement(By.name("note")).sendKeys("最近カードを誰かに貸しましたか？");
        ask.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "会員の回答待ち"));
        assertThat(browser.findElement(By.id("done")).getText()).contains("お客さまに質問");
        assertThat(browser.findElement(By.id("history")).getText()).contains("最近カードを誰かに貸しましたか？")
                .contains("analyst");
        // Waiting for the answer, an analyst cannot decide: the form is not offered.
        assertThat(browser.findElements(By.cssSelector("form[data-action=CONFIRM_FRAUD]"))).isEmpty();

        // The cardholder answers in the portal.
        disputes.act(dispute.id(), customer, DisputeAction.CARDHOLDER_ANSWERED,
                Disputes.Acting.cardholder(customer, "test"), "貸していません。", null);
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "担当者が確認中"));
        assertThat(browser.findElement(By.id("history")).getText()).contains("貸していません。");

        WebElement confirm = browser.findElement(By.cssSelector("form[data-action=CONFIRM_FRAUD]"));
        confirm.findElement(By.name("note")).sendKeys("お客さまの回答を確認");
        assertThat(confirm.getText()).contains("取り消せません");
        confirm.findElement(By.name("confirmed")).click();
        confirm.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "加盟店へ返金請求中"));
        assertThat(browser.findElement(By.id("outcome")).getText()).contains("カード停止").contains("リーズンコード")
                .contains("10.3");
        assertThat(browser.findElement(By.id("transaction")).getText()).contains("停止中");
        assertThat(browser.getPageSource()).doesNotContain(card.token());
        assertThat(cards.find(card.token()).orElseThrow().blocked()).isTrue();

        HeadlessChromium.screenshot(browser, "dispute-case.png");

        browser.findElement(By.id("language")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"),
                "Chargeback filed with the merchant"));
        assertThat(browser.findElement(By.id("findings")).getText()).contains("Findings and their weights");
        assertThat(browser.findElement(By.id("history")).getText()).contains("Confirm fraud")
                .contains("Ask the cardholder");
        assertThat(browser.findElement(By.id("findings")).getText()).doesNotContain("your ").doesNotContain("You ");

        // The queue by card and by customer: the cases of one card together, the customer by name.
        browser.get(base + "/console/disputes?view=customer&status=ALL&card=" + card.last4() + "&lang=ja");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.group")));
        assertThat(browser.findElement(By.cssSelector("section.group[data-group='" + customer + "'] h2")).getText())
                .contains("画面太郎").contains("1 件");
        HeadlessChromium.screenshot(browser, "dispute-queue-by-customer.png");
        browser.get(base + "/console/disputes?view=card&status=ALL&card=" + card.last4());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.group")));
        assertThat(browser.findElement(By.cssSelector("section.group[data-group='" + card.masked() + "'] h2")).getText())
                .contains(card.masked());
        assertThat(browser.getPageSource()).doesNotContain("画面太郎");
    }

    // --- helpers: a customer, a scored transaction and a report, through the API

    private String newCustomer() throws Exception {
        String body = call(Role.CUSTOMER_SERVICE, "/api/v1/customers", "{\"customerNumber\":\"B-"
                + UUID.randomUUID().toString().substring(0, 8) + "\",\"values\":{\"NAME_KANJI\":\"画面太郎\",\"EMAIL\":\"screen@example.jp\"}}", 201);
        return field(body, "customerId");
    }

    private Dispute unclearCase(String customer, Card card) throws Exception {
        String authorizationId = "dc-browser-" + UUID.randomUUID();
        String at = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS).toString();
        call(Role.SCORER, "/api/v1/authorizations", "{\"authorizationId\":\"" + authorizationId + "\","
                + "\"card\":{\"token\":\"" + card.token() + "\"},\"amount\":{\"minor\":1250,\"currency\":\"USD\"},"
                + "\"merchantId\":\"m-" + authorizationId + "\",\"mcc\":\"5411\",\"terminalId\":\"t-" + authorizationId
                + "\",\"merchantCountry\":\"JP\",\"posEntryMode\":\"05\",\"cardPresent\":true,\"timestamp\":\"" + at
                + "\"}", 200);
        String submitted = call(Role.CUSTOMER_SERVICE, "/api/v1/disputes", "{\"customerId\":\"" + customer + "\","
                + "\"authorizationIds\":[\"" + authorizationId + "\"],\"cardInHand\":\"YES\",\"familyCouldExplain\":\"NO\","
                + "\"subscriptionCouldExplain\":\"NO\",\"recognizesMerchant\":\"NO\",\"certified\":true}", 201);
        String id = field(submitted.substring(submitted.indexOf("\"disputes\"")), "id");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Dispute d = disputes.find(id).orElseThrow();
            if (d.status() == DisputeStatus.ANALYST_REVIEW && !d.effectsPending()) {
                return d;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("case " + id + " did not reach the analyst: " + disputes.find(id).orElseThrow());
    }

    private String call(Role role, String path, String body, int expected) throws Exception {
        String key = keys.computeIfAbsent(role, r -> clients.register("dc-browser-" + r.name().toLowerCase(),
                EnumSet.of(r)));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + path))
                .header("X-Api-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }

    private static String newPan() {
        StringBuilder digits = new StringBuilder("499999");
        for (int i = 0; i < 9; i++) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        for (int check = 0; check < 10; check++) {
            String candidate = digits.toString() + check;
            int sum = 0;
            for (int i = 0; i < candidate.length(); i++) {
                int d = candidate.charAt(candidate.length() - 1 - i) - '0';
                if (i % 2 == 1) {
                    d = d * 2 > 9 ? d * 2 - 9 : d * 2;
                }
                sum += d;
            }
            if (sum % 10 == 0) {
                return candidate;
            }
        }
        throw new IllegalStateException();
    }
}
