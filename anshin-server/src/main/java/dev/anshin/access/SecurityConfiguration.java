package dev.anshin.access;

import dev.anshin.audit.RefusalAudit;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.Problems;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three doors here: the stateless API under /api (API keys, no session, no CSRF since no cookie can
 * authenticate it), its open reference (/api-docs) and the console (form login, session, CSRF on). The cardholder portal's door
 * (/portal, order 2) is the portal module's own: cardholders are not staff.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String ANALYST = Role.ANALYST.name();
    private static final String ADMIN = Role.ADMIN.name();
    private static final String CUSTOMER_SERVICE = Role.CUSTOMER_SERVICE.name();
    private static final String PRIVACY_OFFICER = Role.PRIVACY_OFFICER.name();
    private static final String CREDIT_OFFICER = Role.CREDIT_OFFICER.name();

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** Staff sign-in by password, throttled per address and name, with the lockout checked after the password. */
    @Bean
    DaoAuthenticationProvider staffAuthentication(StaffUsers users, PasswordEncoder passwords, SignInThrottle throttle) {
        return new StaffPasswordAuthentication(users, passwords, throttle);
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiClients clients, ApiLimits limits, JsonMapper json,
            ApplicationEventPublisher events, RefusalAudit refusals) throws Exception {
        apiKeyDoor(http, "/api/**", clients, limits, json, events, refusals)
                .authorizeHttpRequests(auth -> auth
                        // The async dispatch that answers a held refusal (HeldRefusals) was authorized when
                        // the request came; the API key is not looked up a second time.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/ping").authenticated()
                        .requestMatchers(HttpMethod.POST, "/api/v1/authorizations").hasRole(Role.SCORER.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/fraud-labels").hasRole(Role.LABELER.name())
                        .requestMatchers("/api/v1/audit/**").hasRole(PRIVACY_OFFICER)
                        .requestMatchers("/api/v1/backups", "/api/v1/backups/**").hasRole(Role.BACKUP_OPERATOR.name())
                        // Keys' names, roles and use are an administrator's business, reading included.
                        .requestMatchers("/api/v1/api-clients", "/api/v1/api-clients/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/cards/*/pan").hasRole(Role.CARD_DATA.name())
                        // Registering a card: ADMIN, or CUSTOMER_SERVICE, who alone may link it to its
                        // customer (CardController): an administrator sees no personal data.
                        .requestMatchers(HttpMethod.POST, "/api/v1/cards").hasAnyRole(ADMIN, CUSTOMER_SERVICE)
                        .requestMatchers(HttpMethod.POST, "/api/v1/disputes").hasRole(CUSTOMER_SERVICE)
                        .requestMatchers(HttpMethod.POST, "/api/v1/disputes/*/actions").hasRole(ANALYST)
                        .requestMatchers(HttpMethod.GET, "/api/v1/disputes", "/api/v1/disputes/*",
                                "/api/v1/dispute-reports/*").hasAnyRole(ANALYST, CUSTOMER_SERVICE)
                        .requestMatchers("/api/v1/compromised-points", "/api/v1/compromised-points/**")
                                .hasRole(ANALYST)
                        // Provisions and their exports, provision records and disclosures: privacy officers only.
                        .requestMatchers("/api/v1/privacy/provisions/**", "/api/v1/privacy/provision-records/**",
                                "/api/v1/privacy/provision-requests/**", "/api/v1/privacy/partner-providers/**",
                                "/api/v1/privacy/partner-receipts/**",
                                "/api/v1/privacy/requests/*/disclosure", "/api/v1/privacy/requests/*/disclosure.json",
                                "/api/v1/privacy/requests/*/disclosure.csv").hasRole(PRIVACY_OFFICER)
                        // A partner sends the data it provides, with its confirmation record; reads nothing back.
                        .requestMatchers(HttpMethod.POST, "/api/v1/partner-data/receipts")
                                .hasRole(Role.PARTNER_DATA.name())
                        .requestMatchers("/api/v1/partner-data/**").denyAll()
                        // Customer service records consent per recipient and tells people where their requests stand.
                        .requestMatchers(HttpMethod.GET, "/api/v1/privacy/recipients/**", "/api/v1/privacy/requests/**")
                                .hasAnyRole(CUSTOMER_SERVICE, PRIVACY_OFFICER)
                        // The master keyset's state is key custody: the privacy officer's, like rotating it.
                        .requestMatchers("/api/v1/privacy/master-key", "/api/v1/privacy/master-key/**")
                                .hasRole(PRIVACY_OFFICER)
                        // What retention removed and when: the privacy officer's, and the administrator's who runs the servers.
                        .requestMatchers(HttpMethod.GET, "/api/v1/privacy/retention").hasAnyRole(ADMIN, PRIVACY_OFFICER)
                        .requestMatchers(HttpMethod.GET, "/api/v1/privacy/**")
                                .hasAnyRole(ANALYST, ADMIN, CUSTOMER_SERVICE, PRIVACY_OFFICER)
                        .requestMatchers("/api/v1/privacy/**").hasRole(PRIVACY_OFFICER)
                        // Which purpose and which fields each role may use is decided per request by
                        // the privacy module's access path, which audits refusals too.
                        .requestMatchers(HttpMethod.POST, "/api/v1/customers/*/portal-enrollment")
                                .hasRole(CUSTOMER_SERVICE)
                        .requestMatchers("/api/v1/customers/**").hasAnyRole(ANALYST, CUSTOMER_SERVICE, PRIVACY_OFFICER)
                        // Limit reductions: credit officers decide, analysts read (not administrators).
                        .requestMatchers(HttpMethod.POST, "/api/v1/screening/proposals/*/decision")
                                .hasRole(CREDIT_OFFICER)
                        .requestMatchers(HttpMethod.GET, "/api/v1/screening/**").hasAnyRole(ANALYST, CREDIT_OFFICER)
                        .requestMatchers("/api/v1/screening/**").denyAll()
                        .requestMatchers("/api/v1/applications", "/api/v1/applications/**")
                                .hasRole(Role.APPLICATION_INTAKE.name())
                        // Statistics: analysts define and preview, a privacy officer publishes, partners read
                        // what is published; the reference data (merchant directory, BIN table) is ADMIN's.
                        .requestMatchers(HttpMethod.GET, "/api/v1/statistics/published", "/api/v1/statistics/published/**")
                                .hasAnyRole(Role.STATISTICS_READER.name(), ANALYST, PRIVACY_OFFICER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/statistics/releases/*/publication")
                                .hasRole(PRIVACY_OFFICER)
                        .requestMatchers(HttpMethod.PUT, "/api/v1/statistics/merchant-directory",
                                "/api/v1/statistics/bin-countries").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/statistics/reports", "/api/v1/statistics/reports/**")
                                .hasRole(ANALYST)
                        .requestMatchers(HttpMethod.GET, "/api/v1/statistics/**").hasAnyRole(ANALYST, PRIVACY_OFFICER)
                        .requestMatchers("/api/v1/statistics/**").denyAll()
                        // The voice of the customer: the call-center and store systems send voices.
                        // A voice's original words: the privacy officer only, for the person's own requests; the
                        // systems sending voices (API keys) have no use for them and never read them.
                        .requestMatchers(HttpMethod.GET, "/api/v1/voices/*/original").hasRole(PRIVACY_OFFICER)
                        .requestMatchers("/api/v1/voices", "/api/v1/voices/**").hasRole(CUSTOMER_SERVICE)
                        .requestMatchers(HttpMethod.GET, "/api/v1/**").hasAnyRole(ANALYST, ADMIN)
                        .requestMatchers("/api/v1/**").hasRole(ADMIN)
                        .anyRequest().denyAll());
        return http.build();
    }

    /**
     * The metrics scrape: an API key with the METRICS role (least privilege: a monitoring system
     * gets no ADMIN and no session), sent in {@code X-Api-Key} like every machine client's.
     */
    @Bean
    @Order(0)
    SecurityFilterChain metrics(HttpSecurity http, ApiClients clients, ApiLimits limits, JsonMapper json,
            ApplicationEventPublisher events, RefusalAudit refusals) throws Exception {
        apiKeyDoor(http, "/actuator/prometheus", clients, limits, json, events, refusals)
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole(Role.METRICS.name()));
        return http.build();
    }

    /**
     * The API reference (Swagger UI at /api-docs) and the OpenAPI document it reads: open to anyone,
     * since they describe the API and hold none of its data (every call made from them still needs an
     * API key); no session. Its own door for its own content security policy
     * ({@link SecurityHeaders#API_REFERENCE_POLICY}), so that no other page's is loosened.
     */
    @Bean
    @Order(3)
    SecurityFilterChain apiReference(HttpSecurity http) throws Exception {
        http.securityMatcher("/api-docs", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .headers(SecurityHeaders.forApiReference());
        return http.build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain console(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        // The error page a failed page request is forwarded to (e.g. 503 while the database
                        // is away): the forward keeps the page's own path, where a matcher for /error does
                        // not see it, and would send a signed-in user to the sign-in page instead.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        // /error must stay open, or every error reaches the client as 403 (STACK-NOTES.md).
                        .requestMatchers("/error", "/login", "/actuator/health", "/actuator/health/**",
                                "/assets/**", "/console/assets/**", "/favicon.ico")
                        .permitAll()
                        // The public opinion form: anyone may send a voice, without signing in (CSRF kept).
                        .requestMatchers("/opinion").permitAll()
                        // Handing a dispute case to an analyst: analysts, and admins who share out the work.
                        .requestMatchers(HttpMethod.POST, "/console/disputes/*/assignment").hasAnyRole(ANALYST, ADMIN)
                        // Acting on dispute cases and blocking exposed cards: analysts only (admins may look).
                        .requestMatchers(HttpMethod.POST, "/console/disputes/**", "/console/compromised-points/**")
                                .hasRole(ANALYST)
                        // The administrators' pages: API keys are an administrator's alone, reading included
                        // (as in the API); analysts may read models and rules, only administrators change them.
                        .requestMatchers("/console/admin/keys", "/console/admin/keys/**").hasRole(ADMIN)
                        // Limit reductions and re-screening runs: credit officers decide and start runs;
                        // analysts read (the admin demo user reads as an analyst); administrators as such do not.
                        .requestMatchers(HttpMethod.POST, "/console/screening/**").hasRole(CREDIT_OFFICER)
                        .requestMatchers("/console/screening", "/console/screening/**")
                                .hasAnyRole(ANALYST, CREDIT_OFFICER)
                        // Referred applications: credit officers decide, analysts read.
                        .requestMatchers(HttpMethod.POST, "/console/applications/**").hasRole(CREDIT_OFFICER)
                        .requestMatchers("/console/applications", "/console/applications/**")
                                .hasAnyRole(ANALYST, CREDIT_OFFICER)
                        .requestMatchers(HttpMethod.POST, "/console/statistics/releases/*/publication")
                                .hasRole(PRIVACY_OFFICER)
                        .requestMatchers(HttpMethod.POST, "/console/statistics/**").hasRole(ANALYST)
                        .requestMatchers("/console/statistics", "/console/statistics/**")
                                .hasAnyRole(ANALYST, PRIVACY_OFFICER)
                        .requestMatchers(HttpMethod.POST, "/console/admin/**").hasRole(ADMIN)
                        .requestMatchers("/console", "/console/**").hasAnyRole(ANALYST, ADMIN)
                        // Voices typed in at a store counter and call-center exports imported: customer service;
                        // the queues, corrections, dashboard and monthly reviews: customer-experience staff.
                        .requestMatchers("/voice/counter", "/voice/counter/**", "/voice/imports", "/voice/imports/**")
                                .hasRole(CUSTOMER_SERVICE)
                        .requestMatchers("/voice", "/voice/**").hasRole(Role.CUSTOMER_EXPERIENCE.name())
                        // Serving support-window bookings (the caller's phone is read there): customer service only.
                        .requestMatchers("/support-window", "/support-window/**").hasRole(CUSTOMER_SERVICE)
                        // The request workbench: customer service reads where a request stands; only
                        // a privacy officer acts on it or opens the disclosure it produced.
                        .requestMatchers(HttpMethod.POST, "/privacy/requests/**").hasRole(PRIVACY_OFFICER)
                        .requestMatchers("/privacy/requests/*/disclosure", "/privacy/requests/*/disclosure.txt",
                                "/privacy/requests/*/disclosure.json", "/privacy/requests/*/disclosure.csv")
                                .hasRole(PRIVACY_OFFICER)
                        .requestMatchers("/privacy/requests", "/privacy/requests/**")
                                .hasAnyRole(CUSTOMER_SERVICE, PRIVACY_OFFICER)
                        // Provisions awaiting a second officer's approval, and the data received from partners
                        // with its confirmation records: privacy officers only, reading included.
                        .requestMatchers("/privacy/provisions", "/privacy/provisions/**", "/privacy/partner-receipts",
                                "/privacy/partner-receipts/**").hasRole(PRIVACY_OFFICER)
                        // The customer-service screen: finding a caller and acting for them.
                        .requestMatchers("/service", "/service/**").hasRole(CUSTOMER_SERVICE)
                        .requestMatchers("/privacy/**").hasAnyRole(ANALYST, ADMIN, CUSTOMER_SERVICE, PRIVACY_OFFICER)
                        .requestMatchers("/actuator/**").hasRole(ADMIN)
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").successHandler(SecurityConfiguration::landingPage)
                        .failureHandler(SecurityConfiguration::signInFailed).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .headers(SecurityHeaders.forPages());
        return http.build();
    }

    /** After sign-in: the page the staff member's role works from. */
    private static void landingPage(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        response.sendRedirect(request.getContextPath() + StaffLanding.path(authentication));
    }

    private static final AuthenticationFailureHandler WRONG_PASSWORD = new SimpleUrlAuthenticationFailureHandler("/login?error");

    /** A refused sign-in: over the limit, the page says to wait (and Retry-After how long); otherwise the usual error. */
    private static void signInFailed(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException, ServletException {
        if (failure instanceof StaffPasswordAuthentication.SignInThrottled throttled) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(SignInThrottle.seconds(throttled.retryAfter)));
            response.sendRedirect(request.getContextPath() + "/login?limited");
            return;
        }
        WRONG_PASSWORD.onAuthenticationFailure(request, response, failure);
    }

    /** A door for machine clients: API key only, no session, no CSRF (no cookie authenticates it), problems. */
    private static HttpSecurity apiKeyDoor(HttpSecurity http, String paths, ApiClients clients, ApiLimits limits,
            JsonMapper json, ApplicationEventPublisher events, RefusalAudit refusals) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) ->
                problem(response, json, ProblemType.UNAUTHENTICATED, "Send a valid API key in the X-Api-Key header.");
        AccessDeniedHandler forbidden = (request, response, e) ->
                problem(response, json, ProblemType.FORBIDDEN, "This client's role does not allow this request.");
        return http.securityMatcher(paths)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .headers(SecurityHeaders.forApi())
                .addFilterBefore(new ApiKeyAuthentication(clients, limits, unauthenticated,
                                (response, type, detail) -> problem(response, json, type, detail), events, refusals),
                        AnonymousAuthenticationFilter.class)
                .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden));
    }

    private static void problem(HttpServletResponse response, JsonMapper json, ProblemType type, String detail)
            throws IOException {
        response.setStatus(type.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problems.of(type, detail, List.of()));
    }
}
