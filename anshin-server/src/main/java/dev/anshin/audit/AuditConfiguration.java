package dev.anshin.audit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The audit key, loaded once, and the chain and verifier that use it. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AuditConfiguration {

    @Bean
    AuditKey auditKey(AuditProperties properties) {
        return AuditKey.loadOrCreate(properties.keyset(), properties.keysetFile());
    }

    @Bean
    AuditChain auditChain(AuditKey key) {
        return new AuditChain(key);
    }

    @Bean
    AuditVerifier auditVerifier(AuditKey key) {
        return new AuditVerifier(key);
    }
}
