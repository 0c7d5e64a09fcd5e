package dev.anshin.site;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What the layout reads on every page: {@code currentPath} (the page's own path and query without
 * {@code lang}, for the language switch; on an error page the path that failed), {@code currentPage}
 * (the path alone, for the navigation's current item) and {@code staffRoles} (the signed-in person's
 * role names, so the staff navigation shows only what they may open). Set as request attributes
 * before the handler runs, which Thymeleaf reads as variables, so that a page rendered by an
 * exception handler has them too; a handler that renders a page at another address (a refused form
 * post) sets its own. The API and the metrics, which render no page, are skipped.
 */
@Configuration(proxyBeanMethods = false)
public class PageModel implements WebMvcConfigurer, HandlerInterceptor {

    private static final Pattern LANG_PARAMETER = Pattern.compile("(^|&)lang=[^&]*");
    /** One leading slash, then path characters only: nothing a browser would read as another host. */
    private static final Pattern SAFE_PATH = Pattern.compile("/(?![/\\\\])[A-Za-z0-9._~!$&'()*+,;=:@%/-]*");

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String uri = request.getRequestURI();
        int context = request.getContextPath().length();
        if (!uri.startsWith("/api/", context) && !uri.startsWith("/actuator/", context)) {
            String path = currentPath(request);
            request.setAttribute("currentPath", path);
            request.setAttribute("currentPage", path.contains("?") ? path.substring(0, path.indexOf('?')) : path);
            request.setAttribute("staffRoles", roles());
        }
        return true;
    }

    /**
     * The page's path and query, as a link back to it may use: always a path on this site (a failed
     * request for {@code //elsewhere} must not become a link elsewhere on its error page), and for
     * anything but a GET only the path (the link is followed with a GET).
     */
    static String currentPath(HttpServletRequest request) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = failed instanceof String path ? path : request.getRequestURI();
        String path = uri.substring(Math.min(request.getContextPath().length(), uri.length()));
        if (!SAFE_PATH.matcher(path).matches()) {
            return "/";
        }
        String query = failed == null && "GET".equals(request.getMethod()) ? request.getQueryString() : null;
        if (query == null) {
            return path;
        }
        String kept = LANG_PARAMETER.matcher(query).replaceAll("").replaceFirst("^&", "");
        return kept.isEmpty() ? path : path + "?" + kept;
    }

    /**
     * Drops the named parameters from the page's {@code currentPath} (the language link and the like):
     * a page that refuses a field's value, say as a full card number, must not have it echoed back in
     * its links. Call from the controller; it overrides what {@link #preHandle} set.
     */
    public static void dropFromCurrentPath(HttpServletRequest request, java.util.Collection<String> names) {
        if (names.isEmpty()) {
            return;
        }
        String path = currentPath(request);
        int question = path.indexOf('?');
        if (question < 0) {
            return;
        }
        StringBuilder kept = new StringBuilder();
        for (String pair : path.substring(question + 1).split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            String decoded;
            try {
                decoded = java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (pair.isEmpty() || names.contains(decoded)) {
                continue;
            }
            if (kept.length() > 0) {
                kept.append('&');
            }
            kept.append(pair);
        }
        String base = path.substring(0, question);
        request.setAttribute("currentPath", kept.length() == 0 ? base : base + "?" + kept);
    }

    private static Set<String> roles() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Set<String> roles = new TreeSet<>();
        if (authentication != null && authentication.isAuthenticated()) {
            for (GrantedAuthority authority : authentication.getAuthorities()) {
                String name = authority.getAuthority();
                if (name != null && name.startsWith("ROLE_")) {
                    roles.add(name.substring("ROLE_".length()));
                }
            }
        }
        return roles;
    }
}
