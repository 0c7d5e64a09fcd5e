package dev.anshin.devices;

/** Signs that a browser is driven by a program rather than a person (words: devices.marker.* in the bundle). */
public enum AutomationMarker {
    /** {@code navigator.webdriver} is true: WebDriver, Selenium, Puppeteer and Playwright set it by default. */
    WEBDRIVER,
    /** The user agent names a headless browser (HeadlessChrome, PhantomJS…). */
    HEADLESS_USER_AGENT,
    /** No languages at all, which no person's browser reports. */
    NO_LANGUAGES,
    /** A desktop Chromium without its built-in PDF plugins, as old headless builds show. */
    NO_PLUGINS,
    /** A window with no outer size: no screen draws it. */
    ZERO_OUTER_WINDOW,
    /** WebGL drawn in software (SwiftShader, llvmpipe): headless browsers, virtual machines, emulators. */
    SOFTWARE_RENDERER,
    /** The user agent the script read differs from the one the request carried: signals replayed or forged. */
    INCONSISTENT_USER_AGENT
}
