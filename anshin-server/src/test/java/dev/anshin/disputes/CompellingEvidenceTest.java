package dev.anshin.disputes;

import static dev.anshin.disputes.CompellingEvidence.Element.ACCOUNT_ID;
import static dev.anshin.disputes.CompellingEvidence.Element.DEVICE_ID;
import static dev.anshin.disputes.CompellingEvidence.Element.IP_ADDRESS;
import static dev.anshin.disputes.CompellingEvidence.Element.SHIPPING_ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.anshin.disputes.CompellingEvidence.Element;
import dev.anshin.disputes.CompellingEvidence.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompellingEvidenceTest {

    private static final Instant DISPUTED_AT = Instant.parse("2026-11-01T12:00:00Z");
    private static final Map<Element, String> SAME = Map.of(IP_ADDRESS, "203.0.113.7", DEVICE_ID, "dev-1",
            SHIPPING_ADDRESS, "東京都港区1-1", ACCOUNT_ID, "acct-9");
    private static final Transaction DISPUTED = new Transaction("d", DISPUTED_AT, "m-1", SAME, true);

    private static Transaction earlier(String id, int daysBefore, Map<Element, String> elements, boolean disputed) {
        return new Transaction(id, DISPUTED_AT.minus(Duration.ofDays(daysBefore)), "m-1", elements, disputed);
    }

    private static CompellingEvidence.Result check(Transaction disputed, List<Transaction> earlier) {
        return CompellingEvidence.check(disputed, earlier, DISPUTED_AT);
    }

    @Test
    void twoUndisputedTransactionsMatchingOnTwoElementsDefeatTheChargeback() {
        var result = check(DISPUTED, List.of(
                earlier("a", 130, Map.of(IP_ADDRESS, "203.0.113.7", DEVICE_ID, "DEV-1 "), false),
                earlier("b", 300, Map.of(SHIPPING_ADDRESS, "東京都港区1-1", DEVICE_ID, "dev-1"), false)));
        assertThat(result.chargebackWouldFail()).isTrue();
        assertThat(result.qualifying()).extracting(CompellingEvidence.Match::transactionId).containsExactly("a", "b");
        assertThat(result.qualifying().get(0).matched()).containsExactlyInAnyOrder(IP_ADDRESS, DEVICE_ID);
    }

    @Test
    void shippingAddressAndAccountAloneOrAnotherMerchantDoNotCount() {
        Map<Element, String> addressAndAccount = Map.of(SHIPPING_ADDRESS, "東京都港区1-1", ACCOUNT_ID, "acct-9");
        assertThat(check(DISPUTED, List.of(earlier("a", 130, addressAndAccount, false), earlier("b", 200,
                addressAndAccount, false))).chargebackWouldFail()).as("neither IP nor device matched").isFalse();
        Transaction elsewhere = new Transaction("x", DISPUTED_AT.minus(Duration.ofDays(150)), "m-2", SAME, false);
        assertThat(check(DISPUTED, List.of(earlier("a", 130, SAME, false), elsewhere)).chargebackWouldFail())
                .as("another merchant's transaction").isFalse();
    }

    @Test
    void theWindowCountsBackFromTheDisputeNotTheTransaction() {
        Transaction old = new Transaction("d", DISPUTED_AT.minus(Duration.ofDays(30)), "m-1", SAME, true);
        // A transaction 30 days before the dispute: earlier ones 125 and 140 days before the dispute qualify
        // (only 95 and 110 days before the transaction itself).
        assertThat(CompellingEvidence.check(old, List.of(earlier("a", 125, SAME, false), earlier("b", 140, SAME, false)),
                DISPUTED_AT).chargebackWouldFail()).isTrue();
        assertThat(CompellingEvidence.check(old, List.of(earlier("a", 125, SAME, false), earlier("b", 140, SAME, false)),
                DISPUTED_AT.plus(Duration.ofDays(250))).chargebackWouldFail()).as("too old by the dispute's date").isFalse();
    }

    @Test
    void oneQualifyingTransactionIsNotEnough() {
        var result = check(DISPUTED, List.of(
                earlier("a", 130, SAME, false),
                earlier("b", 200, Map.of(IP_ADDRESS, "203.0.113.7"), false)));
        assertThat(result.chargebackWouldFail()).isFalse();
        assertThat(result.qualifying()).hasSize(1);
    }

    @Test
    void theAgeWindowIs120To365DaysInclusive() {
        assertThat(check(DISPUTED, List.of(earlier("a", 120, SAME, false), earlier("b", 365, SAME, false)))
                .chargebackWouldFail()).isTrue();
        assertThat(check(DISPUTED, List.of(earlier("a", 119, SAME, false), earlier("b", 365, SAME, false)))
                .chargebackWouldFail()).isFalse();
        assertThat(check(DISPUTED, List.of(earlier("a", 120, SAME, false), earlier("b", 366, SAME, false)))
                .chargebackWouldFail()).isFalse();
    }

    @Test
    void disputedOrBlankDoesNotCount() {
        assertThat(check(DISPUTED, List.of(earlier("a", 150, SAME, true), earlier("b", 160, SAME, false)))
                .chargebackWouldFail()).isFalse();
        Transaction blank = new Transaction("d2", DISPUTED_AT, "m-1", Map.of(IP_ADDRESS, " ", DEVICE_ID, ""), true);
        assertThat(check(blank, List.of(
                earlier("a", 150, Map.of(IP_ADDRESS, " ", DEVICE_ID, ""), false),
                earlier("b", 160, Map.of(IP_ADDRESS, " ", DEVICE_ID, ""), false))).chargebackWouldFail()).isFalse();
    }

    @Test
    void theOrderOfTheHistoryDoesNotMatter() {
        var daysBefore = integers().between(0, 400);
        qt().withExamples(200).forAll(daysBefore, daysBefore, daysBefore).checkAssert((a, b, c) -> {
            List<Transaction> history = new ArrayList<>(List.of(
                    earlier("a", a, SAME, false), earlier("b", b, Map.of(IP_ADDRESS, "203.0.113.7", ACCOUNT_ID, "acct-9"), false),
                    earlier("c", c, Map.of(DEVICE_ID, "dev-1"), false)));
            var forward = check(DISPUTED, history);
            Collections.reverse(history);
            assertThat(check(DISPUTED, history).chargebackWouldFail()).isEqualTo(forward.chargebackWouldFail());
            boolean aIn = a >= 120 && a <= 365;
            boolean bIn = b >= 120 && b <= 365;
            assertThat(forward.chargebackWouldFail()).isEqualTo(aIn && bIn);
        });
    }
}
