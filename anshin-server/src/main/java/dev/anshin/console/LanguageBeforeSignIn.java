package dev.anshin.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * {@code ?lang=ja|en} on a page, remembered just before Spring Security's chains (order -100): a
 * signed-out visitor who asked for English is sent to sign in by security before any MVC interceptor
 * runs, and would otherwise land on the sign-in page in Japanese. The API speaks no language and gets
 * no session from this.
 */
@Component
@Order(LanguageBeforeSignIn.BEFORE_SECURITY)
class LanguageBeforeSignIn extends OncePerRequestFilter {

    /** One before SecurityProperties.DEFAULT_FILTER_ORDER (-100). */
    static final int BEFORE_SECURITY = -101;

    private final LocaleResolver resolver;

    LanguageBeforeSignIn(LocaleResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String lang = request.getParameter("lang");
        if ("GET".equals(request.getMethod()) && ("ja".equals(lang) || "en".equals(lang))
                && !request.getRequestURI().startsWith("/api/")) {
            resolver.setLocale(request, response, Locale.forLanguageTag(lang));
        }
        chain.doFilter(request, response);
    }
}
