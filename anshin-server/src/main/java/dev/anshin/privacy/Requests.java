package dev.anshin.privacy;

import dev.anshin.access.Role;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.RequestProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Turns request parameters into catalog terms, naming the offending field and never echoing a value. */
final class Requests {

    private Requests() {
    }

    static Actor actor(Authentication authentication, HttpServletRequest request) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            for (Role role : Role.values()) {
                if (role.authority().equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        return new Actor(authentication.getName(), roles, request.getRemoteAddr());
    }

    static Purpose purpose(String name, String field) {
        if (name == null || name.isBlank()) {
            throw RequestProblem.invalid(field, "name the purpose of use");
        }
        return Purpose.named(name).orElseThrow(() -> RequestProblem.invalid(field, "not a purpose of use"));
    }

    static Set<PersonalField> fields(String list) {
        if (list == null || list.isBlank()) {
            throw RequestProblem.invalid("fields", "name at least one field");
        }
        return fields(Arrays.stream(list.split(",")).map(String::trim).toList(), "fields");
    }

    /** Catalog fields by name; every unknown name is a problem on {@code field}. */
    static Set<PersonalField> fields(List<String> names, String field) {
        Set<PersonalField> fields = EnumSet.noneOf(PersonalField.class);
        List<FieldProblem> unknown = new ArrayList<>();
        for (String name : names) {
            PersonalField.named(name).ifPresentOrElse(fields::add,
                    () -> unknown.add(new FieldProblem(field, "not a field of the data catalog")));
        }
        if (!unknown.isEmpty()) {
            throw RequestProblem.invalid(unknown);
        }
        return fields;
    }

    /** One of an enum's constants by name, or a problem on {@code field} listing them. */
    static <E extends Enum<E>> E oneOf(Class<E> type, String name, String field) {
        try {
            return Enum.valueOf(type, name == null ? "" : name);
        } catch (IllegalArgumentException e) {
            throw RequestProblem.invalid(field, "one of " + List.of(type.getEnumConstants()));
        }
    }

    static Map<PersonalField, String> values(Map<String, String> raw) {
        return values(raw, "values");
    }

    /** Field names and values from a request body's map, problems named {@code body.FIELD}. */
    static Map<PersonalField, String> values(Map<String, String> raw, String body) {
        if (raw == null || raw.isEmpty()) {
            throw RequestProblem.invalid(body, "give at least one field");
        }
        Map<PersonalField, String> values = new EnumMap<>(PersonalField.class);
        List<FieldProblem> unknown = new ArrayList<>();
        raw.forEach((name, value) -> PersonalField.named(name).ifPresentOrElse(field -> {
            if (value == null || value.isBlank()) {
                unknown.add(new FieldProblem(body + "." + field.name(), "must not be blank"));
            } else {
                values.put(field, value);
            }
        }, () -> unknown.add(new FieldProblem(body + "." + truncate(name), "not a field of the data catalog"))));
        if (!unknown.isEmpty()) {
            throw RequestProblem.invalid(unknown);
        }
        return values;
    }

    static String optionalText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max || !value.matches("[A-Za-z0-9._:-]+")) {
            throw RequestProblem.invalid(field, "at most " + max + " letters, digits, '.', '_', ':' or '-'");
        }
        return value;
    }

    private static String truncate(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9_]", "?");
        return safe.length() > 32 ? safe.substring(0, 32) : safe;
    }
}
