package dev.anshin.access;

import java.security.SecureRandom;

/** Random passwords for demo accounts: letters and digits that cannot be misread (no 0/O, 1/l/I). */
public final class RandomPasswords {

    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomPasswords() {
    }

    /** A random password of {@code length} characters (about 5.8 bits each). */
    public static String of(int length) {
        StringBuilder password = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
