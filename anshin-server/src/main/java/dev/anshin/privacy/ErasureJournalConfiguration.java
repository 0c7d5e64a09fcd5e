package dev.anshin.privacy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The server's erasure journal, from the privacy settings. */
@Configuration(proxyBeanMethods = false)
class ErasureJournalConfiguration {

    @Bean
    ErasureJournal erasureJournal(PrivacyProperties properties) {
        return ErasureJournal.openOrCreate(properties.erasureJournalFile(), properties.erasureJournalKeyset(),
                properties.erasureJournalKeysetFile());
    }
}
