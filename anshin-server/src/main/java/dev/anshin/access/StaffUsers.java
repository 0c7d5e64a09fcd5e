package dev.anshin.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Staff who sign in to the console with a password (bcrypt). Wrong passwords in a row lock the
 * account ({@link AccessProperties#staffLockout()}); while locked even the right password is
 * refused, and the attempt is not counted.
 */
@Repository
class StaffUsers implements UserDetailsService {

    static final int MIN_PASSWORD_LENGTH = 12;

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final Lockout lockout;
    private final TransactionTemplate transactions;

    StaffUsers(JdbcClient jdbc, PasswordEncoder passwords, Clock clock, AccessProperties properties,
            TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
        this.lockout = properties.staffLockout();
        this.transactions = transactions;
    }

    void save(String username, String password, Set<Role> roles) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("passwords need at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (!roles.stream().allMatch(Role::forStaffOrClients)) {
            throw new IllegalArgumentException("staff cannot hold the cardholder role");
        }
        jdbc.sql("DELETE FROM staff_users WHERE username = ?").param(username).update();
        jdbc.sql("INSERT INTO staff_users (username, password_hash, roles, enabled, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(username, passwords.encode(password),
                        roles.stream().map(Role::name).sorted().collect(Collectors.joining(",")), true,
                        Timestamp.from(clock.instant()))
                .update();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT username, password_hash, roles, enabled, failed_attempts, locked_until "
                        + "FROM staff_users WHERE username = ?")
                .param(username)
                .query((rs, n) -> User.withUsername(rs.getString("username"))
                        .password(rs.getString("password_hash"))
                        .disabled(!rs.getBoolean("enabled"))
                        .accountLocked(lockout.locked(state(rs), now))
                        .authorities(ApiClients.parseRoles(rs.getString("roles")).stream()
                                .map(Role::authority).toArray(String[]::new))
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }

    private static Lockout.State state(ResultSet rs) throws SQLException {
        Timestamp until = rs.getTimestamp("locked_until");
        return new Lockout.State(rs.getInt("failed_attempts"), until == null ? null : until.toInstant());
    }

    /** A wrong password for a staff account; true when it locked the account. Unknown names change nothing. */
    boolean recordFailure(String username) {
        Boolean locked = transactions.execute(tx -> {
            Instant now = clock.instant();
            var before = jdbc.sql("SELECT failed_attempts, locked_until FROM staff_users WHERE username = ? FOR UPDATE")
                    .param(username).query((rs, n) -> state(rs)).optional();
            if (before.isEmpty()) {
                return false;
            }
            Lockout.State after = lockout.afterFailure(before.get(), now);
            jdbc.sql("UPDATE staff_users SET failed_attempts = ?, locked_until = ? WHERE username = ?")
                    .params(after.failures(), after.lockedUntil() == null ? null : Timestamp.from(after.lockedUntil()),
                            username)
                    .update();
            return lockout.justLocked(before.get(), after, now);
        });
        return Boolean.TRUE.equals(locked);
    }

    /** Whether the account is locked at this moment (read again after the password matched). */
    boolean lockedNow(String username) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT locked_until FROM staff_users WHERE username = ?").param(username)
                .query((rs, n) -> rs.getTimestamp("locked_until")).list().stream()
                .anyMatch(until -> until != null && now.isBefore(until.toInstant()));
    }

    /** A successful sign-in clears the count, unless the account was locked meanwhile. */
    void recordSuccess(String username) {
        jdbc.sql("UPDATE staff_users SET failed_attempts = 0, locked_until = NULL WHERE username = ? "
                        + "AND (locked_until IS NULL OR locked_until <= ?)")
                .params(username, Timestamp.from(clock.instant())).update();
    }
}
