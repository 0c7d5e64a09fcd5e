package dev.anshin.ekyc;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sandbox vendor's pages, where the applicant "verifies" (clearly labelled as a sandbox): choose
 * the method, then a simulated capture where a tester picks what the camera saw. The result is
 * signed and posted to the webhook over HTTP ({@link SandboxWebhookSender}) and the applicant is
 * sent back to the return URL, as from a real vendor. Phone first, Japanese and English.
 */
@Controller
@ConditionalOnProperty(name = EkycConfiguration.SANDBOX, havingValue = SandboxEkycProvider.NAME)
class SandboxPages {

    static final String PATH = "/sandbox/ekyc";

    private final EkycVerifications verifications;
    private final EkycPolicy policy;
    private final SandboxWebhookSender sender;
    private final Clock clock;

    SandboxPages(EkycVerifications verifications, SandboxWebhookSender sender, Clock clock) {
        this.verifications = verifications;
        this.policy = verifications.policy();
        this.sender = sender;
        this.clock = clock;
    }

    /** Step 1: the method. */
    @GetMapping(PATH + "/{id}")
    String method(@PathVariable String id, Model model, HttpServletResponse response) throws IOException {
        Optional<EkycVerification> verification = open(id, response);
        if (verification.isEmpty()) {
            return null;
        }
        model.addAttribute("verification", verification.get());
        if (verification.get().status() != EkycStatus.STARTED) {
            return "ekyc/sandbox-done";
        }
        model.addAttribute("methods", methods());
        model.addAttribute("imageMethodAccepted", policy.accepts(EkycMethod.IMAGE_AND_FACE, clock.instant()));
        return "ekyc/sandbox-method";
    }

    /** Step 2: the simulated capture, for the method chosen. */
    @GetMapping(PATH + "/{id}/capture")
    String capture(@PathVariable String id, @RequestParam(required = false) String method, Model model,
            HttpServletResponse response) throws IOException {
        Optional<EkycVerification> verification = open(id, response);
        if (verification.isEmpty()) {
            return null;
        }
        model.addAttribute("verification", verification.get());
        if (verification.get().status() != EkycStatus.STARTED) {
            return "ekyc/sandbox-done";
        }
        Optional<EkycMethod> chosen = parse(method);
        if (chosen.isEmpty()) {
            return "redirect:" + PATH + "/" + id;
        }
        model.addAttribute("method", chosen.get());
        model.addAttribute("scenarios", List.of(SandboxScenario.values()));
        return "ekyc/sandbox-capture";
    }

    /** The result: signed, posted to the webhook, and the applicant sent back. */
    @PostMapping(PATH + "/{id}/capture")
    String send(@PathVariable String id, @RequestParam(required = false) String method,
            @RequestParam(required = false) String scenario, Model model, HttpServletResponse response)
            throws IOException {
        Optional<EkycVerification> verification = open(id, response);
        if (verification.isEmpty()) {
            return null;
        }
        Optional<EkycMethod> chosen = parse(method);
        Optional<SandboxScenario> seen = Arrays.stream(SandboxScenario.values())
                .filter(s -> s.name().equals(scenario)).findFirst();
        if (chosen.isEmpty() || seen.isEmpty()) {
            return "redirect:" + PATH + "/" + id;
        }
        if (verification.get().status() == EkycStatus.STARTED) {
            SandboxWebhookSender.Delivered delivered = sender.deliver(id, seen.get().result(chosen.get(), clock.instant()));
            // Refused because the form was sent twice at once and the other send concluded it: that is done, not lost.
            boolean concluded = delivered == SandboxWebhookSender.Delivered.REFUSED && verifications.find(id)
                    .map(v -> v.status() != EkycStatus.STARTED).orElse(false);
            if (delivered == SandboxWebhookSender.Delivered.REFUSED && !concluded) {
                model.addAttribute("verification", verification.get());
                model.addAttribute("undelivered", true);
                return "ekyc/sandbox-done";
            }
        }
        // Checked again on the way out: a row stored before the rule (or by hand) must not redirect off the site.
        URI back = verification.get().returnUrl();
        return "redirect:" + (EkycVerifications.acceptableReturn(back) ? back : "/");
    }

    /**
     * The sandbox vendor's reviewer (the vendor's own staff, not the issuer's): a verification its checks sent
     * to review, with what the checks saw, to confirm or reject. A real vendor does this in its own back
     * office and reports the final result as a new event; here it is a page, for the demo and the tests.
     */
    @GetMapping(PATH + "/{id}/review")
    String review(@PathVariable String id, Model model, HttpServletResponse response) throws IOException {
        Optional<EkycVerification> verification = open(id, response);
        if (verification.isEmpty()) {
            return null;
        }
        model.addAttribute("verification", verification.get());
        return "ekyc/sandbox-review";
    }

    /** The reviewer's final word: the stored result sent again as a new, signed event with {@code reviewOutcome}. */
    @PostMapping(PATH + "/{id}/review")
    String reviewed(@PathVariable String id, @RequestParam(required = false) String outcome, Model model,
            HttpServletResponse response) throws IOException {
        Optional<EkycVerification> verification = open(id, response);
        if (verification.isEmpty()) {
            return null;
        }
        Optional<VendorReview> review = Arrays.stream(VendorReview.values()).filter(r -> r.name().equals(outcome))
                .findFirst();
        EkycVerification v = verification.get();
        if (review.isPresent() && v.status() == EkycStatus.REVIEW && v.result() != null) {
            SandboxWebhookSender.Delivered delivered = sender.deliver(id, v.result(), review.get());
            model.addAttribute("delivered", delivered != SandboxWebhookSender.Delivered.REFUSED);
        }
        model.addAttribute("verification", verifications.find(id).orElse(v));
        return "ekyc/sandbox-review";
    }

    private Optional<EkycVerification> open(String id, HttpServletResponse response) throws IOException {
        Optional<EkycVerification> verification = verifications.find(id)
                .filter(v -> SandboxEkycProvider.NAME.equals(v.provider()));
        if (verification.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
        return verification;
    }

    /** The methods, ホ last: IC chip and JPKI are what the law asks for from 2027-04-01. */
    private static List<EkycMethod> methods() {
        return List.of(EkycMethod.IC_CHIP_AND_FACE, EkycMethod.JPKI, EkycMethod.IMAGE_AND_FACE);
    }

    private static Optional<EkycMethod> parse(String method) {
        return Arrays.stream(EkycMethod.values()).filter(m -> m.name().equals(method)).findFirst();
    }
}
