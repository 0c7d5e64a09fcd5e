package dev.anshin.disputes;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of dispute handling ({@code anshin.disputes.*}).
 *
 * @param reviewWithin          how long analysts have for a case the investigation could not decide
 * @param genuineExpiresAfter   how long a case explained as genuine stays open for the cardholder to contest
 * @param investigationThreads  threads investigating reports as they come
 * @param sweepInterval         how often unfinished cases (a failed or interrupted investigation) are picked up again
 * @param convergingWindow      how far back other cards' frauds at the same terminal or merchant count
 * @param compromiseTerminalCards distinct cards whose frauds at one terminal flag it as compromised
 * @param compromiseMerchantCards the same for a merchant
 * @param compromiseWindow      how close in time those frauds must be
 * @param maxTransactionsPerReport most transactions one report may dispute
 */
@ConfigurationProperties("anshin.disputes")
public record DisputeProperties(
        @DefaultValue("48h") Duration reviewWithin,
        @DefaultValue("30d") Duration genuineExpiresAfter,
        @DefaultValue("2") int investigationThreads,
        @DefaultValue("30s") Duration sweepInterval,
        @DefaultValue("30d") Duration convergingWindow,
        @DefaultValue("3") int compromiseTerminalCards,
        @DefaultValue("5") int compromiseMerchantCards,
        @DefaultValue("7d") Duration compromiseWindow,
        @DefaultValue("20") int maxTransactionsPerReport) {
}
