package dev.anshin.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.StartupCredentialsListener;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;

/**
 * A start without the demo (the production path) keeps nothing of what access printed at start: no
 * banner to hand the startup key to, and no credentials file in the data folder.
 */
class NoDemoBannerInProductionIntegrationTest extends IntegrationTestSupport {

    @Autowired
    ApplicationContext context;

    @Value("${anshin.data-dir}")
    Path dataDir;

    @Test
    void aStartWithoutTheDemoHoldsNoCredentialsAndWritesNoCredentialsFile() {
        assertThat(context.getBeansOfType(StartupCredentialsListener.class)).isEmpty();
        assertThat(context.getBeansOfType(DemoBanner.class)).isEmpty();
        assertThat(dataDir.resolve(DemoBanner.FILE)).doesNotExist();
    }
}
