package dev.anshin.devicerecognition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.BrowserStaff;
import dev.anshin.BrowserTestSupport;
import dev.anshin.HeadlessChromium;
import dev.anshin.IntegrationTestSupport;
import dev.anshin.MovableClock;
import dev.anshin.cards.Cards;
import dev.anshin.fraud.Decisions;
import dev.anshin.fraud.StoredDecision;
import dev.anshin.fraud.StoredDecisionFixtures;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.Decision;
import dev.anshin.scoring.DeviceFacts;
import dev.anshin.scoring.Reason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/** The decision drill-down shows the device module's reasons in words, on a phone and a desktop, ja and en. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/device-browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=" + BrowserStaff.PASSWORD})
@Import(MovableClock.class)
class DeviceReasonsBrowserIntegrationTest extends BrowserTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    Decisions decisions;

    @Autowired
    Cards cards;

    DeviceReasonsBrowserIntegrationTest() {
        super(390, 900);
    }

    @Test
    void theDrillDownNamesTheDeviceReasonsInWords() throws Exception {
        String id = "device-reasons-" + Instant.now().toEpochMilli();
        String card = cards.register(IntegrationTestSupport.newPan()).token();
        StoredDecision base = StoredDecisionFixtures.decision(id, card, "m-device", "SHOP DEVICE TOKYO",
                Instant.now().minusSeconds(60), Decision.REVIEW, 0.81, "m-1", List.of(
                        new Reason(Reason.Kind.DEVICE, "CONFIRMED_FRAUD", "device: CONFIRMED_FRAUD", 0.0),
                        new Reason(Reason.Kind.DEVICE, "AUTOMATION", "device: AUTOMATION", 0.0),
                        new Reason(Reason.Kind.FEATURE, "device_known_frauds_60d", "device_known_frauds_60d=2", 1.2)));
        Authorization a = base.authorization();
        StoredDecisionFixtures.insert(decisions, List.of(new StoredDecision(a.withDevice(a.device().recognisedAs(
                "7d4c2a9e-1b3f-4e5a-8c6d-9f0a1b2c3d4e", new DeviceFacts(true, 0, 1, 0,
                        List.of("CONFIRMED_FRAUD", "AUTOMATION")))), base.fingerprint(), base.decision(),
                base.processingMicros(), base.decidedAt())));
        String base0 = "http://localhost:" + port;
        BrowserStaff.signIn(browser, base0, "analyst");

        browser.get(base0 + "/console/decisions/" + id);
        List<String> words = browser.findElements(By.cssSelector("#reason-table td.words")).stream()
                .map(WebElement::getText).toList();
        assertThat(words).containsExactly("機器の評判：この機器からの取引で不正利用が確認されています",
                "機器の評判：自動操作の兆候（WebDriver、ヘッドレスブラウザなど）があります",
                "この機器で直近60日に判明している不正 2件");
        assertThat(browser.findElements(By.cssSelector("#reason-table tr[data-kind='DEVICE']"))).hasSize(2);
        ((JavascriptExecutor) browser).executeScript("document.getElementById('reason-table').scrollIntoView()");
        HeadlessChromium.screenshot(browser, "screenshots/decision-device-reasons-390.png");

        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(base0 + "/console/decisions/" + id + "?lang=en");
        assertThat(browser.findElement(By.cssSelector("#reason-table td.words")).getText())
                .isEqualTo("Device reputation: A transaction from this device was confirmed as fraud");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('reason-table').scrollIntoView()");
        HeadlessChromium.screenshot(browser, "screenshots/decision-device-reasons-1280-en.png");
    }
}
