package dev.anshin.disputes;

/** A cardholder's answer to one of the report's questions. */
public enum Answer {
    YES,
    NO,
    UNSURE
}
