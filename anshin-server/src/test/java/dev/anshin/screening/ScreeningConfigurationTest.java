package dev.anshin.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Which credit bureau an installation asks: none unless one is configured, never the sandbox by accident. */
class ScreeningConfigurationTest {

    @Configuration
    @EnableConfigurationProperties(ScreeningProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, ScreeningConfiguration.class);

    private static final CreditBureau.BureauInquiry INQUIRY = new CreditBureau.BureauInquiry("APP-1", null,
            CreditBureau.InquiryPurpose.APPLICATION);

    @Test
    void withoutASettingNoBureauAnswersSoNothingIsApproved() {
        context.run(started -> {
            assertThat(started).doesNotHaveBean(SandboxCreditBureau.class);
            assertThat(started.getBean(ScreeningProperties.class).bureau()).isEqualTo("none");
            CreditBureau bureau = started.getBean(CreditBureau.class);
            assertThatThrownBy(() -> bureau.inquire(INQUIRY)).isInstanceOf(CreditBureau.Unavailable.class);
        });
    }

    @Test
    void theSandboxAnswersOnlyWhenChosen() {
        context.withPropertyValues("anshin.screening.bureau=sandbox").run(started -> {
            assertThat(started).hasSingleBean(CreditBureau.class).hasSingleBean(SandboxCreditBureau.class);
            assertThat(started.getBean(CreditBureau.class).inquire(INQUIRY)).isNotNull();
        });
    }

    @Test
    void anotherBureauNameLeavesTheRealAdapterAlone() {
        context.withPropertyValues("anshin.screening.bureau=cic")
                .run(started -> assertThat(started).doesNotHaveBean(CreditBureau.class));
    }
}
