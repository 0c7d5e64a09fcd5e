package dev.anshin.ekyc;

import dev.anshin.access.SecurityHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two doors of the module's own, before the API's and the console's. The vendor's webhook carries
 * no API key: it is authenticated by its signature, which the controller checks on the raw body
 * before anything is read (so the door itself lets every request through, stateless, no CSRF: no
 * cookie authenticates it). The sandbox vendor's pages are open to anyone, like a vendor's, with
 * CSRF on their forms and the pages' strict content security policy.
 */
@Configuration(proxyBeanMethods = false)
class EkycSecurity {

    @Bean
    @Order(-10)
    SecurityFilterChain ekycWebhook(HttpSecurity http) throws Exception {
        http.securityMatcher(EkycWebhookController.PATH)
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .headers(SecurityHeaders.forApi());
        return http.build();
    }

    @Bean
    @Order(-9)
    SecurityFilterChain ekycSandboxPages(HttpSecurity http) throws Exception {
        http.securityMatcher(SandboxPages.PATH + "/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .requestCache(cache -> cache.disable())
                .headers(SecurityHeaders.forPages());
        return http.build();
    }
}
