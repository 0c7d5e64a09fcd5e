package dev.anshin.access;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Forwarded headers ignored behind a proxy: said once, naming the setting and docs/tls.md, never the address. */
class ForwardedHeadersWarningTest {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ForwardedHeadersWarning.class);

    @BeforeEach
    void listen() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
    }

    private static void send(ForwardedHeadersWarning filter, String forwardedFor) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/apply");
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).isSameAs(request); // the request goes on untouched
    }

    @Test
    void requestsThroughAProxyWhoseHeadersAreIgnoredAreSaidOnceWithoutTheAddress() throws Exception {
        ForwardedHeadersWarning filter = new ForwardedHeadersWarning(new MockEnvironment());
        send(filter, null);
        assertThat(logged.list).isEmpty();
        send(filter, "203.0.113.77");
        send(filter, "203.0.113.78");
        send(filter, "198.51.100.9, 10.0.0.1");
        assertThat(logged.list).hasSize(1);
        String line = logged.list.get(0).getFormattedMessage();
        assertThat(logged.list.get(0).getLevel().toString()).isEqualTo("WARN");
        assertThat(line).contains("server.forward-headers-strategy=native").contains("docs/tls.md")
                .doesNotContain("203.0.113").doesNotContain("198.51.100");
    }

    @Test
    void nothingIsSaidWhenForwardedHeadersAreTrusted() throws Exception {
        ForwardedHeadersWarning filter = new ForwardedHeadersWarning(
                new MockEnvironment().withProperty("server.forward-headers-strategy", "native"));
        send(filter, "203.0.113.77");
        assertThat(logged.list).isEmpty();
    }
}
