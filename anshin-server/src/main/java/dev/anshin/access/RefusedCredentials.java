package dev.anshin.access;

import org.springframework.stereotype.Component;

/**
 * The API's limit of refused credentials per remote address ({@code anshin.limits.api-refusals-per-address}),
 * for a door of another module that checks its own credentials (the eKYC webhook's signatures): the
 * same budget as the API keys' (one token bucket per address), so a guesser gains nothing by switching
 * doors, and a flood of forgeries costs its 401s and its audit entries only up to the limit.
 */
@Component
public class RefusedCredentials {

    private final ApiLimits limits;

    RefusedCredentials(ApiLimits limits) {
        this.limits = limits;
    }

    /**
     * Counts one refusal from {@code address}: zero when it may be answered as refused (401), otherwise
     * the nanoseconds until the address is under its limit again (answer 429 with Retry-After).
     */
    public long refused(String address) {
        return limits.refusedKey(address);
    }
}
