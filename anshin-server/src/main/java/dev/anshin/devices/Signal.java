package dev.anshin.devices;

/**
 * The signals a device is recognised by, each with its weight in {@link Similarity}. Stable ones
 * (hardware, screen, GPU, fonts, audio stack, time zone) weigh more than drifting ones (browser
 * version, canvas, which browser updates and privacy modes change). The weights were set from what
 * is known to drift and then checked on the synthetic population (docs/benchmarks.md), not fitted to it.
 */
enum Signal {
    PLATFORM(1.0),
    OS(0.6),
    HARDWARE_CONCURRENCY(1.0),
    DEVICE_MEMORY(0.5),
    SCREEN(1.0),
    AVAILABLE_SCREEN(0.3),
    PIXEL_RATIO(0.6),
    COLOR_DEPTH(0.2),
    TOUCH_POINTS(0.5),
    WEBGL_RENDERER(1.5),
    WEBGL_PARAMETERS(0.7),
    TIMEZONE(0.8),
    LANGUAGES(0.4),
    AUDIO(1.0),
    CANVAS(0.5),
    BROWSER_FAMILY(0.6),
    BROWSER_VERSION(0.2),
    /** The network the request came from (IPv4 /24, IPv6 /48): home Wi-Fi repeats, a mobile carrier's is shared. */
    NETWORK(3.0);

    /** The installed fonts, compared as sets (Jaccard), weigh this much. */
    static final double FONTS_WEIGHT = 1.5;

    final double weight;

    Signal(double weight) {
        this.weight = weight;
    }
}
