package dev.anshin.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A browser on the voice staff pages (workbench, monthly review, countermeasures) that asks for something that is
 * not there or gives a wrong value gets the site's error page (through the container's error dispatch), naming the
 * parameter, never a JSON problem; a script still gets the RFC 9457 problem.
 */
class VoicePageErrorsIntegrationTest extends IntegrationTestSupport {

    private static final RequestPostProcessor CX = user("cx-errors").roles(Role.CUSTOMER_EXPERIENCE.name());

    /** The request as a browser sends it; its answer, with the error page the container would render for it. */
    private Answer browse(MockHttpServletRequestBuilder request, Locale locale) throws Exception {
        MvcResult result = mvc.perform(request.with(CX).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .locale(locale)).andReturn();
        MockHttpServletResponse response = result.getResponse();
        assertThat(response.getContentType()).as("no JSON problem for a browser").isNull();
        assertThat(response.getContentAsString()).isEmpty();
        Object fields = result.getRequest().getAttribute("problemFields");
        // MockMvc does not forward to /error: do what the container does with the status sent.
        MockHttpServletRequestBuilder error = get("/error").with(CX).header("Accept", "text/html").locale(locale)
                .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, response.getStatus())
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, result.getRequest().getRequestURI())
                .with(r -> {
                    r.setDispatcherType(DispatcherType.ERROR);
                    return r;
                });
        if (fields != null) {
            error.requestAttr("problemFields", fields);
        }
        MockHttpServletResponse page = mvc.perform(error).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(response.getStatus());
        assertThat(page.getContentType()).startsWith("text/html");
        return new Answer(response.getStatus(), page.getContentAsString());
    }

    private record Answer(int status, String page) {
    }

    @Test
    void unknownItemAndDepartmentAreTheNotFoundPage() throws Exception {
        Answer item = browse(get("/voice/items/nope-" + UUID.randomUUID()), Locale.JAPANESE);
        assertThat(item.status()).isEqualTo(404);
        assertThat(item.page()).contains("<html").contains("id=\"home\"").contains("404").doesNotContain("not-found");
        Answer queue = browse(get("/voice/queues/NOPE"), Locale.ENGLISH);
        assertThat(queue.status()).isEqualTo(404);
        assertThat(queue.page()).contains("lang=\"en\"").contains("404");
    }

    @Test
    void aWrongMonthIsThe4xxPageNamingTheMonth() throws Exception {
        Answer review = browse(get("/voice/reviews/2026-13"), Locale.JAPANESE);
        assertThat(review.status()).isEqualTo(422);
        assertThat(review.page()).contains("id=\"problem-fields\"").contains("「month」").contains("422");
    }

    @Test
    void aWrongQueryParameterIsA400PageNamingTheParameter() throws Exception {
        Answer period = browse(get("/voice").param("period", "WEEK"), Locale.ENGLISH);
        assertThat(period.status()).isEqualTo(400);
        assertThat(period.page()).contains("id=\"problem-fields\"").contains("Check the value of: period.");
        Answer ja = browse(get("/voice").param("period", "WEEK"), Locale.JAPANESE);
        assertThat(ja.page()).contains("入力項目（パラメータ）「period」の値を確認してください。");
        Answer filter = browse(get("/voice/queues/CONTACT_CENTER").param("sentiment", "ANGRY"), Locale.ENGLISH);
        assertThat(filter.status()).isEqualTo(400);
        assertThat(filter.page()).contains("Check the value of: sentiment.");
        Answer page = browse(get("/voice/queues/CONTACT_CENTER").param("page", "x"), Locale.ENGLISH);
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.page()).contains("Check the value of: page.");
    }

    @Test
    void aStatusChangeWithoutItsFromFieldIsThe4xxPage() throws Exception {
        Answer move = browse(post("/voice/countermeasures/" + UUID.randomUUID() + "/status").with(csrf())
                .param("to", "DONE"), Locale.JAPANESE);
        assertThat(move.status()).isEqualTo(422);
        assertThat(move.page()).contains("「from」");
    }

    @Test
    void aScriptStillGetsTheProblemWithItsTypeAndParameter() throws Exception {
        String body = mvc.perform(get("/voice").param("period", "WEEK").with(CX).header("Accept", "application/json"))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).contains("invalid-parameter").contains("\"period\"");
        MockHttpServletResponse missing = mvc.perform(get("/voice/items/nope").with(CX)).andReturn().getResponse();
        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(missing.getContentType()).startsWith("application/problem+json");
        assertThat(missing.getContentAsString()).contains("not-found");
    }
}
