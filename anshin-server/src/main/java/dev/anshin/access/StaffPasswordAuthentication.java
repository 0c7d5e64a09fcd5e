package dev.anshin.access;

import java.time.Duration;
import java.util.Optional;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Staff sign-in by password (bcrypt), behind the {@link SignInThrottle}: an attempt over the limit
 * of its address or name is refused before the password is even compared. The lock is checked again
 * after the password matched: attempts sent in parallel all pass the check made before the (slow)
 * comparison, and one of them must not get in once the others have locked the account.
 */
class StaffPasswordAuthentication extends DaoAuthenticationProvider {

    /** Refused by the throttle: the sign-in page says to wait, for {@link #retryAfter}. */
    static final class SignInThrottled extends AuthenticationException {

        final Duration retryAfter;

        SignInThrottled(Duration retryAfter) {
            super("too many sign-in attempts");
            this.retryAfter = retryAfter;
        }
    }

    private final SignInThrottle throttle;

    StaffPasswordAuthentication(StaffUsers users, PasswordEncoder passwords, SignInThrottle throttle) {
        super(users);
        this.throttle = throttle;
        setPasswordEncoder(passwords);
        setPostAuthenticationChecks(user -> {
            if (users.lockedNow(user.getUsername())) {
                throw new LockedException("locked");
            }
        });
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String address = attempt.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        Optional<Duration> wait = throttle.attempt(SignInThrottle.Door.STAFF, address, attempt.getName());
        if (wait.isPresent()) {
            throw new SignInThrottled(wait.get());
        }
        Authentication signedIn = super.authenticate(attempt);
        throttle.succeeded(SignInThrottle.Door.STAFF, address, attempt.getName());
        return signedIn;
    }
}
