package dev.anshin.portal;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import dev.anshin.access.SignInThrottle;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Activation: the cardholder enters the activation code they were given, chooses a login id and a
 * password, then adds the account to an authenticator app (QR code, or the key typed in) and
 * confirms it with a first code. Only then is the account made and the activation code used up.
 */
@Controller
class PortalActivationPages {

    static final String PENDING = "anshin.portal.pending-activation";

    private final PortalAccounts accounts;
    private final SignInThrottle throttle;

    PortalActivationPages(PortalAccounts accounts, SignInThrottle throttle) {
        this.accounts = accounts;
        this.throttle = throttle;
    }

    @GetMapping("/portal/activate")
    String activatePage() {
        return "portal/activate";
    }

    @PostMapping("/portal/activate")
    String activate(@RequestParam(required = false) String activationCode,
            @RequestParam(required = false) String loginId, @RequestParam(required = false) String password,
            @RequestParam(required = false) String passwordAgain, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        HttpSession session = request.getSession();
        session.removeAttribute(PENDING);
        // Guessing activation codes is throttled like sign-in, per address.
        String address = request.getRemoteAddr();
        if (PortalSignInPages.limited(throttle.attempt(SignInThrottle.Door.CARDHOLDER, address, null), response)) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            model.addAttribute("error", "portal.activate.error.limited");
            model.addAttribute("loginId", loginId);
            return "portal/activate";
        }
        try {
            var pending = accounts.startActivation(activationCode, loginId, password, passwordAgain, address);
            throttle.succeeded(SignInThrottle.Door.CARDHOLDER, address, null);
            request.changeSessionId();
            session.setAttribute(PENDING, pending);
            return "redirect:/portal/activate/authenticator";
        } catch (PortalProblem problem) {
            model.addAttribute("error", problem.reason.messageKey);
            model.addAttribute("loginId", loginId);
            return "portal/activate";
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
    String confirm(@RequestParam(required = false) String code, HttpServletRequest request) {
        var pending = pending(request);
        if (pending == null) {
            return "redirect:/portal/activate";
        }
        try {
            accounts.completeActivation(pending, code, request.getRemoteAddr());
        } catch (PortalProblem problem) {
            if (problem.reason == PortalProblem.Reason.TOTP_CODE) {
                return "redirect:/portal/activate/authenticator?error";
            }
            request.getSession().removeAttribute(PENDING);
            return "redirect:/portal/activate?failed";
        }
        request.getSession().removeAttribute(PENDING);
        request.changeSessionId();
        return "redirect:/portal/login?activated";
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
