package dev.anshin.voice;

import java.util.Locale;

/** A department that owns topics and reviews its voices ({@code voice_departments}), as pages name it. */
public record Department(String code, String nameJa, String nameEn) {

    /** The name in the reader's language: English for English, Japanese otherwise. */
    public String name(Locale locale) {
        return "en".equals(locale.getLanguage()) ? nameEn : nameJa;
    }
}
