package dev.anshin.scoring.features;

/** State of one key; {@code evicted} tells a thread that raced with eviction to start over. */
abstract class KeyState {

    long lastActivity = Long.MIN_VALUE;
    boolean evicted;

    void touch(long second) {
        if (second > lastActivity) {
            lastActivity = second;
        }
    }
}
