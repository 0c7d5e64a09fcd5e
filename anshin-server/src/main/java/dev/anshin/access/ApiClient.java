package dev.anshin.access;

import java.util.Set;

/** A machine client known by the public prefix of its key. */
public record ApiClient(String keyId, String name, Set<Role> roles) {

    /** How the client appears in audit records. */
    public String actor() {
        return "api:" + name + "/" + keyId;
    }
}
