package dev.anshin.onboarding;

import dev.anshin.access.SecurityHeaders;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application pages' own door, before the console's: open to anyone (an applicant has no account
 * yet), CSRF on every form (the session's token, as the portal's), the pages' strict content security
 * policy. The applicant's own application is found by the resume-token cookie, never by an id alone.
 */
@Configuration(proxyBeanMethods = false)
class OnboardingSecurity {

    static final String FORM_TOO_OLD = "/apply/expired";

    @Bean
    @Order(-8)
    SecurityFilterChain applicationPagesDoor(HttpSecurity http, JsonMapper json) throws Exception {
        http.securityMatcher("/apply", "/apply/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .requestCache(cache -> cache.disable())
                .headers(SecurityHeaders.forPages())
                .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, denied) ->
                        formTooOld(request, response, json)));
        return http.build();
    }

    /**
     * Every page here is open, so the only refusal is the CSRF check: a form sent without its token, or with
     * the token of a session that has ended (the page was left open too long). Not the staff's "your role does
     * not allow this" page: a person's browser is sent to a page that says so and leads back to the start or
     * the application's next step; anything else gets a problem with a stable type.
     */
    private static void formTooOld(HttpServletRequest request, HttpServletResponse response, JsonMapper json)
            throws IOException {
        if (ApplyPages.wantsPage(request)) {
            response.setStatus(HttpStatus.SEE_OTHER.value());
            response.setHeader(HttpHeaders.LOCATION, request.getContextPath() + FORM_TOO_OLD);
            return;
        }
        response.setStatus(ProblemType.FORBIDDEN.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problems.of(ProblemType.FORBIDDEN,
                "The form's CSRF token is missing or no longer valid (the page was open too long): "
                        + "load the page again and send the form from it.", List.of()));
    }
}
