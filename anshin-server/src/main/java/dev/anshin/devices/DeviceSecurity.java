package dev.anshin.devices;

import dev.anshin.access.SecurityHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The collector's door ({@code /device/**}): open, since applicants have no account; no session and
 * no CSRF token, since no cookie authenticates anything here and an observation changes no one's
 * account (the form that later carries the reference is the one with CSRF protection); instead the
 * observation must come from this site's own pages ({@link SameOrigin}) as JSON, which no other site
 * can send without a CORS preflight (never granted). The script's own answer is cacheable (the
 * controllers set Cache-Control); every other header as on the API.
 */
@Configuration(proxyBeanMethods = false)
class DeviceSecurity {

    @Bean
    @Order(3)
    SecurityFilterChain deviceCollectorDoor(HttpSecurity http) throws Exception {
        http.securityMatcher("/device/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/device/collector.js").permitAll()
                        .requestMatchers(HttpMethod.POST, "/device/observations").permitAll()
                        .anyRequest().denyAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .headers(headers -> {
                    SecurityHeaders.forApi().customize(headers);
                    headers.cacheControl(cache -> cache.disable());
                });
        return http.build();
    }
}
