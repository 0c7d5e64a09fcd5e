package dev.anshin.portal;

import java.io.Serializable;
import java.security.Principal;

/**
 * A cardholder signed in to the portal: their account and the customer they are. Kept in the
 * portal's session; every page takes the customer from here, never from the request.
 */
public record Cardholder(String accountId, String customerId) implements Principal, Serializable {

    /** The name in the audit log: the customer id, never the login id they typed. */
    @Override
    public String getName() {
        return "cardholder:" + customerId;
    }
}
