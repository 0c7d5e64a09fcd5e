package dev.anshin.voice;

import dev.anshin.privacy.Actor;

/**
 * Takes in one voice from any channel: validates it, redacts it, analyses the redacted text, routes it by its first
 * topic, seals the original through the privacy module, stores it and audits it, all or nothing. The one way in for
 * the API, the forms, the staff entry, the CSV import and the demo.
 */
public interface VoiceIntake {

    /** Most characters a voice's text may have (the API, the forms and the CSV import all say so). */
    int MAX_TEXT_LENGTH = 2000;

    /**
     * Stores the voice, or returns the item already stored under the same submitter and key ({@code created} false).
     *
     * @throws VoiceRefused naming the field at fault; nothing is stored
     */
    VoiceItem receive(Actor actor, Submission submission);
}
