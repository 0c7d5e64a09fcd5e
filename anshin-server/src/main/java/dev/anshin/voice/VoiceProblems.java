package dev.anshin.voice;

import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import java.util.List;

/** A refused voice as the API answers it: a stable problem type per reason, naming the field; never the words. */
final class VoiceProblems {

    static final String LIMIT = "at most " + VoiceIntake.MAX_TEXT_LENGTH + " characters";

    private VoiceProblems() {
    }

    static RequestProblem of(VoiceRefused refused) {
        String field = refused.field();
        return switch (refused.reason()) {
            case EMPTY_TEXT -> problem(ProblemType.VOICE_EMPTY_TEXT, "The voice has no text; nothing was stored.",
                    field, "must not be empty or only spaces");
            case TEXT_TOO_LONG -> problem(ProblemType.VOICE_TEXT_TOO_LONG, "A voice's text is " + LIMIT
                    + " (Unicode code points, after trimming) and fits once its personal details are masked; nothing "
                    + "was stored.", field, "must be " + LIMIT);
            case UNKNOWN_CHANNEL -> problem(ProblemType.VOICE_UNKNOWN_CHANNEL, "Not a channel Anshin knows; nothing "
                    + "was stored.", field, "must be one of " + java.util.Arrays.toString(Channel.values()));
            case UNKNOWN_CUSTOMER -> problem(ProblemType.VOICE_UNKNOWN_CUSTOMER, "No customer with this id; nothing "
                    + "was stored.", field, "is not a customer");
            case CUSTOMER_ERASED -> problem(ProblemType.VOICE_CUSTOMER_ERASED, "This customer's personal data was "
                    + "erased: nothing more is recorded about them; nothing was stored.", field, "was erased");
            case RECEIVED_IN_FUTURE -> problem(ProblemType.VOICE_RECEIVED_IN_FUTURE, "The voice is dated later than "
                    + "now (more than " + VoiceReception.CLOCK_SKEW.toMinutes() + " minutes of clock skew); nothing was "
                    + "stored.", field, "must not be in the future");
            case RECEIVED_TOO_LONG_AGO -> RequestProblem.invalid(field, "must be within the voices' retention "
                    + "period (anshin.voice.retention) before now");
            case MISSING -> RequestProblem.invalid(field, "is required");
            case KEY_REUSED -> problem(ProblemType.VOICE_KEY_REUSED, "This voiceId was sent before with another "
                    + "voice; the first one stands and nothing was stored.", field, "was used for another voice");
        };
    }

    private static RequestProblem problem(ProblemType type, String detail, String field, String message) {
        return new RequestProblem(type, detail, List.of(new FieldProblem(field, message)));
    }
}
