package dev.anshin.voice.analysis;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The redactor as a bean, for the intake and the pages to inject (it is plain Java and may also be constructed). */
@Configuration(proxyBeanMethods = false)
class VoiceAnalysisConfiguration {

    @Bean
    Redactor voiceRedactor() {
        return new Redactor();
    }
}
