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
 * {@code lang}, for the language switch and the navigation's current item; on an error page the path
 * that failed) and {@code staffRoles} (the signed-in person's role names, so the staff navigation
 * shows only what they may open). Set as request attributes before the handler runs, which
 * Thymeleaf reads as variables, so that a page rendered by an exception handler has them too. The
 * API and the metrics, which render no page, are skipped.
 */
@Configuration(proxyBeanMethods = false)
class PageModel implements WebMvcConfigurer, HandlerInterceptor {

    private static final Pattern LANG_PARAMETER = Pattern.compile("(^|&)lang=[^&]*");

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String uri = request.getRequestURI();
        int context = request.getContextPath().length();
        if (!uri.startsWith("/api/", context) && !uri.startsWith("/actuator/", context)) {
            request.setAttribute("currentPath", currentPath(request));
            request.setAttribute("staffRoles", roles());
        }
        return true;
    }

    static String currentPath(HttpServletRequest request) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = failed instanceof String path ? path : request.getRequestURI();
        String path = uri.substring(Math.min(request.getContextPath().length(), uri.length()));
        if (path.isEmpty()) {
            path = "/";
        }
        String query = failed == null ? request.getQueryString() : null;
        if (query == null) {
            return path;
        }
        String kept = LANG_PARAMETER.matcher(query).replaceAll("").replaceFirst("^&", "");
        return kept.isEmpty() ? path : path + "?" + kept;
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
