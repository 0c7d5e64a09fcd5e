package dev.anshin.audit;

import dev.anshin.problems.Ids;

/**
 * What to record: who did what to which resource, for which purpose, with which result, from where.
 *
 * <p>{@code detail} is a short technical note (a status code, a count, the reason of a refusal).
 * It must never carry personal data or card numbers: the audit log is kept for a year and
 * cannot be corrected (an erased customer's name would survive here). Refer to data subjects and
 * cards by their ids or tokens in {@code resource} instead.
 *
 * @param actor    who: a staff username or an API client ({@code api:name/keyId}); required, at most 128 characters
 * @param action   what, e.g. {@code customer.read} or {@code POST /api/v1/rules}; required, at most 128 characters
 * @param resource on what, e.g. {@code customer/c-123}; required, at most 256 characters
 * @param purpose  the purpose of use (APPI) when personal data is involved; at most 64 characters
 * @param outcome  the result; required
 * @param origin   where from, e.g. the remote address; at most 64 characters
 * @param detail   a technical note, never personal data or PANs; at most 512 characters
 */
public record AuditEvent(String actor, String action, String resource, String purpose, AuditOutcome outcome,
        String origin, String detail) {

    public static final int MAX_ACTOR = 128;
    public static final int MAX_ACTION = 128;
    public static final int MAX_RESOURCE = 256;
    public static final int MAX_PURPOSE = 64;
    public static final int MAX_ORIGIN = 64;
    public static final int MAX_DETAIL = 512;

    public AuditEvent {
        required("actor", actor, MAX_ACTOR);
        required("action", action, MAX_ACTION);
        required("resource", resource, MAX_RESOURCE);
        optional("purpose", purpose, MAX_PURPOSE);
        optional("origin", origin, MAX_ORIGIN);
        optional("detail", detail, MAX_DETAIL);
        if (outcome == null) {
            throw new IllegalArgumentException("an audit event needs an outcome");
        }
    }

    private static void required(String name, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an audit event needs a " + name);
        }
        optional(name, value, max);
    }

    private static void optional(String name, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException("audit " + name + " longer than " + max + " characters");
        }
    }

    /** Cuts a value from outside (a username typed at sign-in, a request path) to fit a field, without control characters. */
    public static String fit(String value, int max) {
        if (value == null) {
            return null;
        }
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= max ? clean : clean.substring(0, max - 1) + "…";
    }

    /**
     * A request path fit for the log: a segment that could be personal data or a card number typed
     * into an id's place (8 or more digits, an '@', anything beyond ASCII) becomes "(redacted)";
     * UUIDs and card tokens stay, since they are what the log needs and reveal nothing.
     */
    public static String safePath(String path) {
        if (path == null) {
            return null;
        }
        String safe = String.join("/", java.util.Arrays.stream(path.split("/", -1))
                .map(segment -> revealing(segment) ? "(redacted)" : segment).toList());
        return fit(safe, MAX_RESOURCE);
    }

    private static boolean revealing(String segment) {
        if (Ids.isUuid(segment) || CARD_TOKEN.matcher(segment).matches()) {
            return false;
        }
        return segment.chars().filter(Character::isDigit).count() >= 8 || segment.indexOf('@') >= 0
                || segment.indexOf('%') >= 0 || !segment.chars().allMatch(c -> c < 128);
    }

    private static final java.util.regex.Pattern CARD_TOKEN = java.util.regex.Pattern.compile("tok_[A-Za-z0-9_-]{20,64}");
}
