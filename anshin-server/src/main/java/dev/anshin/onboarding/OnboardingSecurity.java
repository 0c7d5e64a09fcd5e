package dev.anshin.onboarding;

import dev.anshin.access.SecurityHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The application pages' own door, before the console's: open to anyone (an applicant has no account
 * yet), CSRF on every form (the session's token, as the portal's), the pages' strict content security
 * policy. The applicant's own application is found by the resume-token cookie, never by an id alone.
 */
@Configuration(proxyBeanMethods = false)
class OnboardingSecurity {

    @Bean
    @Order(-8)
    SecurityFilterChain applicationPagesDoor(HttpSecurity http) throws Exception {
        http.securityMatcher("/apply", "/apply/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .requestCache(cache -> cache.disable())
                .headers(SecurityHeaders.forPages());
        return http.build();
    }
}
