package dev.anshin.scoring.model;

import java.io.IOException;

/** A model file that is readable but not a model Anshin can serve (wrong objective, malformed trees…). */
public final class InvalidModelException extends IOException {

    public InvalidModelException(String message) {
        super(message);
    }
}
