package dev.anshin.ekyc;

import java.net.URI;
import java.util.UUID;

/**
 * A stand-in for a real eKYC vendor, for the demo and the tests: its "verification" is a page on
 * Anshin ({@link SandboxPages}) where a tester picks the method and what the camera "saw"; it then
 * signs the result with its own secret and posts it to the webhook over HTTP, as a vendor would.
 * Nobody's identity is checked: replace it with a real vendor's adapter in production
 * (docs/ekyc.md, "Plugging in a real vendor").
 */
class SandboxEkycProvider implements EkycProvider {

    static final String NAME = "sandbox";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StartedAtVendor start(VerificationRequest request) {
        String id = "sbx-" + UUID.randomUUID();
        String page = SandboxPages.PATH + "/" + id + ("en".equals(request.language().getLanguage()) ? "?lang=en" : "");
        return new StartedAtVendor(id, URI.create(page));
    }
}
