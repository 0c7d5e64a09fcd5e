package dev.anshin.portal;

import dev.anshin.HeadlessChromium;
import dev.anshin.MovableClock;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The portal's two-step sign-in as a cardholder does it in the browser, for the browser tests. */
public final class PortalBrowserSignIn {

    private PortalBrowserSignIn() {
    }

    /**
     * Password, then the authenticator code of a fresh time step (the clock moves on 30 s, so a code
     * used before is never reused), landing on the home (card use).
     */
    static void signIn(WebDriver browser, WebDriverWait wait, String baseUrl, String loginId, String password,
            byte[] secret, MovableClock clock) {
        clock.advance(Duration.ofSeconds(30));
        toCodeStep(browser, baseUrl, loginId, password);
        browser.findElement(By.name("code")).sendKeys(new Totp().code(secret, Totp.step(clock.instant())));
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/portal/usage"));
    }

    /** The first step (login id and password), leaving the browser on the page that asks for the code. */
    public static void toCodeStep(WebDriver browser, String baseUrl, String loginId, String password) {
        browser.get(baseUrl + "/portal/login");
        browser.findElement(By.name("loginId")).sendKeys(loginId);
        browser.findElement(By.name("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        HeadlessChromium.waitFor(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/portal/login/code"));
    }
}
