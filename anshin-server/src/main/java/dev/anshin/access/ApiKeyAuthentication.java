package dev.anshin.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates machine clients by the {@code X-Api-Key} header. A wrong key is refused at once
 * (401) rather than treated as anonymous, so a misconfigured client sees why.
 */
class ApiKeyAuthentication extends OncePerRequestFilter {

    static final String HEADER = "X-Api-Key";

    private final ApiClients clients;
    private final AuthenticationEntryPoint entryPoint;

    ApiKeyAuthentication(ApiClients clients, AuthenticationEntryPoint entryPoint) {
        this.clients = clients;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key != null) {
            Optional<ApiClient> client = clients.authenticate(key.trim());
            if (client.isEmpty()) {
                SecurityContextHolder.clearContext();
                entryPoint.commence(request, response, new BadCredentialsException("invalid API key"));
                return;
            }
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new ClientToken(client.get()));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
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
