package dev.anshin.problems;

import java.io.IOException;

/** Thrown while reading a streamed body that grows past the limit. */
class BodyTooLargeException extends IOException {

    BodyTooLargeException() {
        super("request body too large", null);
    }
}
