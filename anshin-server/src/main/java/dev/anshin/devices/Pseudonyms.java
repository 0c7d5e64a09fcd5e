package dev.anshin.devices;

/**
 * Keyed pseudonyms of device signals: the same value gives the same token under the same key, and
 * the token cannot be turned back into the value without the key. Each signal has its own domain,
 * so equal values of two signals never give equal tokens.
 */
@FunctionalInterface
interface Pseudonyms {

    String token(String domain, String value);
}
