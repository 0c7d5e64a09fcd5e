package dev.anshin.portal;

import dev.anshin.access.Role;
import dev.anshin.access.SignInThrottle;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign-in in two steps: the password, then the authenticator's code. Between them the session holds
 * only a pending step (which account, until when); the session is authenticated once both passed.
 * The session id changes at each step. Every failure shows the same message. Failed steps are
 * throttled per address and per login id typed ({@link SignInThrottle}), before the account's own lockout.
 */
@Controller
class PortalSignInPages {

    static final String PENDING = "anshin.portal.pending-sign-in";
    /** Where a completed sign-in returns to, when the cardholder was sent to sign in from there. */
    static final String RETURN_TO = "anshin.portal.return-to";
    /** The only pages a sign-in returns to: the new card, shown once (so that the way to it is not lost). */
    static final java.util.regex.Pattern RETURNS = java.util.regex.Pattern.compile("/portal/new-card/[A-Za-z0-9-]{1,64}");

    record PendingSignIn(String accountId, Instant expiresAt) implements Serializable {
    }

    private final PortalAccounts accounts;
    private final PortalProperties properties;
    private final Clock clock;
    private final SignInThrottle throttle;
    private final SecurityContextRepository contexts = PortalSecurity.contextRepository();

    PortalSignInPages(PortalAccounts accounts, PortalProperties properties, Clock clock, SignInThrottle throttle) {
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
        this.throttle = throttle;
    }

    /** The portal's address on a letter or a card: the cardholder's home, or sign-in first. */
    @GetMapping({"/portal", "/portal/"})
    String home() {
        return "redirect:/portal/usage";
    }

    @GetMapping("/portal/login")
    String loginPage() {
        return "portal/login";
    }

    @PostMapping("/portal/login")
    String password(@RequestParam(required = false) String loginId, @RequestParam(required = false) String password,
            HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession();
        session.removeAttribute(PENDING);
        String address = request.getRemoteAddr();
        if (limited(throttle.attempt(SignInThrottle.Door.CARDHOLDER, address, loginId), response)) {
            return "redirect:/portal/login?limited";
        }
        var account = accounts.checkPassword(loginId, password, address);
        if (account.isEmpty()) {
            return "redirect:/portal/login?error";
        }
        throttle.succeeded(SignInThrottle.Door.CARDHOLDER, address, loginId);
        request.changeSessionId();
        session.setAttribute(PENDING, new PendingSignIn(account.get(), clock.instant().plus(properties.signInStepTimeout())));
        return "redirect:/portal/login/code";
    }

    @GetMapping("/portal/login/code")
    String codePage(HttpServletRequest request) {
        return pending(request) == null ? "redirect:/portal/login" : "portal/code";
    }

    @PostMapping("/portal/login/code")
    String code(@RequestParam(required = false) String code, HttpServletRequest request, HttpServletResponse response) {
        PendingSignIn pending = pending(request);
        if (pending == null) {
            return "redirect:/portal/login?expired";
        }
        String address = request.getRemoteAddr();
        if (limited(throttle.attempt(SignInThrottle.Door.CARDHOLDER, address, null), response)) {
            return "redirect:/portal/login/code?limited";
        }
        var check = accounts.checkCode(pending.accountId(), code, address);
        if (check.cardholder() == null) {
            if (check.mayRetry()) {
                return "redirect:/portal/login/code?error";
            }
            request.getSession().removeAttribute(PENDING);
            return "redirect:/portal/login?error";
        }
        throttle.succeeded(SignInThrottle.Door.CARDHOLDER, address, null);
        request.getSession().removeAttribute(PENDING);
        request.changeSessionId();
        var strategy = SecurityContextHolder.getContextHolderStrategy();
        SecurityContext context = strategy.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(check.cardholder(), null,
                List.of(new SimpleGrantedAuthority(Role.CARDHOLDER.authority()))));
        strategy.setContext(context);
        contexts.saveContext(context, request, response);
        Object returnTo = request.getSession().getAttribute(RETURN_TO);
        request.getSession().removeAttribute(RETURN_TO);
        if (returnTo instanceof String path && RETURNS.matcher(path).matches()) {
            return "redirect:" + path;
        }
        return "redirect:/portal/usage";
    }

    /** Over the limit: the page says to wait, and Retry-After says how long. */
    static boolean limited(Optional<Duration> wait, HttpServletResponse response) {
        wait.ifPresent(w -> response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(SignInThrottle.seconds(w))));
        return wait.isPresent();
    }

    private PendingSignIn pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(PENDING) instanceof PendingSignIn pending)) {
            return null;
        }
        if (!clock.instant().isBefore(pending.expiresAt())) {
            session.removeAttribute(PENDING);
            return null;
        }
        return pending;
    }
}
