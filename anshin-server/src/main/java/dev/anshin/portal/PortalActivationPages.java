package dev.anshin.portal;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import dev.anshin.access.Role;
import dev.anshin.access.SignInThrottle;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Activation: the cardholder enters the activation code they were given, chooses a login id and a
 * password, then adds the account to an authenticator app (QR code, or the key typed in) and
 * confirms it with a first code. Only then is the account made and the activation code used up, and the
 * cardholder is signed in: the password and the authenticator's code were both just given in this session. They
 * land on the page they came to set the account up for (the new card, from the online application's decision
 * page: {@code next}, only a path {@link PortalSignInPages#RETURNS} allows), else on their home.
 *
 * <p>The decision page hands the activation code over in the link's fragment ({@code #code=…&next=…}), which the
 * browser never sends: {@code portal/assets/activate.js} fills the form from it and takes it out of the address.
 */
@Controller
class PortalActivationPages {

    static final String PENDING = "anshin.portal.pending-activation";

    private final PortalAccounts accounts;
    private final SignInThrottle throttle;
    private final SecurityContextRepository contexts = PortalSecurity.contextRepository();

    PortalActivationPages(PortalAccounts accounts, SignInThrottle throttle) {
        this.accounts = accounts;
        this.throttle = throttle;
    }

    @GetMapping("/portal/activate")
    String activatePage(Model model) {
        return form(model, null, null, null, null, null);
    }

    /**
     * The form; the login id's and the password's lengths and form are the rules' own ({@link PortalAccounts}).
     * Shown again after a refusal with what was typed (the activation code too: it came in the link's fragment,
     * which is gone by now), the refusal next to its field ({@code errorField}; none for the throttle).
     */
    private static String form(Model model, String error, String errorField, String activationCode, String loginId,
            String next) {
        model.addAttribute("error", error);
        model.addAttribute("errorField", errorField);
        model.addAttribute("activationCode", activationCode);
        model.addAttribute("loginId", loginId);
        model.addAttribute("next", returnPath(next));
        model.addAttribute("minPasswordLength", PortalAccounts.MIN_PASSWORD_LENGTH);
        model.addAttribute("minLoginIdLength", PortalAccounts.MIN_LOGIN_ID_LENGTH);
        model.addAttribute("maxLoginIdLength", PortalAccounts.MAX_LOGIN_ID_LENGTH);
        model.addAttribute("loginIdPattern", PortalAccounts.LOGIN_ID_INPUT_PATTERN);
        return "portal/activate";
    }

    /** Where an activation may land: only a page a sign-in may return to. */
    private static String returnPath(String next) {
        return next != null && PortalSignInPages.RETURNS.matcher(next).matches() ? next : null;
    }

    @PostMapping("/portal/activate")
    String activate(@RequestParam(required = false) String activationCode,
            @RequestParam(required = false) String loginId, @RequestParam(required = false) String password,
            @RequestParam(required = false) String passwordAgain, @RequestParam(required = false) String next,
            HttpServletRequest request,
            HttpServletResponse response, Model model) {
        HttpSession session = request.getSession();
        session.removeAttribute(PENDING);
        // Guessing activation codes is throttled like sign-in, per address.
        String address = request.getRemoteAddr();
        if (PortalSignInPages.limited(throttle.attempt(SignInThrottle.Door.CARDHOLDER, address, null), response)) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return form(model, "portal.activate.error.limited", null, activationCode, loginId, next);
        }
        try {
            var pending = accounts.startActivation(activationCode, loginId, password, passwordAgain, address);
            throttle.succeeded(SignInThrottle.Door.CARDHOLDER, address, null);
            request.changeSessionId();
            session.setAttribute(PENDING, pending);
            if (returnPath(next) != null) {
                session.setAttribute(PortalSignInPages.RETURN_TO, returnPath(next));
            }
            return "redirect:/portal/activate/authenticator";
        } catch (PortalProblem problem) {
            return form(model, problem.reason.messageKey, problem.reason.field, activationCode, loginId, next);
        }
    }

    @GetMapping("/portal/activate/authenticator")
    String authenticatorPage(HttpServletRequest request, Model model) {
        var pending = pending(request);
        if (pending == null) {
            return "redirect:/portal/activate";
        }
        String uri = accounts.otpauthUri(pending);
        model.addAttribute("otpauthUri", uri);
        model.addAttribute("secret", Totp.base32(pending.secret()).replaceAll("(.{4})(?!$)", "$1 "));
        model.addAttribute("qrCode", qrCode(uri));
        model.addAttribute("loginId", pending.loginId());
        return "portal/authenticator";
    }

    @PostMapping("/portal/activate/authenticator")
    String confirm(@RequestParam(required = false) String code, HttpServletRequest request,
            HttpServletResponse response) {
        var pending = pending(request);
        if (pending == null) {
            return "redirect:/portal/activate";
        }
        Cardholder cardholder;
        try {
            cardholder = accounts.completeActivation(pending, code, request.getRemoteAddr());
        } catch (PortalProblem problem) {
            if (problem.reason == PortalProblem.Reason.TOTP_CODE) {
                return "redirect:/portal/activate/authenticator?error";
            }
            request.getSession().removeAttribute(PENDING);
            return "redirect:/portal/activate?failed";
        }
        request.getSession().removeAttribute(PENDING);
        request.changeSessionId();
        var strategy = SecurityContextHolder.getContextHolderStrategy();
        SecurityContext context = strategy.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(cardholder, null,
                List.of(new SimpleGrantedAuthority(Role.CARDHOLDER.authority()))));
        strategy.setContext(context);
        contexts.saveContext(context, request, response);
        Object returnTo = request.getSession().getAttribute(PortalSignInPages.RETURN_TO);
        request.getSession().removeAttribute(PortalSignInPages.RETURN_TO);
        return returnTo instanceof String path && returnPath(path) != null ? "redirect:" + path
                : "redirect:/portal/usage?activated";
    }

    private static PortalAccounts.PendingActivation pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(PENDING) instanceof PortalAccounts.PendingActivation pending
                ? pending : null;
    }

    /** The otpauth:// URI as a QR code in an SVG data URI (no script, allowed by the page's CSP). */
    static String qrCode(String text) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 4, EncodeHintType.CHARACTER_SET, "UTF-8"));
            StringBuilder svg = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 ")
                    .append(matrix.getWidth()).append(' ').append(matrix.getHeight())
                    .append("' shape-rendering='crispEdges'><rect width='100%' height='100%' fill='#fff'/><path d='");
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < matrix.getWidth(); x++) {
                    if (matrix.get(x, y)) {
                        svg.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                    }
                }
            }
            svg.append("' fill='#000'/></svg>");
            return "data:image/svg+xml;base64,"
                    + Base64.getEncoder().encodeToString(svg.toString().getBytes(StandardCharsets.UTF_8));
        } catch (WriterException e) {
            throw new IllegalStateException("cannot draw the QR code", e);
        }
    }
}
