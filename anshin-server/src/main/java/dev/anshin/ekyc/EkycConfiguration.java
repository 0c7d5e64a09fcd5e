package dev.anshin.ekyc;

import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider named by {@code anshin.ekyc.provider}: {@code sandbox} here; a real vendor's adapter is
 * an {@link EkycProvider} bean of its own under its name. With {@code none} (the default outside the
 * demo) no verification can be started, so an application cannot pass eKYC by accident.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EkycProperties.class)
class EkycConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EkycConfiguration.class);
    static final String SANDBOX = "anshin.ekyc.provider";

    @Bean
    @ConditionalOnProperty(name = SANDBOX, havingValue = SandboxEkycProvider.NAME)
    SandboxSigningKey sandboxSigningKey(EkycProperties properties, @Value("${anshin.keys-dir}") Path keysDir) {
        Path file = properties.sandbox().signingSecretFile() != null ? properties.sandbox().signingSecretFile()
                : keysDir.resolve("ekyc-sandbox-signing-secret");
        return new SandboxSigningKey(file);
    }

    @Bean
    @ConditionalOnProperty(name = SANDBOX, havingValue = SandboxEkycProvider.NAME)
    SandboxEkycProvider sandboxEkycProvider() {
        log.warn("eKYC runs on the SANDBOX provider: nobody's identity is really checked (anshin.ekyc.provider; "
                + "docs/ekyc.md). Fine for the demo and tests, never for real applicants.");
        return new SandboxEkycProvider();
    }

    @Bean
    @ConditionalOnProperty(name = SANDBOX, havingValue = SandboxEkycProvider.NAME)
    SandboxWebhookSender sandboxWebhookSender(SandboxSigningKey key, EkycProperties properties, Environment environment,
            JsonMapper json, Clock clock) {
        return new SandboxWebhookSender(key, properties.sandbox(), environment, json, clock);
    }
}
