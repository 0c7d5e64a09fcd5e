package dev.anshin.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.BrowserStaff;
import dev.anshin.BrowserTestSupport;
import dev.anshin.HeadlessChromium;
import dev.anshin.MovableClock;
import dev.anshin.access.Role;
import dev.anshin.site.PhoneLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The privacy officer's provision approval and partner receipts pages on a phone (390 × 844) in Chromium:
 * from the request queue to a provision another officer asked for, approved there; then the data received
 * from partners with its confirmation records, in Japanese and English. Each page checked for overflow,
 * tap targets and axe (WCAG 2.2 AA); screenshots in target/screenshots. Same context as {@code
 * EveryPageBrowserIntegrationTest}. Skipped, with a message, without Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/every-page-browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
@Import(MovableClock.class)
class PartnerAndProvisionPagesBrowserIntegrationTest extends BrowserTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    PersonalData personalData;

    @Autowired
    Recipients recipients;

    @Autowired
    Provisions provisions;

    @Autowired
    PartnerProviders providers;

    @Autowired
    PartnerReceipts receipts;

    private WebDriverWait wait;

    PartnerAndProvisionPagesBrowserIntegrationTest() {
        super(390, 844);
    }

    @BeforeEach
    void setUp() {
        wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
    }

    @Test
    void aSecondOfficerApprovesOnAPhoneAndReadsTheConfirmationRecords() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Actor asker = new Actor("browser-asker-" + tag, Set.of(Role.PRIVACY_OFFICER), "test");
        String recipient = recipients.register(asker, new Recipients.NewRecipient("browser-fe-" + tag,
                RecipientKind.POINTS_PROGRAMME, "さくらポイント株式会社", "Sakura Points Co., Ltd.", "JP", "ポイントの付与",
                "Awarding points", Set.of(PersonalField.EMAIL, PersonalField.NAME_KANJI),
                ProvisionIntegrationTest.publicJson(ProvisionIntegrationTest.recipientPrivateKeyset()))).id();
        String number = "BP-" + tag;
        String customer = personalData.register(new Actor("browser-support", Set.of(Role.CUSTOMER_SERVICE), "test"),
                number, Map.of(PersonalField.NAME_KANJI, "画面花子", PersonalField.EMAIL, "bp." + tag + "@example.jp"))
                .customerId();
        personalData.recordConsent(Actor.cardholder(customer, "test"), null, customer, Purpose.THIRD_PARTY_PROVISION,
                null, recipient, true, ConsentChannel.PORTAL, "2026-04");
        Provisions.PendingProvision pending = provisions.request(asker, new Provisions.ProvisionRequest("browser-fe-"
                + tag, recipient, List.of(customer), Set.of(PersonalField.EMAIL, PersonalField.NAME_KANJI)));
        String client = "browser-points-" + tag;
        providers.register(asker, new PartnerProviders.NewProvider("browser-points-" + tag, "さくらポイント株式会社",
                "Sakura Points Co., Ltd.", "東京都千代田区丸の内1-1-1", "代表取締役 桜井 一郎",
                EnumSet.of(PartnerItemKind.PURCHASES), Purpose.MARKETING, client));
        receipts.receive(new Actor("api:" + client + "/k", Set.of(Role.PARTNER_DATA), "test"), client,
                new PartnerReceiptBody("r-" + tag, new PartnerReceiptBody.ConfirmationRecordBody("browser-points-" + tag,
                        "OPT_OUT_FILED", "PPC-2026-0042", "2026-11-01", "2026-12-01T10:00:00+09:00"), number,
                        new PartnerReceiptBody.Items(List.of(new PartnerReceiptBody.Purchase("2026-11-30", 1280L, "JPY",
                                "5411", "さくらマート")), null)));

        browser.manage().window().setSize(new Dimension(390, 844));
        BrowserStaff.signIn(browser, "http://localhost:" + port, "privacy");
        List<String> problems = new ArrayList<>();
        browser.findElement(By.id("pending-provisions-link")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "承認待ちの第三者提供"));
        assertThat(browser.findElement(By.cssSelector("tr[data-request='" + pending.id() + "']")).getText())
                .contains("さくらポイント株式会社");
        problems.addAll(PhoneLayout.problems(browser, "/privacy/provisions"));
        HeadlessChromium.screenshot(browser, "screenshots/provisions-phone.png");

        browser.findElement(By.cssSelector("tr[data-request='" + pending.id() + "'] a.open")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("approve")));
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("承認待ち");
        problems.addAll(PhoneLayout.problems(browser, "/privacy/provisions/{id}"));
        HeadlessChromium.screenshot(browser, "screenshots/provision-phone.png");
        HeadlessChromium.click(browser, "approve-button");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("承認済み（提供済み）");
        assertThat(browser.findElement(By.id("decided-by")).getText()).isEqualTo("privacy");
        problems.addAll(PhoneLayout.problems(browser, "/privacy/provisions/{id} approved"));

        browser.get("http://localhost:" + port + "/privacy/partner-receipts");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "提携先から受領した情報"));
        assertThat(browser.findElement(By.cssSelector("tr[data-customer='" + customer + "']")).getText())
                .contains("さくらポイント株式会社").contains("オプトアウト").contains("PPC-2026-0042").contains("保有中");
        assertThat(browser.getPageSource()).doesNotContain("さくらマート").doesNotContain("画面花子");
        problems.addAll(PhoneLayout.problems(browser, "/privacy/partner-receipts"));
        HeadlessChromium.screenshot(browser, "screenshots/partner-receipts-phone.png");
        browser.get("http://localhost:" + port + "/privacy/partner-receipts?lang=en");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Data received from partners"));
        problems.addAll(PhoneLayout.problems(browser, "/privacy/partner-receipts (en)"));
        assertThat(problems).isEmpty();
    }
}
