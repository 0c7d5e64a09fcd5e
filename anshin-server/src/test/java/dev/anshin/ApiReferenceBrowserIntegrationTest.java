package dev.anshin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The API reference in a real browser (headless Chromium): Swagger UI draws every tag under the
 * pages' content security policy (the browser refuses nothing: {@link HeadlessChromium#stop}), and
 * "Try it out" with a key given under "Authorize" calls the API with it. Skipped without Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "anshin.data-dir=./target/browser-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
class ApiReferenceBrowserIntegrationTest extends BrowserTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    ApiClients clients;

    ApiReferenceBrowserIntegrationTest() {
        super(1400, 1000);
    }

    @Test
    void tryItOutCallsTheApiWithTheKeyGivenUnderAuthorize() throws Exception {
        String key = clients.register("api-reference-" + System.nanoTime(), EnumSet.of(Role.ANALYST));
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(30));
        browser.get("http://localhost:" + port + "/api-docs");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("operations-tag-Authorizations")));
        assertThat(browser.findElements(By.cssSelector(".opblock-tag"))).hasSizeGreaterThan(10);

        browser.findElement(By.cssSelector(".auth-wrapper button.authorize")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-ux input"))).sendKeys(key);
        browser.findElement(By.cssSelector(".modal-ux .auth-btn-wrapper button.authorize")).click();
        browser.findElement(By.cssSelector(".modal-ux .btn-done")).click();

        browser.findElement(By.cssSelector("#operations-Ping-ping .opblock-summary")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#operations-Ping-ping .try-out__btn")))
                .click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#operations-Ping-ping button.execute")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#operations-Ping-ping .live-responses-table tbody .response-col_status"), "200"));
        assertThat(browser.findElement(By.cssSelector("#operations-Ping-ping .live-responses-table")).getText())
                .contains("\"status\": \"ok\"");
        HeadlessChromium.screenshot(browser, "api-reference.png");
    }
}
