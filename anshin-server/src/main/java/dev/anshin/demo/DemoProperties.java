package dev.anshin.demo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the demo ({@code ./anshin demo}); off unless {@code anshin.demo.enabled=true}.
 *
 * @param enabled           create demo data and live traffic
 * @param cards             simulated cardholders (one card each)
 * @param terminals         simulated terminals
 * @param historyDays       days of history created before now
 * @param rate              live authorizations per second sent to the scoring API
 * @param labelAfterSeconds a live fraud is reported by its cardholder this long after it happened (a
 *                          dispute, whose confirmation labels it)
 * @param genuineReportEvery one in this many genuine live transactions is reported too, by a
 *                          cardholder who forgot it (0: none)
 * @param seed              simulator seed
 * @param cardholderChargesPerDay live charges a day of the demo cardholder (the one who signs in to the
 *                          portal, card 0), a person's few rather than the simulator's share of {@code rate}
 * @param bannerEvery       the banner (URLs, users, keys) is printed again this often, so that the log
 *                          never scrolls it away for good; 0: printed once
 * @param applicantsPerMinute simulated people applying for a card online, a minute (genuine, over-asking
 *                          and four kinds of fraud, through the real pages' calls, the partner API and the
 *                          sandbox eKYC vendor); 0: none
 * @param applicantThinkScale the simulated applicants' own time per step as a share of a person's (1: about
 *                          half a minute from submission to paying with the card; 0: no pauses)
 * @param inboundTravellers cardholders whose cards were issued abroad (Korea, Taiwan, the United States,
 *                          Australia), shopping now and then, so statistics by country of issue have data
 * @param statisticsEvery   how often the simulated statistics staff and partner act: the analyst previews
 *                          what is due (each report once a month, within the privacy budget), the officer
 *                          publishes what was previewed a round before, the partner downloads a table
 * @param voiceEvery        one customer's voice this often, by each channel and source in turn (the call center's
 *                          and the stores' API, the portal's and the public opinion form, staff at a counter); 0: none
 * @param voicesPerDay      voices a day in the history made at the first start (the previous month and this month
 *                          so far; the surge alert's baseline days, the last 30, as dense as {@code voice-every}, at
 *                          most ten times this, so the alert's usual level matches the live stream)
 * @param voiceSurgeEvery   a burst of fraud complaints this often (the surge alert catches it); 0: none
 * @param voiceSurgeFirst   the first burst this long after the start
 * @param voiceSurgeSize    fraud complaints in a burst
 * @param voiceImportEvery  a small call-center export through the CSV import this often (a few rows bad); 0: none
 */
@ConfigurationProperties("anshin.demo")
record DemoProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("300") int cards,
        @DefaultValue("2000") int terminals,
        @DefaultValue("21") int historyDays,
        @DefaultValue("20") double rate,
        @DefaultValue("30") int labelAfterSeconds,
        @DefaultValue("400") int genuineReportEvery,
        @DefaultValue("42") long seed,
        @DefaultValue("5m") Duration bannerEvery,
        @DefaultValue("3") double cardholderChargesPerDay,
        @DefaultValue("4") double applicantsPerMinute,
        @DefaultValue("1") double applicantThinkScale,
        @DefaultValue("150") int inboundTravellers,
        @DefaultValue("5m") Duration statisticsEvery,
        @DefaultValue("5m") Duration voiceEvery,
        @DefaultValue("30") int voicesPerDay,
        @DefaultValue("2h") Duration voiceSurgeEvery,
        @DefaultValue("10m") Duration voiceSurgeFirst,
        @DefaultValue("25") int voiceSurgeSize,
        @DefaultValue("30m") Duration voiceImportEvery) {
}
