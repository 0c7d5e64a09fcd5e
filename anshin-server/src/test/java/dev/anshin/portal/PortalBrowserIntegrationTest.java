package dev.anshin.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.BrowserTestSupport;
import dev.anshin.HeadlessChromium;
import dev.anshin.MovableClock;
import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.ConsentChannel;
import dev.anshin.privacy.ConsentEvent;
import dev.anshin.privacy.DataSubjectRequest;
import dev.anshin.privacy.DataSubjectRequests;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import dev.anshin.privacy.Provisions;
import dev.anshin.privacy.Purpose;
import dev.anshin.privacy.RecipientKind;
import dev.anshin.privacy.Recipients;
import dev.anshin.privacy.RequestKind;
import dev.anshin.privacy.RequestStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cardholder portal in a real browser (headless Chromium): activate with the code customer
 * service issued, set up the authenticator (the test computes its codes), sign in with password and
 * code, see one's own data in Japanese and English, switch marketing off and find it in the consent
 * ledger; switch provision to a recipient on and off, ask for disclosure and, once a privacy officer
 * completed it, read it with the provision records; and five wrong passwords lock the account.
 * Skipped, with a message, without Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/portal-browser-test-data",
        "anshin.postgres.database=anshin_test"})
@Import(MovableClock.class)
class PortalBrowserIntegrationTest extends BrowserTestSupport {

    private static final String PASSWORD = "sakura-2026-portal";
    private static final Actor SUPPORT = new Actor("browser-test-support", Set.of(Role.CUSTOMER_SERVICE), "test");
    private static final Actor OFFICER = new Actor("browser-test-officer", Set.of(Role.PRIVACY_OFFICER), "test");
    private static final Actor APPROVER = new Actor("browser-test-approver", Set.of(Role.PRIVACY_OFFICER), "test");

    @LocalServerPort
    int port;

    @Autowired
    ApiClients clients;

    @Autowired
    PersonalData personalData;

    @Autowired
    PortalAccounts accounts;

    @Autowired
    MovableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    Recipients recipients;

    @Autowired
    Provisions provisions;

    @Autowired
    DataSubjectRequests requests;

    private WebDriverWait wait;
    private final Totp totp = new Totp();

    PortalBrowserIntegrationTest() {
        super(1200, 1000);
    }

