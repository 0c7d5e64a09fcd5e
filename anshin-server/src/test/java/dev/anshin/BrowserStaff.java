package dev.anshin;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A demo staff user signed in through the console's sign-in page, for the pages' browser tests. */
public final class BrowserStaff {

    /** The demo users' password in these tests ({@code anshin.access.demo-password}). */
    public static final String PASSWORD = "browser-test-password";

    private BrowserStaff() {
    }

    /** Signs {@code user} in and waits for a signed-in page (its sign-out button). */
    public static void signIn(WebDriver browser, String baseUrl, String user) {
        browser.get(baseUrl + "/login");
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        HeadlessChromium.waitFor(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
    }
}
