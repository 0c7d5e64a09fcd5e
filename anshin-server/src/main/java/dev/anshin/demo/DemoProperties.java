package dev.anshin.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the demo ({@code ./anshin demo}); off unless {@code anshin.demo.enabled=true}.
 *
 * @param enabled     create demo data and live traffic
 * @param cards       simulated cardholders (one card each)
 * @param terminals   simulated terminals
 * @param historyDays days of history created before now
 * @param rate        live authorizations per second sent to the scoring API
 * @param labelAfterSeconds a live fraud is reported (labelled) this long after it happened
 * @param seed        simulator seed
 */
@ConfigurationProperties("anshin.demo")
record DemoProperties(boolean enabled, Integer cards, Integer terminals, Integer historyDays, Double rate,
        Integer labelAfterSeconds, Long seed) {

    DemoProperties {
        cards = cards == null ? 300 : cards;
        terminals = terminals == null ? 2_000 : terminals;
        historyDays = historyDays == null ? 21 : historyDays;
        rate = rate == null ? 20.0 : rate;
        labelAfterSeconds = labelAfterSeconds == null ? 30 : labelAfterSeconds;
        seed = seed == null ? 42L : seed;
    }
}
