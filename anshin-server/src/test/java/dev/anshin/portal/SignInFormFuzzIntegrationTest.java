package dev.anshin.portal;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import dev.anshin.HostileForms;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Fuzzing the sign-in doors' forms (QuickTheories, {@link HostileForms}), which anyone can post to
 * without signing in: the portal's password step, code step and activation (both steps), and the staff console's
 * {@code /login} (in this context, which has the staff users). Whatever is sent, no 5xx; a refused
 * form makes no account and signs no one in.
 */
class SignInFormFuzzIntegrationTest extends PortalTestSupport {

    private static final String SIGNED_IN = "SPRING_SECURITY_CONTEXT";

    @Test
    void portalPasswordStep() {
        var cardholder = enrolled("fuzz-login");
        AtomicReference<MockHttpSession> session = new AtomicReference<>();
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("loginId", cardholder.loginId());
        valid.put("password", PASSWORD);
        HostileForms.assertAnsweredCleanly(mvc, 60, () -> fresh(session), "/portal/login", valid,
                () -> accounts() + (session.get().getAttribute(PortalSignInPages.PENDING) == null ? 0 : 1));
    }

    @Test
    void portalCodeStep() {
        AtomicReference<MockHttpSession> session = new AtomicReference<>();
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("code", "123456");
        // Each example after the password step of an account of its own: wrong codes lock an account.
        HostileForms.assertAnsweredCleanly(mvc, 40, () -> {
            MockHttpSession afterPassword = new MockHttpSession();
            try {
                mvc.perform(post("/portal/login").with(csrf()).session(afterPassword)
                                .param("loginId", enrolled("fuzz-code").loginId()).param("password", PASSWORD))
                        .andExpect(redirectedUrl("/portal/login/code"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            session.set(afterPassword);
            return afterPassword;
        }, "/portal/login/code", valid, () -> signedIn(session.get()));
    }

    @Test
    void portalActivation() {
        String customer = newCustomer("fuzz-activate");
        String code = accounts.enroll(customer, "fuzz-" + uuid(), "fuzz-test").activationCode();
        AtomicReference<MockHttpSession> session = new AtomicReference<>();
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("activationCode", code);
        valid.put("loginId", "fuzz-" + uuid().substring(0, 8));
        valid.put("password", PASSWORD);
        valid.put("passwordAgain", PASSWORD);
        HostileForms.assertAnsweredCleanly(mvc, 60, () -> fresh(session), "/portal/activate", valid,
                () -> accounts() + (session.get().getAttribute(PortalActivationPages.PENDING) == null ? 0 : 1));
    }

    @Test
    void portalActivationAuthenticatorStep() {
        AtomicReference<MockHttpSession> session = new AtomicReference<>();
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("code", "123456");
        // Each example after the first step of an activation of its own: a wrong code may end it.
        HostileForms.assertAnsweredCleanly(mvc, 30, () -> {
            String customer = newCustomer("fuzz-totp");
            String code = accounts.enroll(customer, "fuzz-" + uuid(), "fuzz-test").activationCode();
            MockHttpSession afterCode = new MockHttpSession();
            try {
                mvc.perform(post("/portal/activate").with(csrf()).session(afterCode).param("activationCode", code)
                                .param("loginId", "fuzz-" + uuid().substring(0, 8)).param("password", PASSWORD)
                                .param("passwordAgain", PASSWORD))
                        .andExpect(redirectedUrl("/portal/activate/authenticator"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            session.set(afterCode);
            return afterCode;
        }, "/portal/activate/authenticator", valid, this::accounts);
    }

    @Test
    void staffConsoleSignIn() {
        // A staff user of its own: wrong passwords lock an account, and the demo users serve other tests.
        String username = "fuzz-" + uuid().substring(0, 8);
        jdbc.sql("INSERT INTO staff_users (username, password_hash, roles, enabled, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(username, new BCryptPasswordEncoder().encode(PASSWORD), "ANALYST", true,
                        Timestamp.from(Instant.now()))
                .update();
        AtomicReference<MockHttpSession> session = new AtomicReference<>();
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("username", username);
        valid.put("password", PASSWORD);
        HostileForms.assertAnsweredCleanly(mvc, 60, () -> fresh(session), "/login", valid,
                () -> jdbc.sql("SELECT COUNT(*) FROM staff_users").query(Long.class).single() + signedIn(session.get()));
    }

    private static MockHttpSession fresh(AtomicReference<MockHttpSession> holder) {
        MockHttpSession session = new MockHttpSession();
        holder.set(session);
        return session;
    }

    private long accounts() {
        return jdbc.sql("SELECT COUNT(*) FROM portal_accounts").query(Long.class).single();
    }

    private static long signedIn(MockHttpSession session) {
        return session.getAttribute(SIGNED_IN) != null || session.getAttribute(PortalSecurity.CONTEXT_KEY) != null ? 1 : 0;
    }
}
