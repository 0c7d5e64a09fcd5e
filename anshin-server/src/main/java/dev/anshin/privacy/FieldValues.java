package dev.anshin.privacy;

import dev.anshin.site.Display;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A personal value as its person reads it, in their language: yen with separators, people counted, a
 * housing type in words ({@code portal.privacy.housing.*}). The portal's privacy page and every
 * disclosure (the portal's, the privacy officer's, the API's text download) show values through it,
 * so a value never reads one way on screen and another on paper.
 */
@Component
public class FieldValues {

    private final MessageSource messages;

    FieldValues(MessageSource messages) {
        this.messages = messages;
    }

    /** {@code value} of {@code field} in words; as stored when it is blank or not of the field's form. */
    public String shown(PersonalField field, String value, Locale locale) {
        if (value == null || value.isBlank()) {
            return value;
        }
        try {
            return switch (field) {
                case ANNUAL_INCOME -> Display.money(Long.parseLong(value), "JPY", locale);
                case HOUSEHOLD_SIZE -> messages.getMessage("portal.privacy.people",
                        new Object[] {Integer.parseInt(value)}, locale);
                case HOUSING -> messages.getMessage("portal.privacy.housing." + value, null, value, locale);
                default -> value;
            };
        } catch (NumberFormatException stored) {
            return value; // stored before the field was checked: shown as it is
        }
    }
}
