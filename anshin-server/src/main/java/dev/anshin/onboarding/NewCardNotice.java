package dev.anshin.onboarding;

import dev.anshin.portal.Cardholder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The portal's home leads to a new card not yet shown: the cardholder who signed in some other way than
 * "See my new card" still finds the one-time page. The home page (notifications) renders {@code newCards}
 * (application ids) when it is there; onboarding adds it, so neither module calls the other.
 */
@Configuration(proxyBeanMethods = false)
class NewCardNotice implements WebMvcConfigurer {

    private final Applications applications;

    NewCardNotice(Applications applications) {
        this.applications = applications;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                    ModelAndView page) {
                Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
                if (page != null && page.getViewName() != null && !page.getViewName().startsWith("redirect:")
                        && signedIn != null && signedIn.getPrincipal() instanceof Cardholder cardholder) {
                    page.addObject("newCards", applications.unrevealedCards(cardholder.customerId()));
                }
            }
        }).addPathPatterns("/portal/usage");
    }
}
