package dev.anshin.access;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Who the staff are, by role: e.g. the analysts a dispute case may be assigned to. Names only. */
@Service
public class StaffDirectory {

    private final JdbcClient jdbc;

    StaffDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The usernames of enabled staff users holding {@code role}, in alphabetical order. */
    public List<String> holding(Role role) {
        return jdbc.sql("SELECT username, roles FROM staff_users WHERE enabled = TRUE ORDER BY username")
                .query((rs, n) -> ApiClients.parseRoles(rs.getString(2)).contains(role) ? rs.getString(1) : null)
                .list().stream().filter(java.util.Objects::nonNull).toList();
    }

    /** Whether {@code username} is an enabled staff user holding {@code role}. */
    public boolean holds(String username, Role role) {
        return username != null && holding(role).contains(username);
    }
}
