package dev.anshin.statistics;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** A reproducible SecureRandom, for tests only: SHA1PRNG seeded before its first use is deterministic. */
final class Seeded {

    private Seeded() {
    }

    static SecureRandom random(String seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed.getBytes(StandardCharsets.UTF_8));
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
