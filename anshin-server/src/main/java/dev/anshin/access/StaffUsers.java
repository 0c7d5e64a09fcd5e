package dev.anshin.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;

/** Staff who sign in to the console with a password (bcrypt). */
@Repository
class StaffUsers implements UserDetailsService {

    static final int MIN_PASSWORD_LENGTH = 12;

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Clock clock;

    StaffUsers(JdbcClient jdbc, PasswordEncoder passwords, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
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
        return jdbc.sql("SELECT username, password_hash, roles, enabled FROM staff_users WHERE username = ?")
                .param(username)
                .query((rs, n) -> User.withUsername(rs.getString("username"))
                        .password(rs.getString("password_hash"))
                        .disabled(!rs.getBoolean("enabled"))
                        .authorities(ApiClients.parseRoles(rs.getString("roles")).stream()
                                .map(Role::authority).toArray(String[]::new))
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }
}
