package dev.anshin.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import dev.anshin.IntegrationTestSupport;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wrong console passwords in a row lock a staff account for 30 minutes (PCI DSS 8.3.4). */
class StaffLockoutIntegrationTest extends IntegrationTestSupport {

    private static final String PASSWORD = "a-long-staff-password";

    @Autowired
    StaffUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void sixWrongPasswordsLockTheAccountEvenForTheRightOneUntilTheLockEnds() throws Exception {
        String name = "lock-" + UUID.randomUUID().toString().substring(0, 8);
        users.save(name, PASSWORD, EnumSet.of(Role.ANALYST));
        mvc.perform(formLogin("/login").user(name).password("wrong once")).andExpect(redirectedUrl("/login?error"));
        mvc.perform(formLogin("/login").user(name).password(PASSWORD)).andExpect(redirectedUrl("/console"));
        assertThat(failures(name)).as("a success clears the count").isZero();

        for (int i = 0; i < 6; i++) {
            mvc.perform(formLogin("/login").user(name).password("wrong " + i)).andExpect(redirectedUrl("/login?error"));
        }
        long locked = jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM audit_log").query(Long.class).single();
        mvc.perform(formLogin("/login").user(name).password(PASSWORD)).andExpect(redirectedUrl("/login?error"));
        Instant until = jdbc.sql("SELECT locked_until FROM staff_users WHERE username = ?").param(name)
                .query(Timestamp.class).single().toInstant();
        assertThat(until).isBetween(clock.instant().plusSeconds(29 * 60), clock.instant().plusSeconds(31 * 60));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND action = 'sign-in.lockout'")
                .param(name).query(Long.class).single()).isEqualTo(1);
        // The refusal of the right password while locked is audited as such. (Not "the newest entry":
        // the refusals' window may close meanwhile and add the summary of the wrong passwords after it.)
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE actor = ? AND action = 'sign-in' AND seq > ?")
                .params(name, locked).query(String.class).list()).contains("LockedException");

        // The lock has run out: the right password signs in again.
        jdbc.sql("UPDATE staff_users SET locked_until = ? WHERE username = ?")
                .params(Timestamp.from(clock.instant().minusSeconds(1)), name).update();
        mvc.perform(formLogin("/login").user(name).password(PASSWORD)).andExpect(redirectedUrl("/console"));
        assertThat(failures(name)).isZero();
    }

    private int failures(String name) {
        return jdbc.sql("SELECT failed_attempts FROM staff_users WHERE username = ?").param(name)
                .query(Integer.class).single();
    }

    @Test
    void aLockedAccountIsRefusedAndASuccessSeenLateDoesNotLiftTheLock() throws Exception {
        String name = "race-" + UUID.randomUUID().toString().substring(0, 8);
        users.save(name, PASSWORD, EnumSet.of(Role.ANALYST));
        // Parallel attempts: one with the right password finishes after others locked the account.
        // (The provider checks the lock before and after comparing the password; this test cannot
        // time the lock between the two, so it shows the refusal and the late success.)
        var provider = context.getBean(org.springframework.security.authentication.dao.DaoAuthenticationProvider.class);
        jdbc.sql("UPDATE staff_users SET locked_until = ? WHERE username = ?")
                .params(Timestamp.from(Instant.now().plusSeconds(1800)), name).update();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> provider.authenticate(
                        new org.springframework.security.authentication.UsernamePasswordAuthenticationToken(name, PASSWORD)))
                .isInstanceOf(org.springframework.security.authentication.LockedException.class);
        users.recordSuccess(name);
        assertThat(users.lockedNow(name)).as("a success seen late does not lift a lock").isTrue();
    }
}
