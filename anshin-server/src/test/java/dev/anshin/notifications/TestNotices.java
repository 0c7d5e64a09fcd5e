package dev.anshin.notifications;

import java.util.Map;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** For other modules' tests: {@link CardholderNotices} through a sender of the test's own (one that fails at will). */
public final class TestNotices {

    private TestNotices() {
    }

    public static CardholderNotices through(NotificationSender sender) {
        return new CardholderNotices(new StaticListableBeanFactory(Map.of("sender", sender))
                .getBeanProvider(NotificationSender.class));
    }
}
