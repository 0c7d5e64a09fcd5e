package dev.anshin.problems;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The body of a refusal made before any page could be rendered (a request too large or too long):
 * a short plain text in Japanese and English, the status set by the caller. Never a stack trace,
 * never an echo of what was sent.
 */
final class PlainRefusal {

    private PlainRefusal() {
    }

    static void write(HttpServletResponse response, String japanese, String english) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write((response.getStatus() + " " + japanese + "\n" + response.getStatus() + " "
                + english + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
