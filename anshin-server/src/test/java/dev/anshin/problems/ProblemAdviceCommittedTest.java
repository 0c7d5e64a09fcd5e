package dev.anshin.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A failure after part of the answer went out (a streamed download cut part-way) gets no problem appended:
 * it is thrown on, so the container breaks the connection off.
 */
class ProblemAdviceCommittedTest {

    private final ProblemAdvice advice = new ProblemAdvice(new OutageLog());

    private static MockHttpServletResponse committed() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.getOutputStream().write("{\"held\":[{\"items\":[".getBytes(StandardCharsets.UTF_8));
        response.flushBuffer();
        return response;
    }

    @Test
    void anUnexpectedFailureAfterTheResponseWasCommittedIsThrownOnAndNothingIsAppended() throws Exception {
        MockHttpServletResponse response = committed();
        IllegalStateException failure = new IllegalStateException("cut");

        assertThatThrownBy(() -> advice.unexpected(failure, new MockHttpServletRequest("GET",
                "/api/v1/privacy/requests/r/disclosure.json"), response)).isSameAs(failure);
        assertThat(response.getContentAsString()).isEqualTo("{\"held\":[{\"items\":[");
    }

    @Test
    void aDatabaseOutageAfterTheResponseWasCommittedIsThrownOnAndNothingIsAppended() throws Exception {
        MockHttpServletResponse response = committed();
        DataAccessResourceFailureException outage = new DataAccessResourceFailureException("away",
                new java.net.ConnectException("refused"));

        assertThatThrownBy(() -> advice.database(outage, new MockHttpServletRequest("GET",
                "/api/v1/privacy/requests/r/disclosure.json"), response)).isSameAs(outage);
        assertThat(response.getContentAsString()).isEqualTo("{\"held\":[{\"items\":[");
    }

    @Test
    void anUnexpectedFailureBeforeAnythingWasSentIsStillAProblem() throws Exception {
        var answer = advice.unexpected(new IllegalStateException("x"), new MockHttpServletRequest("GET",
                "/api/v1/privacy/requests/r/disclosure.json"), new MockHttpServletResponse());

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(answer.getBody()).isNotNull();
    }
}