    @BeforeEach
    void setUp() {
        wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(20));
    }

    @Test
    void cardholderActivatesSignsInWithPasswordAndCodeAndSwitchesMarketingOff() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String customer = newCustomer(tag);
        String activationCode = enroll(customer);
        String loginId = "hanako-" + tag;

        // Activation: code, login id, password; then the authenticator.
        browser.get(url("/portal/activate"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("会員サイトの利用登録");
        browser.findElement(By.name("activationCode")).sendKeys(activationCode);
        browser.findElement(By.name("loginId")).sendKeys(loginId);
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        browser.findElement(By.name("passwordAgain")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("secret")));
        assertThat(browser.findElement(By.cssSelector("img.qr")).getAttribute("src")).startsWith("data:image/svg+xml");
        byte[] secret = Totp.fromBase32(browser.findElement(By.id("secret")).getText());
        browser.findElement(By.name("code")).sendKeys(code(secret));
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        // The activation signs the cardholder in and says so on their home.
        wait.until(ExpectedConditions.urlContains("/portal/usage?activated"));
        assertThat(browser.findElement(By.id("activated")).getText()).contains("ログインしました");
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains("/portal/login"));

        // Sign-in, two steps; the code used at activation is spent, so the next step's code.
        clock.advance(Duration.ofSeconds(30));
        browser.findElement(By.name("loginId")).sendKeys(loginId);
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/portal/login/code"));
        browser.findElement(By.name("code")).sendKeys(code(secret));
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        // Signed in, the cardholder lands on their home; the settings are a link away.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "ご利用状況"));
        browser.findElement(By.id("settings")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "個人情報の設定"));
        assertThat(browser.findElement(By.cssSelector("tr[data-field=NAME_KANJI] td")).getText())
                .isEqualTo("山田 花子" + tag);
        assertThat(browser.findElement(By.cssSelector("tr[data-field=NAME_KANJI] th")).getText()).isEqualTo("氏名");
        assertThat(marketing().getText()).contains("商品・サービスのご提案・ご案内").contains("公表した利用目的")
                .contains("利用中");
        assertThat(browser.findElement(By.cssSelector("#purposes tr[data-purpose=SERVICE_OPERATION]")).getText())
                .contains("契約の履行").contains("契約・法令上必要");
        screenshot("portal-privacy.png");

        browser.findElement(By.id("language")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Personal data settings"));
        assertThat(browser.findElement(By.cssSelector("tr[data-field=NAME_KANJI] th")).getText()).isEqualTo("Name");
        assertThat(marketing().getText()).contains("Proposals and marketing").contains("In use");

        marketing().findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("saved")));
        assertThat(marketing().getText()).contains("Stopped");
        List<ConsentEvent> ledger = personalData.consentHistory(OFFICER, customer);
        assertThat(ledger).hasSize(1);
        assertThat(ledger.get(0).purpose()).isEqualTo(Purpose.MARKETING);
        assertThat(ledger.get(0).granted()).isFalse();
        assertThat(ledger.get(0).channel()).isEqualTo(ConsentChannel.PORTAL);

        // Going back and sending the same form again records nothing more.
        browser.navigate().back();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#purposes tr[data-purpose=MARKETING]")));
        if (marketing().getText().contains("In use")) {
            marketing().findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("saved")));
        }
        assertThat(personalData.consentHistory(OFFICER, customer)).hasSize(1);

        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains("/portal/login?logout"));
        browser.get(url("/portal/privacy"));
        wait.until(ExpectedConditions.urlContains("/portal/login"));
        assertThat(browser.getPageSource()).doesNotContain("山田 花子" + tag);
    }

    @Test
    void cardholderSwitchesProvisionOnAndOffAsksForDisclosureAndReadsItOnceCompleted() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String customer = newCustomer(tag);
        String loginId = "jiro-" + tag;
        byte[] secret = Totp.fromBase32(accounts.enrollForDemo(customer, loginId, PASSWORD));
        String recipient = recipients.register(OFFICER, new Recipients.NewRecipient("browser-" + tag,
                RecipientKind.POINTS_PROGRAMME, "さくらポイント" + tag, "Sakura Points " + tag, "JP",
                "ポイントの付与と交換", "Awarding and exchanging points",
                EnumSet.of(PersonalField.NAME_KANJI, PersonalField.EMAIL), PortalTestSupport.recipientKeyset())).id();

        signIn(loginId, PASSWORD);
        wait.until(ExpectedConditions.urlContains("/portal/login/code"));
        browser.findElement(By.name("code")).sendKeys(code(secret));
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "ご利用状況"));
        browser.get(url("/portal/privacy"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "個人情報の設定"));

        // Opt-in: off until the person agrees, for this recipient only.
        assertThat(provisionRow(recipient).getText()).contains("さくらポイント" + tag).contains("ポイントプログラム運営会社")
                .contains("ポイントの付与と交換").contains("氏名").contains("メールアドレス").contains("同意していません");
        assertThat(browser.findElements(By.cssSelector("#purposes tr[data-purpose=THIRD_PARTY_PROVISION] form"))).isEmpty();
        assertThat(browser.findElement(By.id("no-provisions")).getText()).contains("記録はありません");
        switchProvision(recipient);
        assertThat(provisionRow(recipient).getText()).contains("同意しています");
        assertThat(personalData.consentHistory(OFFICER, customer)).extracting(ConsentEvent::recipient, ConsentEvent::granted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(recipient, true));

        // While the consent stands, a privacy officer provides the name; the person sees the record.
        provisions.approve(APPROVER, provisions.request(OFFICER, new Provisions.ProvisionRequest("browser-prov-" + tag, recipient, List.of(customer),
                Set.of(PersonalField.NAME_KANJI))).id());
        browser.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("provisions")));
        assertThat(browser.findElement(By.id("provisions")).getText()).contains("さくらポイント" + tag).contains("氏名");

        switchProvision(recipient);
        assertThat(provisionRow(recipient).getText()).contains("同意していません");
        assertThat(personalData.consentHistory(OFFICER, customer)).extracting(ConsentEvent::granted)
                .containsExactly(true, false);

        // Disclosure request, from the requests page.
        browser.findElement(By.id("my-requests")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "ご本人からの請求"));
        assertThat(browser.findElement(By.id("no-requests")).getText()).contains("請求はまだありません");
        browser.findElement(By.id("request-disclosure")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("submitted")));
        List<DataSubjectRequest> mine = requests.listFor(customer);
        assertThat(mine).extracting(DataSubjectRequest::kind).containsExactly(RequestKind.DISCLOSURE);
        String id = mine.get(0).id();
        assertThat(requestRow(id).getText()).contains("開示").contains("受付済み");
        assertThat(requestRow(id).findElements(By.cssSelector("a.view"))).isEmpty();

        // A privacy officer takes it on and completes it.
        requests.start(OFFICER, id);
        assertThat(requests.complete(OFFICER, id).request().status()).isEqualTo(RequestStatus.COMPLETED);
        browser.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-request='" + id + "'] a.view")));
        assertThat(requestRow(id).getText()).contains("完了");
        assertThat(requestRow(id).findElement(By.cssSelector("a.download")).getAttribute("href"))
                .endsWith("/portal/requests/" + id + "/disclosure.json");
        screenshot("portal-requests.png");
        requestRow(id).findElement(By.cssSelector("a.view")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("disclosure-sections")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("開示の内容");
        String text = browser.findElement(By.id("disclosure-sections")).getText();
        assertThat(text).contains("山田 花子" + tag).contains("第三者提供の記録").contains("さくらポイント" + tag);
        screenshot("portal-disclosure.png");

        // In English too.
        browser.findElement(By.id("language")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("disclosure-sections"),
                "Provision to third parties"));
        assertThat(browser.findElement(By.id("disclosure-sections")).getText()).contains("Sakura Points " + tag);
    }

    @Test
    void fiveWrongPasswordsLockTheAccount() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String customer = newCustomer(tag);
        String loginId = "taro-" + tag;
        byte[] secret = Totp.fromBase32(accounts.enrollForDemo(customer, loginId, PASSWORD));

        for (int i = 1; i <= 5; i++) {
            signIn(loginId, "wrong-password-" + i);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error")));
        }
        // The right password now gets the same message as a wrong one.
        signIn(loginId, PASSWORD);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error")));
        assertThat(browser.getCurrentUrl()).endsWith("/portal/login?error");
        assertThat(browser.findElement(By.id("error")).getText()).contains("ログインできませんでした");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND action = 'portal.lockout'")
                .param("cardholder:" + customer).query(Long.class).single()).isEqualTo(1);

        // After fifteen minutes the account opens again.
        clock.advance(Duration.ofMinutes(30).plusSeconds(1));
        signIn(loginId, PASSWORD);
        wait.until(ExpectedConditions.urlContains("/portal/login/code"));
        browser.findElement(By.name("code")).sendKeys(code(secret));
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "ご利用状況"));
        browser.get(url("/portal/privacy"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "個人情報の設定"));
    }

    private void signIn(String loginId, String password) {
        browser.get(url("/portal/login"));
        browser.findElement(By.name("loginId")).sendKeys(loginId);
        browser.findElement(By.name("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }

    /**
     * Clicks the recipient's switch and waits for the page it leads to: the old page must go first,
     * since after an earlier switch it already shows "saved".
     */
    private void switchProvision(String recipient) {
        org.openqa.selenium.WebElement button = provisionRow(recipient).findElement(By.cssSelector("button[type=submit]"));
        button.click();
        wait.until(ExpectedConditions.stalenessOf(button));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("saved")));
    }

    private org.openqa.selenium.WebElement provisionRow(String recipient) {
        return browser.findElement(By.cssSelector("#recipients tr[data-recipient='" + recipient + "']"));
    }

    private org.openqa.selenium.WebElement requestRow(String id) {
        return browser.findElement(By.cssSelector("#requests tr[data-request='" + id + "']"));
    }

    private org.openqa.selenium.WebElement marketing() {
        return browser.findElement(By.cssSelector("#purposes tr[data-purpose=MARKETING]"));
    }

    private String code(byte[] secret) {
        return totp.code(secret, Totp.step(clock.instant()));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private String newCustomer(String tag) {
        Map<PersonalField, String> values = new EnumMap<>(PersonalField.class);
        values.put(PersonalField.NAME_KANJI, "山田 花子" + tag);
        values.put(PersonalField.NAME_KANA, "ヤマダ ハナコ");
        values.put(PersonalField.EMAIL, "hanako." + tag + "@example.jp");
        values.put(PersonalField.ANNUAL_INCOME, "5200000");
        return personalData.register(SUPPORT, "B-" + tag, values).customerId();
    }

    /** Customer service enrolls the customer over the API, as an issuer's system would. */
    private String enroll(String customerId) throws Exception {
        String key = clients.register("browser-test-support", EnumSet.of(Role.CUSTOMER_SERVICE));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url("/api/v1/customers/" + customerId + "/portal-enrollment")))
                .header("X-Api-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"requestId\":\"browser-" + UUID.randomUUID() + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).get("activationCode").asText();
    }

    private void screenshot(String name) throws java.io.IOException {
        HeadlessChromium.screenshot(browser, name);
    }
}
