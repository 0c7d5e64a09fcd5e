package dev.anshin.portal;

import dev.anshin.access.Role;
import dev.anshin.access.SecurityHeaders;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The portal's door, before the staff console's: its own sign-in pages (password, then code, both
 * checked by {@link PortalAccounts}), its own key for the security context in the session, so a
 * staff sign-in never counts here and a cardholder's never counts in the console; CSRF on; the pages'
 * strict content security policy (no inline script or style), as on every page.
 */
@Configuration(proxyBeanMethods = false)
class PortalSecurity {

    /** Where the portal keeps its security context in the session: not the console's key. */
    static final String CONTEXT_KEY = "ANSHIN_PORTAL_SECURITY_CONTEXT";

    static HttpSessionSecurityContextRepository contextRepository() {
        HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();
        repository.setSpringSecurityContextKey(CONTEXT_KEY);
        return repository;
    }

    /**
     * Sign-in first; a page worth coming back to (the new card shown once, PortalSignInPages.RETURNS) is
     * remembered in the session for after the sign-in. No general saved request: only that page's path.
     */
    static org.springframework.security.web.AuthenticationEntryPoint signInFirst() {
        LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/portal/login");
        return (request, response, refused) -> {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if ("GET".equals(request.getMethod()) && PortalSignInPages.RETURNS.matcher(path).matches()) {
                request.getSession().setAttribute(PortalSignInPages.RETURN_TO, path);
            }
            login.commence(request, response, refused);
        };
    }

    /**
     * Publishes the end of every HTTP session (sign-out, expiry) as an event, so that what a session
     * opened (a live usage stream) can end with it.
     */
    @Bean
    static org.springframework.security.web.session.HttpSessionEventPublisher httpSessionEventPublisher() {
        return new org.springframework.security.web.session.HttpSessionEventPublisher();
    }

    @Bean
    @Order(2)
    SecurityFilterChain portal(HttpSecurity http, PortalAccounts accounts) throws Exception {
        http.securityMatcher("/portal/**")
                .addFilterBefore(new StandingAccountFilter(accounts), AuthorizationFilter.class)
                .securityContext(context -> context.securityContextRepository(contextRepository()))
                .authorizeHttpRequests(auth -> auth
                        // The async dispatch that ends a stream (the live usage feed) was authorized when it began.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/portal/login", "/portal/login/code", "/portal/activate",
                                "/portal/activate/authenticator", "/portal/assets/**", "/portal/help").permitAll()
                        .anyRequest().hasRole(Role.CARDHOLDER.name()))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(signInFirst()))
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .logout(logout -> logout.logoutUrl("/portal/logout").logoutSuccessUrl("/portal/login?logout")
                        .invalidateHttpSession(true))
                .headers(SecurityHeaders.forPages());
        return http.build();
    }

    /**
     * Ends a session whose account no longer stands (replaced by a new enrollment after a suspected
     * takeover, removed by an erasure, disabled): the session is signed out at its next request.
     */
    static final class StandingAccountFilter extends OncePerRequestFilter {

        private final PortalAccounts accounts;

        StandingAccountFilter(PortalAccounts accounts) {
            this.accounts = accounts;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
            if (signedIn != null && signedIn.getPrincipal() instanceof Cardholder cardholder
                    && !accounts.stillValid(cardholder)) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                response.sendRedirect(request.getContextPath() + "/portal/login?expired");
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
