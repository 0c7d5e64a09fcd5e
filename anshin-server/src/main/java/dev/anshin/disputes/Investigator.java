package dev.anshin.disputes;

import dev.anshin.fraud.StoredDecision;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.Decision;
import dev.anshin.scoring.Reason;
import dev.anshin.scoring.RiskDecision;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The automatic investigation of one disputed authorization: gathers what speaks for fraud and what
 * for the cardholder's own purchase into weighted {@link Finding}s and concludes. A pure function
 * of the {@link Evidence}, so every outcome can be replayed and explained.
 *
 * <p>The weights are deliberately few and coarse (an analyst must be able to add them up): a sum
 * of {@link #FRAUD_AT} or more is fraud, {@link #GENUINE_AT} or less genuine, anything between goes
 * to an analyst. Two things always go to an analyst rather than to an automatic fraud decision: the
 * cardholder saying a family member could have made it (first-party use is not the network's
 * fraud), and compelling evidence that would defeat the chargeback.
 */
final class Investigator {

    static final int FRAUD_AT = 3;
    static final int GENUINE_AT = -2;
    /** A device or address counts as the cardholder's own only when used this long before the disputed one. */
    static final Duration KNOWN_SINCE = Duration.ofDays(7);
    /** Card-present purchases in two countries closer together than this cannot both be the cardholder's. */
    static final Duration TRAVEL_WINDOW = Duration.ofHours(6);
    /** Earlier purchases needed before an unseen country counts. */
    static final int HISTORY_FOR_COUNTRY = 5;
    static final double HIGH_SCORE = 0.5;
    static final double ELEVATED_SCORE = 0.2;
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    /** The cardholder's answers on the report form. */
    record Answers(Answer cardInHand, Answer familyCouldExplain, Answer subscriptionCouldExplain,
            Answer recognizesMerchant) {
        Answers {
            Objects.requireNonNull(cardInHand);
            Objects.requireNonNull(familyCouldExplain);
            Objects.requireNonNull(subscriptionCouldExplain);
            Objects.requireNonNull(recognizesMerchant);
        }
    }

    /**
     * What the investigation looks at.
     *
     * @param disputed            the disputed authorization with its decision at the time
     * @param history             the cardholder's other authorizations (all their cards) in the year before it
     * @param contested           ids among them that are themselves disputed (not withdrawn) or labelled
     *                            fraud: never the cardholder's own evidence
     * @param claimedFraud        ids among them still claimed as fraud or confirmed as fraud (a case
     *                            found genuine is not)
     * @param answers             the report's answers
     * @param otherCardsAtTerminal other cards with fraud reported or confirmed at the same terminal lately
     * @param otherCardsAtMerchant other cards with fraud reported or confirmed at the same merchant lately
     * @param pointFlagged        whether the terminal or merchant is flagged as compromised
     * @param reportedAt          when the cardholder reported it
     */
    record Evidence(StoredDecision disputed, List<StoredDecision> history, Set<String> contested,
            Set<String> claimedFraud, Answers answers,
            int otherCardsAtTerminal, int otherCardsAtMerchant, boolean pointFlagged, Instant reportedAt) {
        Evidence {
            history = List.copyOf(history);
            contested = Set.copyOf(contested);
            claimedFraud = Set.copyOf(claimedFraud);
        }
    }

    /** The conclusion, its findings in the order found, and the weight they add up to. */
    record Result(Assessment assessment, List<Finding> findings, int total, boolean chargebackWouldFail) {
    }

    private final MerchantDirectory directory;

    Investigator(MerchantDirectory directory) {
        this.directory = directory;
    }

    Result investigate(Evidence evidence) {
        Authorization disputed = evidence.disputed().authorization();
        List<Authorization> own = evidence.history().stream()
                .filter(d -> d.decision().decision() != Decision.DECLINE)
                .map(StoredDecision::authorization)
                .filter(a -> a.timestamp().isBefore(disputed.timestamp()))
                .filter(a -> !evidence.contested().contains(a.authorizationId()))
                .filter(a -> !a.authorizationId().equals(disputed.authorizationId()))
                .sorted(Comparator.comparing(Authorization::timestamp))
                .toList();
        List<Finding> findings = new ArrayList<>();
        risk(evidence.disputed().decision(), findings);
        device(disputed, own, findings);
        location(disputed, own, findings);
        merchant(disputed, own, findings);
        CompellingEvidence.Result compelling = compellingEvidence(disputed, own, evidence.reportedAt());
        if (compelling.chargebackWouldFail()) {
            findings.add(Finding.of("compelling-evidence", -3, "count",
                    Integer.toString(compelling.qualifying().size())));
        }
        elsewhere(evidence, findings);
        answers(disputed, evidence.answers(), findings);
        sameCard(disputed, evidence, findings);
        int total = findings.stream().mapToInt(Finding::weight).sum();
        Assessment assessment;
        if (total <= GENUINE_AT) {
            assessment = Assessment.GENUINE;
        } else if (total >= FRAUD_AT && evidence.answers().familyCouldExplain() != Answer.YES
                && !compelling.chargebackWouldFail()) {
            assessment = Assessment.FRAUD;
        } else {
            assessment = Assessment.UNCLEAR;
        }
        return new Result(assessment, List.copyOf(findings), total, compelling.chargebackWouldFail());
    }

    private static void risk(RiskDecision decision, List<Finding> findings) {
        String reasons = decision.reasons().stream().filter(r -> r.weight() > 0).limit(3).map(Reason::code)
                .collect(Collectors.joining(", "));
        if (decision.byRulesAlone()) {
            rulesOnly(decision, reasons, findings);
            return;
        }
        String score = String.format(java.util.Locale.ROOT, "%.2f", decision.score());
        if (decision.decision() == Decision.DECLINE) {
            // The engine refused it, and its cardholder denies it: the two agree.
            findings.add(Finding.of("risk-declined", 3, "score", score, "reasons", reasons));
        } else if (decision.decision() == Decision.REVIEW || decision.score() >= HIGH_SCORE) {
            findings.add(Finding.of("risk-high", 2, "score", score, "reasons", reasons));
        } else if (decision.score() >= ELEVATED_SCORE) {
            findings.add(Finding.of("risk-elevated", 1, "score", score, "reasons", reasons));
        } else {
            findings.add(Finding.of("risk-low", 0, "score", score));
        }
    }

    /**
     * A decision by the rules alone counts for what the rules said. A DECLINE is a rule declining
     * (or the card blocked): as strong as the engine declining. A REVIEW with a rule among its
     * reasons is a REVIEW rule that fired (an ALLOW would have approved, a DECLINE declined): as
     * strong as a high score. A REVIEW with no rule is only the policy's answer to having no score,
     * and an APPROVE an ALLOW rule's (or, with no model active, that no rule stopped it): neither
     * says anything about fraud, so they weigh nothing.
     */
    private static void rulesOnly(RiskDecision decision, String reasons, List<Finding> findings) {
        boolean ruleFired = decision.reasons().stream().anyMatch(r -> r.kind() == Reason.Kind.RULE);
        if (decision.decision() == Decision.DECLINE) {
            findings.add(Finding.of("risk-rules-declined", 3, "reasons", reasons));
        } else if (decision.decision() == Decision.REVIEW && ruleFired) {
            findings.add(Finding.of("risk-rules-review", 2, "reasons", reasons));
        } else {
            findings.add(Finding.of("risk-rules-only", 0, "decision", decision.decision().name()));
        }
    }

    private static void device(Authorization disputed, List<Authorization> own, List<Finding> findings) {
        Instant knownBefore = disputed.timestamp().minus(KNOWN_SINCE);
        String device = disputed.deviceId();
        if (device != null && !device.isBlank()) {
            Optional<Authorization> first = own.stream().filter(a -> device.equals(a.deviceId()))
                    .filter(a -> !a.timestamp().isAfter(knownBefore)).findFirst();
            if (first.isPresent()) {
                findings.add(Finding.of("device-known", -2, "since", date(first.get().timestamp())));
            } else if (own.stream().anyMatch(a -> a.deviceId() != null)) {
                findings.add(Finding.of("device-new", 1));
            }
        }
        String ip = disputed.ipAddress();
        if (ip != null && !ip.isBlank()) {
            own.stream().filter(a -> ip.equals(a.ipAddress())).filter(a -> !a.timestamp().isAfter(knownBefore))
                    .findFirst()
                    .ifPresent(a -> findings.add(Finding.of("ip-known", -1, "since", date(a.timestamp()))));
        }
    }

    private static void location(Authorization disputed, List<Authorization> own, List<Finding> findings) {
        if (own.size() >= HISTORY_FOR_COUNTRY
                && own.stream().noneMatch(a -> disputed.merchantCountry().equals(a.merchantCountry()))) {
            findings.add(Finding.of("country-new", 1, "country", disputed.merchantCountry()));
        }
        if (disputed.cardPresent()) {
            own.stream()
                    .filter(Authorization::cardPresent)
                    .filter(a -> !disputed.merchantCountry().equals(a.merchantCountry()))
                    .filter(a -> Duration.between(a.timestamp(), disputed.timestamp()).abs()
                            .compareTo(TRAVEL_WINDOW) < 0)
                    .reduce((a, b) -> b)
                    .ifPresent(a -> findings.add(Finding.of("impossible-travel", 2, "country", a.merchantCountry(),
                            "hours", Long.toString(Duration.between(a.timestamp(), disputed.timestamp())
                                    .abs().toHours()))));
        }
    }

    private void merchant(Authorization disputed, List<Authorization> own, List<Finding> findings) {
        if (disputed.merchantName() != null) {
            directory.lookup(disputed.merchantName()).ifPresent(brand -> findings.add(Finding.of("merchant-brand", 0,
                    "brandJa", brand.nameJa(), "brandEn", brand.nameEn(), "kind", brand.kind().name(),
                    "recurring", Boolean.toString(brand.recurring()))));
        }
        List<Authorization> here = own.stream().filter(a -> disputed.merchantId().equals(a.merchantId())).toList();
        if (!here.isEmpty()) {
            // Online, an earlier relationship with the merchant (an account, a subscription) speaks for
            // the cardholder; in a shop, a stolen or copied card is used where it is used anyway.
            int weight = environment(disputed) != ChargebackReason.Environment.CARD_ABSENT ? 0
                    : here.size() >= 3 ? -2 : -1;
            findings.add(Finding.of("merchant-earlier", weight, "count",
                    Integer.toString(here.size()), "since", date(here.get(0).timestamp())));
        }
        List<RecurringCharges.Charge> charges = here.stream()
                .map(a -> new RecurringCharges.Charge(a.timestamp(), a.amountMinor())).toList();
        // A subscription bills online; a weekly shop at the same till is a habit a thief can share.
        int recurringWeight = environment(disputed) == ChargebackReason.Environment.CARD_ABSENT ? -2 : 0;
        RecurringCharges.schedule(new RecurringCharges.Charge(disputed.timestamp(), disputed.amountMinor()), charges)
                .ifPresent(s -> findings.add(Finding.of("recurring", recurringWeight, "days",
                        Long.toString(s.period().toDays()), "count", Integer.toString(s.earlierCharges()))));
    }

    private static CompellingEvidence.Result compellingEvidence(Authorization disputed, List<Authorization> own,
            Instant reportedAt) {
        List<CompellingEvidence.Transaction> earlier = own.stream()
                .filter(a -> disputed.merchantId().equals(a.merchantId()))
                .map(a -> transaction(a, false)).toList();
        return CompellingEvidence.check(transaction(disputed, true), earlier, reportedAt);
    }

    static CompellingEvidence.Transaction transaction(Authorization a, boolean disputed) {
        Map<CompellingEvidence.Element, String> elements = new EnumMap<>(CompellingEvidence.Element.class);
        putIfPresent(elements, CompellingEvidence.Element.IP_ADDRESS, a.ipAddress());
        putIfPresent(elements, CompellingEvidence.Element.DEVICE_ID, a.deviceId());
        putIfPresent(elements, CompellingEvidence.Element.SHIPPING_ADDRESS, a.shippingAddressKey());
        putIfPresent(elements, CompellingEvidence.Element.ACCOUNT_ID, a.accountKey());
        return new CompellingEvidence.Transaction(a.authorizationId(), a.timestamp(), a.merchantId(), elements,
                disputed);
    }

    private static void putIfPresent(Map<CompellingEvidence.Element, String> elements,
            CompellingEvidence.Element element, String value) {
        if (value != null && !value.isBlank()) {
            elements.put(element, value);
        }
    }

    private static void elsewhere(Evidence evidence, List<Finding> findings) {
        if (evidence.otherCardsAtTerminal() > 0) {
            findings.add(Finding.of("other-reports-terminal", 2, "cards",
                    Integer.toString(evidence.otherCardsAtTerminal())));
        } else if (evidence.otherCardsAtMerchant() >= 2) {
            findings.add(Finding.of("other-reports-merchant", 1, "cards",
                    Integer.toString(evidence.otherCardsAtMerchant())));
        }
        if (evidence.pointFlagged()) {
            findings.add(Finding.of("compromised-point", 2));
        }
    }

    private static void answers(Authorization disputed, Answers answers, List<Finding> findings) {
        switch (answers.familyCouldExplain()) {
            case YES -> findings.add(Finding.of("family-could-explain", -2));
            case UNSURE -> findings.add(Finding.of("family-unsure", -1));
            case NO -> { }
        }
        switch (answers.subscriptionCouldExplain()) {
            case YES -> findings.add(Finding.of("subscription-could-explain", -2));
            case UNSURE -> findings.add(Finding.of("subscription-unsure", -1));
            case NO -> { }
        }
        if (answers.recognizesMerchant() == Answer.YES) {
            findings.add(Finding.of("merchant-recognized", -1));
        }
        ChargebackReason.Environment environment = environment(disputed);
        if (environment != ChargebackReason.Environment.CARD_ABSENT) {
            if (answers.cardInHand() == Answer.NO) {
                findings.add(Finding.of("card-not-in-hand", 1));
            } else if (answers.cardInHand() == Answer.YES) {
                findings.add(environment == ChargebackReason.Environment.MAGSTRIPE_OR_KEYED
                        ? Finding.of("counterfeit-likely", 1) : Finding.of("chip-while-held", -1));
            }
        }
    }

    private static void sameCard(Authorization disputed, Evidence evidence, List<Finding> findings) {
        long others = evidence.history().stream()
                .filter(d -> evidence.claimedFraud().contains(d.authorizationId()))
                .filter(d -> !d.authorizationId().equals(disputed.authorizationId()))
                .filter(d -> Duration.between(d.authorization().timestamp(), disputed.timestamp()).abs()
                        .compareTo(Duration.ofDays(30)) < 0)
                .count();
        if (others > 0) {
            findings.add(Finding.of("card-other-fraud", 1, "count", Long.toString(others)));
        }
    }

    static ChargebackReason.Environment environment(Authorization a) {
        return ChargebackReason.Environment.of(a.posEntryMode().code(), a.cardPresent());
    }

    private static String date(Instant at) {
        return LocalDate.ofInstant(at, TOKYO).toString();
    }
}
