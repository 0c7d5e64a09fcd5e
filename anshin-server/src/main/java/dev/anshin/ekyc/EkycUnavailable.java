package dev.anshin.ekyc;

/** No verification can be started now: no provider is configured, or the vendor cannot be reached. */
public class EkycUnavailable extends RuntimeException {

    public EkycUnavailable(String message) {
        super(message, null, false, false);
    }
}
