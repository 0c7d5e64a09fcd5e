package dev.anshin.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates machine clients by the {@code X-Api-Key} header. A wrong key is refused at once
 * (401) rather than treated as anonymous, so a misconfigured client sees why. The refusal is
 * published as Spring Security's authentication failure event (for the audit log), naming only
 * the key's public id.
 */
class ApiKeyAuthentication extends OncePerRequestFilter {

    static final String HEADER = "X-Api-Key";

    private final ApiClients clients;
    private final AuthenticationEntryPoint entryPoint;
    private final ApplicationEventPublisher events;

    ApiKeyAuthentication(ApiClients clients, AuthenticationEntryPoint entryPoint, ApplicationEventPublisher events) {
        this.clients = clients;
        this.entryPoint = entryPoint;
        this.events = events;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key != null) {
            Optional<ApiClient> client = clients.authenticate(key.trim());
            if (client.isEmpty()) {
                SecurityContextHolder.clearContext();
                BadCredentialsException failure = new BadCredentialsException("invalid API key");
                events.publishEvent(new AuthenticationFailureBadCredentialsEvent(presented(key.trim(), request), failure));
                entryPoint.commence(request, response, failure);
                return;
            }
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new ClientToken(client.get()));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }

    /** What was presented, named by the key's public id only: the rest of a key is secret. */
    private static PreAuthenticatedAuthenticationToken presented(String key, HttpServletRequest request) {
        String keyId = key.length() >= ApiClients.KEY_ID_LENGTH
                && key.substring(0, ApiClients.KEY_ID_LENGTH).matches("ank_[A-Za-z0-9]{8}")
                ? key.substring(0, ApiClients.KEY_ID_LENGTH) : "unrecognized";
        PreAuthenticatedAuthenticationToken token = new PreAuthenticatedAuthenticationToken("api-key:" + keyId, "");
        token.setDetails(new WebAuthenticationDetails(request));
        return token;
    }

    /** The authentication of a machine client; its name is the audit actor. */
    static final class ClientToken extends AbstractAuthenticationToken {

        private final ApiClient client;

        ClientToken(ApiClient client) {
            super(client.roles().stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList());
            this.client = client;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return client;
        }

        @Override
        public String getName() {
            return client.actor();
        }
    }
}
