package dev.anshin;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;

/**
 * A browser test's Chromium ({@link HeadlessChromium}): a fresh one before each test, its window the
 * size the test class asks for, living in a temporary home; the test skipped, with a message, without
 * Chromium; quit after the test, failing it when the pages' content security policy refused anything.
 * A test class's own {@code @BeforeEach} methods run after the browser started, its {@code @AfterEach}
 * methods before it quits.
 */
public abstract class BrowserTestSupport {

    @TempDir
    protected Path browserHome;

    protected WebDriver browser;

    private final int width;
    private final int height;

    /** A browser with a window of {@code width} × {@code height}. */
    protected BrowserTestSupport(int width, int height) {
        this.width = width;
        this.height = height;
    }

    @BeforeEach
    protected final void startBrowser() {
        browser = HeadlessChromium.startOrSkip(browserHome, width, height);
    }

    @AfterEach
    protected final void stopBrowser() {
        HeadlessChromium.stop(browser);
    }
}
