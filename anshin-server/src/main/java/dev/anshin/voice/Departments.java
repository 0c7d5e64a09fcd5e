package dev.anshin.voice;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one reader of the departments ({@code voice_departments}) for the intake's pages, the workbench and the
 * reviews; adding one is the workbench's ({@code VoiceRoutes.addDepartment}, audited).
 */
@Repository
public class Departments {

    /** A department code: capitals and underscores, 2 to 40. */
    public static final Pattern CODE = Pattern.compile("[A-Z_]{2,40}");

    private final JdbcClient jdbc;

    Departments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every department, in code order. */
    public List<Department> all() {
        return jdbc.sql("SELECT code, name_ja, name_en FROM voice_departments ORDER BY code")
                .query((rs, n) -> new Department(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    /** The department of that code; none for a code of no department or not a code at all. */
    public Optional<Department> find(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT code, name_ja, name_en FROM voice_departments WHERE code = ?").param(code)
                .query((rs, n) -> new Department(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }

    public boolean exists(String code) {
        return find(code).isPresent();
    }

    /** The department's name in the reader's language, or its code if there is no such department. */
    public String name(String code, Locale locale) {
        return find(code).map(d -> d.name(locale)).orElse(code);
    }
}
