package dev.anshin.access;

import java.util.Set;

/**
 * Told the credentials made at start while they are still in clear (API keys and passwords are
 * stored only hashed), for the demo, which shows them again where a new user finds them. The
 * demo's banner is the one implementation; in production there is none, and these values live no
 * longer than the start that printed them. Implementations are Spring beans; access finds them all.
 */
public interface StartupCredentialsListener {

    /** The startup API key generated at this start (never called for one set in ANSHIN_API_KEY). */
    default void startupKeyGenerated(String key, Set<Role> roles) {
    }

    /** A demo console user created at this start, with its password. */
    default void demoUserCreated(String name, String password, Set<Role> roles) {
    }
}
