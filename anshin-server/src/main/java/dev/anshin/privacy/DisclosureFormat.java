package dev.anshin.privacy;

/**
 * The form a disclosure is given in, named in the audit entry of each access: the readable page, the
 * JSON or CSV download ({@link DisclosureDocument}), or the plain text ({@link Disclosure#toText}).
 */
public enum DisclosureFormat {
    PAGE, JSON, CSV, TEXT
}
