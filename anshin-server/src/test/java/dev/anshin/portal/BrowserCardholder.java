package dev.anshin.portal;

import dev.anshin.HeadlessChromium;
import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.MovableClock;
import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.json.JsonMapper;

/**
 * A cardholder with a portal account, made the way a real one is (customer service registers the
 * customer and enrols them over the API; the cardholder activates in the browser and sets up the
 * authenticator), then signed in: for browser tests outside this package that need a signed-in
 * cardholder.
 *
 * @param customerId the customer's id
 * @param loginId    the portal login id
 */
public record BrowserCardholder(String customerId, String loginId) {

    /** The password every cardholder made here signs in with. */
    public static final String PASSWORD = "sakura-2026-portal";
    private static final Actor SUPPORT = new Actor("browser-test-support", Set.of(Role.CUSTOMER_SERVICE), "test");

    /** Registers, enrols and activates a new cardholder in {@code browser}, which signs them in. */
    public static BrowserCardholder signedIn(WebDriver browser, String baseUrl, PersonalData personalData,
            ApiClients clients, JsonMapper json, MovableClock clock) throws Exception {
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(20));
        BrowserCardholder cardholder = atAuthenticatorStep(browser, baseUrl, personalData, clients, json);
        String loginId = cardholder.loginId();
        byte[] secret = Totp.fromBase32(browser.findElement(By.id("secret")).getText());
        browser.findElement(By.name("code")).sendKeys(new Totp().code(secret, Totp.step(clock.instant())));
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        // The activation signs the cardholder in, on their home.
        wait.until(ExpectedConditions.urlContains("/portal/usage"));
        return cardholder;
    }

    /**
     * Activates a portal account with an activation code the cardholder was given elsewhere (the online
     * application's decision page), typed in by hand, and sets up the authenticator, which signs them in; the
     * browser is left on the portal's home.
     */
    public static void activateAndSignIn(WebDriver browser, String baseUrl, String activationCode, String loginId,
            MovableClock clock) {
        browser.get(baseUrl + "/portal/activate");
        browser.findElement(By.name("activationCode")).sendKeys(activationCode);
        finishActivation(browser, loginId, clock);
        HeadlessChromium.waitFor(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/portal/usage"));
    }

    /**
     * On the activation page with the code already in (typed, or filled in from the decision page's link):
     * chooses the login id and password and sets up the authenticator; the browser is left where the
     * activation lands, signed in. For the onboarding module's browser test.
     */
    public static void finishActivation(WebDriver browser, String loginId, MovableClock clock) {
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(20));
        browser.findElement(By.name("loginId")).sendKeys(loginId);
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        browser.findElement(By.name("passwordAgain")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("secret")));
        byte[] secret = Totp.fromBase32(browser.findElement(By.id("secret")).getText());
        browser.findElement(By.name("code")).sendKeys(new Totp().code(secret, Totp.step(clock.instant())));
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/portal/activate")));
    }

    /**
     * Registers and enrols a new cardholder, and activates the portal account in {@code browser} up to
     * the authenticator's set-up (the page showing its key), where it leaves the browser.
     */
    public static BrowserCardholder atAuthenticatorStep(WebDriver browser, String baseUrl, PersonalData personalData,
            ApiClients clients, JsonMapper json) throws Exception {
        WebDriverWait wait = HeadlessChromium.waitFor(browser, Duration.ofSeconds(20));
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Map<PersonalField, String> values = new EnumMap<>(PersonalField.class);
        values.put(PersonalField.NAME_KANJI, "山田 花子" + tag);
        values.put(PersonalField.NAME_KANA, "ヤマダ ハナコ");
        values.put(PersonalField.EMAIL, "hanako." + tag + "@example.jp");
        String customer = personalData.register(SUPPORT, "L-" + tag, values).customerId();

        String key = clients.register("browser-test-support-" + tag, EnumSet.of(Role.CUSTOMER_SERVICE));
        HttpResponse<String> enrolled = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/api/v1/customers/" + customer + "/portal-enrollment"))
                .header("X-Api-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"requestId\":\"browser-" + UUID.randomUUID() + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
        String activationCode = json.readTree(enrolled.body()).get("activationCode").asText();

        String loginId = "hanako-" + tag;
        browser.get(baseUrl + "/portal/activate");
        browser.findElement(By.name("activationCode")).sendKeys(activationCode);
        browser.findElement(By.name("loginId")).sendKeys(loginId);
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        browser.findElement(By.name("passwordAgain")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("secret")));
        return new BrowserCardholder(customer, loginId);
    }
}
