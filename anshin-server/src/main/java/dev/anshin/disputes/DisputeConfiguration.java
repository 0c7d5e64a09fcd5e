package dev.anshin.disputes;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(DisputeProperties.class)
class DisputeConfiguration {

    /** The network's dispute system: the sandbox until the issuer provides its own adapter. */
    @Bean
    @ConditionalOnMissingBean(ChargebackNetwork.class)
    ChargebackNetwork sandboxChargebackNetwork(Clock clock) {
        return new SandboxChargebackNetwork(clock);
    }
}
