package dev.anshin.site;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** {@link Display} for templates, in the viewer's language: {@code ${@display.money(minor, 'JPY')}}. */
@Component("display")
public class DisplayExpressions {

    public String money(long minor, String currency) {
        return Display.money(minor, currency, LocaleContextHolder.getLocale());
    }

    public String time(Instant instant) {
        return Display.time(instant);
    }

    public String timeToSecond(Instant instant) {
        return Display.timeToSecond(instant);
    }

    public String date(LocalDate date) {
        return Display.date(date);
    }

    public String list(Collection<String> items) {
        return Display.list(items, LocaleContextHolder.getLocale());
    }

    public String count(long count) {
        return Display.count(count);
    }
}
