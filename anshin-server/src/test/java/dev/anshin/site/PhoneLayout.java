package dev.anshin.site;

import dev.anshin.HeadlessChromium;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** What a page shown on a phone must not have, for the browser tests of the pages people use on one. */
public final class PhoneLayout {

    private PhoneLayout() {
    }

    /**
     * Nothing wider than the phone, buttons big enough to tap (24 px, WCAG 2.2's target size), and nothing
     * axe finds serious; each problem a line naming {@code page}. Without axe-core installed its checks are
     * skipped, and said so.
     */
    public static List<String> problems(WebDriver browser, String page) throws Exception {
        List<String> problems = new ArrayList<>();
        long overflow = HeadlessChromium.overflow(browser);
        if (overflow > 0) {
            problems.add(page + ": " + overflow + " px wider than the phone");
        }
        for (WebElement button : browser.findElements(By.cssSelector("main button, main a.button"))) {
            if (button.getSize().getHeight() < 24) {
                problems.add(page + ": button " + button.getAttribute("id") + " is under 24 px high");
            }
        }
        if (Axe.installed()) {
            problems.addAll(Axe.seriousFindings(browser, page));
        } else {
            System.out.println("NOTICE: accessibility (axe) checks SKIPPED: npm ci in anshin-server/src/test/a11y");
        }
        return problems;
    }
}
