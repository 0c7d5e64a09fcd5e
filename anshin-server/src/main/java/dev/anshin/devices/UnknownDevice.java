package dev.anshin.devices;

import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import java.util.List;

/** A device id or observation reference Anshin does not hold (never seen, or deleted with its customer). */
public class UnknownDevice extends RequestProblem {

    UnknownDevice(String what) {
        super(ProblemType.NOT_FOUND, "No such " + what + ".", List.of());
    }
}
