package dev.anshin.site;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class PageModelTest {

    @Test
    void theLanguageSwitchKeepsThePageAndItsQueryButNotTheLanguage() {
        assertThat(PageModel.currentPath(get("/portal/usage", "month=2026-11&lang=en"))).isEqualTo("/portal/usage?month=2026-11");
        assertThat(PageModel.currentPath(get("/portal/usage", "lang=ja&month=2026-11"))).isEqualTo("/portal/usage?month=2026-11");
        assertThat(PageModel.currentPath(get("/console", "lang=en"))).isEqualTo("/console");
        assertThat(PageModel.currentPath(get("/", null))).isEqualTo("/");
    }

    @Test
    void aPageAnsweringAPostLinksToItsAddressWithoutTheForm() {
        MockHttpServletRequest post = new MockHttpServletRequest("POST", "/portal/disputes/new");
        post.setQueryString("authorization=a1");
        assertThat(PageModel.currentPath(post)).isEqualTo("/portal/disputes/new");
    }

    @Test
    void anErrorPageLinksToThePathThatFailed() {
        MockHttpServletRequest error = get("/error", null);
        error.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/portal/no-such-page");
        assertThat(PageModel.currentPath(error)).isEqualTo("/portal/no-such-page");
    }

    @Test
    void aPathABrowserWouldReadAsAnotherHostNeverBecomesALink() {
        for (String failed : new String[] {"//evil.example/x", "/\\evil.example/x", "/a\\b", "https://evil.example/",
                "/a b", "/a\"onmouseover=x", ""}) {
            MockHttpServletRequest error = get("/error", null);
            error.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, failed);
            assertThat(PageModel.currentPath(error)).as(failed).isEqualTo("/");
        }
    }

    @Test
    void aPageDropsTheFieldsItRefusedFromItsCurrentPath() {
        MockHttpServletRequest request = get("/console", "card=4111111111111111&decision=DECLINE&lang=en&merchant=x");
        PageModel.dropFromCurrentPath(request, java.util.Set.of("card"));
        assertThat(request.getAttribute("currentPath")).isEqualTo("/console?decision=DECLINE&merchant=x");
        MockHttpServletRequest only = get("/console", "card=4111%201111%201111%201111");
        PageModel.dropFromCurrentPath(only, java.util.Set.of("card"));
        assertThat(only.getAttribute("currentPath")).isEqualTo("/console");
    }

    @Test
    void textWithTwelveOrMoreDigitsMayHoldACardNumberHoweverItIsWritten() {
        assertThat(CardNumbers.mayHoldCardNumber("4111.1111.1111.1111")).isTrue();
        assertThat(CardNumbers.mayHoldCardNumber("4111/1111/1111/1111")).isTrue();
        assertThat(CardNumbers.mayHoldCardNumber("４１１１１１１１１１１１１１１１")).isTrue();
        assertThat(CardNumbers.mayHoldCardNumber("shop 4111-1111-1111")).isTrue();
        assertThat(CardNumbers.mayHoldCardNumber("411111******1111")).isFalse();
        assertThat(CardNumbers.mayHoldCardNumber("ローソン 1234")).isFalse();
        assertThat(CardNumbers.holdsDigitRun("shop 4111.1111.1111.1111")).isTrue();
        assertThat(CardNumbers.holdsDigitRun("４１１１ １１１１ １１１１")).isTrue();
        assertThat(CardNumbers.holdsDigitRun("M-123456-7890AB-123456")).isFalse();
        assertThat(CardNumbers.holdsDigitRun("12345678-1234-4234-8234-123456789012")).isFalse();
    }

    private static MockHttpServletRequest get(String path, String query) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setQueryString(query);
        return request;
    }
}
