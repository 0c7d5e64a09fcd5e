package dev.anshin.onboarding;

import dev.anshin.notifications.CardholderNotice;
import dev.anshin.notifications.SandboxNotificationSender;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the sandbox channel "delivered" to an applicant: the notices of one application, its latest code and link. */
final class SandboxInbox {

    private static final Pattern CODE = Pattern.compile("(?<![0-9])([0-9]{6})(?![0-9])");
    private static final Pattern LINK = Pattern.compile("(?:https?://[^/\\s]+)?/apply/resume/([A-Za-z0-9_-]+)");

    private final SandboxNotificationSender sandbox;

    SandboxInbox(SandboxNotificationSender sandbox) {
        this.sandbox = sandbox;
    }

    /** The application's notices whose id starts with {@code kind} ("onboarding-code:", "onboarding-link:"…). */
    List<CardholderNotice> notices(Application application, String kind) {
        return sandbox.noticesTo(application.customerId()).stream()
                .filter(n -> n.id().startsWith(kind + application.id())).toList();
    }

    /** The one-time code in the latest code notice to the application's applicant. */
    String latestCode(Application application) {
        List<CardholderNotice> codes = notices(application, "onboarding-code:");
        if (codes.isEmpty()) {
            throw new AssertionError("no code notice for " + application.id());
        }
        Matcher code = CODE.matcher(codes.get(codes.size() - 1).textEn());
        if (!code.find()) {
            throw new AssertionError("no code in the notice");
        }
        return code.group(1);
    }

    /** The setup link token in the latest notice of {@code kind}. */
    String latestLinkToken(Application application, String kind) {
        List<CardholderNotice> sent = notices(application, kind);
        if (sent.isEmpty()) {
            throw new AssertionError("no " + kind + " notice for " + application.id());
        }
        Matcher link = LINK.matcher(sent.get(sent.size() - 1).textJa());
        if (!link.find()) {
            throw new AssertionError("no link in the notice");
        }
        return link.group(1);
    }
}
