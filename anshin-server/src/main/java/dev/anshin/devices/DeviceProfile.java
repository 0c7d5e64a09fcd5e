package dev.anshin.devices;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What is kept of a device's signals for matching: a keyed pseudonym (a short HMAC token) of each
 * signal's value and of each installed font, never the values. Two observations can be compared
 * (equal token, same value) and grouped by blocking keys; nobody holding the database alone can read
 * a user agent, a GPU or a font list back (docs/devices.md, "Personal data").
 */
record DeviceProfile(Map<Signal, String> tokens, Set<String> fonts, List<String> networks) {

    /** How many of the networks a device was seen on are remembered (home, work, a carrier's…), latest first. */
    static final int NETWORKS_KEPT = 8;

    /** Blocking keys: combinations of stable signals; an observation is compared with devices sharing one. */
    private static final List<List<Signal>> BLOCKING = List.of(
            List.of(Signal.PLATFORM, Signal.HARDWARE_CONCURRENCY, Signal.SCREEN),
            List.of(Signal.WEBGL_RENDERER, Signal.TIMEZONE, Signal.HARDWARE_CONCURRENCY),
            List.of(Signal.AUDIO, Signal.OS, Signal.PIXEL_RATIO),
            List.of(Signal.CANVAS, Signal.WEBGL_PARAMETERS),
            List.of(Signal.NETWORK, Signal.OS, Signal.SCREEN));

    DeviceProfile {
        Map<Signal, String> copy = new EnumMap<>(Signal.class);
        tokens.forEach((signal, token) -> {
            if (token != null) {
                copy.put(signal, token);
            }
        });
        tokens = Collections.unmodifiableMap(copy);
        fonts = Collections.unmodifiableSet(new TreeSet<>(fonts));
        List<String> seen = new ArrayList<>();
        String current = copy.get(Signal.NETWORK);
        if (current != null) {
            seen.add(current);
        }
        for (String network : networks == null ? List.<String>of() : networks) {
            if (seen.size() < NETWORKS_KEPT && !seen.contains(network)) {
                seen.add(network);
            }
        }
        networks = List.copyOf(seen);
    }

    DeviceProfile(Map<Signal, String> tokens, Set<String> fonts) {
        this(tokens, fonts, List.of());
    }

    /**
     * The profile a device keeps once {@code newer} was matched to it: the newer signals (drift is
     * followed, not fought), and the networks it was seen on, the newer one first.
     */
    DeviceProfile followedBy(DeviceProfile newer) {
        List<String> seen = new ArrayList<>(newer.networks());
        seen.addAll(networks);
        return new DeviceProfile(newer.tokens(), newer.fonts(), seen);
    }

    /** Whether the other profile's current network is one this device was seen on, or the reverse. */
    boolean sharesNetworkWith(DeviceProfile other) {
        String mine = tokens.get(Signal.NETWORK);
        String theirs = other.tokens().get(Signal.NETWORK);
        return mine != null && (mine.equals(theirs) || other.networks().contains(mine))
                || theirs != null && networks.contains(theirs);
    }

    Optional<String> token(Signal signal) {
        return Optional.ofNullable(tokens.get(signal));
    }

    /**
     * The blocking keys of this profile: one per combination whose signals are all present, plus one
     * for the font set with the platform. Short strings, safe to index (tokens of tokens).
     */
    List<String> blockingKeys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < BLOCKING.size(); i++) {
            StringBuilder key = new StringBuilder("b").append(i);
            boolean complete = true;
            for (Signal signal : BLOCKING.get(i)) {
                String token = tokens.get(signal);
                if (token == null) {
                    complete = false;
                    break;
                }
                key.append(':').append(token);
            }
            if (complete) {
                keys.add(digest(key.toString()));
            }
        }
        if (!fonts.isEmpty() && tokens.containsKey(Signal.PLATFORM)) {
            keys.add(digest("f:" + tokens.get(Signal.PLATFORM) + ":" + String.join(",", fonts)));
        }
        return keys;
    }

    /** A compact storable form: {@code SIGNAL=token;...|font,font|network,network}. Tokens are base64url, never holding ; = | or ,. */
    String encode() {
        StringBuilder text = new StringBuilder();
        tokens.forEach((signal, token) -> {
            if (!text.isEmpty()) {
                text.append(';');
            }
            text.append(signal.name()).append('=').append(token);
        });
        return text.append('|').append(String.join(",", fonts)).append('|').append(String.join(",", networks))
                .toString();
    }

    static DeviceProfile decode(String text) {
        String[] parts = text.split("\\|", -1);
        Map<Signal, String> tokens = new EnumMap<>(Signal.class);
        for (String pair : parts[0].split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    tokens.put(Signal.valueOf(pair.substring(0, eq)), pair.substring(eq + 1));
                } catch (IllegalArgumentException retiredSignal) {
                    // a signal no longer compared: skipped
                }
            }
        }
        Set<String> fonts = parts.length < 2 || parts[1].isEmpty() ? Set.of() : Set.of(parts[1].split(","));
        List<String> networks = parts.length < 3 || parts[2].isEmpty() ? List.of() : List.of(parts[2].split(","));
        return new DeviceProfile(tokens, fonts, networks);
    }

    /** A short, fixed-length digest of already-keyed tokens (a blocking key needs no key of its own). */
    private static String digest(String text) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 12));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
