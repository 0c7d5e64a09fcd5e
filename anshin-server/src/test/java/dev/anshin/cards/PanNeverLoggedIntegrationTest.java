package dev.anshin.cards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A PAN must not reach the logs, not even at DEBUG, whether the request succeeds or fails. */
@ExtendWith(OutputCaptureExtension.class)
class PanNeverLoggedIntegrationTest extends IntegrationTestSupport {

    private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

    @BeforeEach
    void logEverything() {
        logging.setLogLevel("org.springframework.web", LogLevel.DEBUG);
        logging.setLogLevel("dev.anshin", LogLevel.DEBUG);
        logging.setLogLevel("org.springframework.jdbc", LogLevel.DEBUG);
    }

    @AfterEach
    void restoreLogging() {
        logging.setLogLevel("org.springframework.web", null);
        logging.setLogLevel("dev.anshin", null);
        logging.setLogLevel("org.springframework.jdbc", null);
    }

    @Test
    void panIsAbsentFromTheLogs(CapturedOutput output) throws Exception {
        String registered = newPan();
        cards.register(registered);
        String unknown = newPan();

        Map<String, Object> ok = authorization(newId("pan-log"), "x");
        ok.put("card", Map.of("pan", registered));
        postAuthorization(ok).andExpect(status().isOk());

        Map<String, Object> notRegistered = authorization(newId("pan-log"), "x");
        notRegistered.put("card", Map.of("pan", unknown));
        postAuthorization(notRegistered).andExpect(status().isUnprocessableContent());

        Map<String, Object> invalid = authorization(newId("pan-log"), "x");
        invalid.put("card", Map.of("pan", registered));
        invalid.put("mcc", "nope");
        postAuthorization(invalid).andExpect(status().isUnprocessableContent());

        postAuthorization("{\"card\": {\"pan\": \"" + registered + "\"}, \"amount\": ").andExpect(status().isBadRequest());

        assertThat(output.getAll()).contains("AuthorizationController")
                .doesNotContain(registered)
                .doesNotContain(unknown);
    }
}
