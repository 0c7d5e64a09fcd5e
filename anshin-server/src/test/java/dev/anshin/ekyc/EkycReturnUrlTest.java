package dev.anshin.ekyc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Where the sandbox's page sends the applicant back: paths on Anshin only, so it is no open redirect. */
class EkycReturnUrlTest {

    @Test
    void aPathOnAnshinIsAccepted() {
        assertThat(EkycVerifications.acceptableReturn(URI.create("/apply/done?step=3"))).isTrue();
    }

    @Test
    void anotherSiteIsRefusedHoweverItIsWritten() {
        for (String url : new String[] {"https://evil.example/apply", "http://evil.example", "//evil.example/apply",
                "javascript:alert(1)", "apply/done"}) {
            assertThat(EkycVerifications.acceptableReturn(URI.create(url))).as(url).isFalse();
        }
    }
}
