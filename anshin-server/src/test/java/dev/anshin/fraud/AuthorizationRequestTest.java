package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.problems.FieldProblem;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.PosEntryMode;
import org.junit.jupiter.api.Test;

class AuthorizationRequestTest {

    private static AuthorizationRequest valid() {
        return new AuthorizationRequest("a-1", new AuthorizationRequest.CardReference("tok_1", null),
                new AuthorizationRequest.Money(1250L, "JPY"), "m-1", "5411", "t-1", "JP", "07", true,
                "2026-03-01T12:00:00+09:00", null, null, " NETFLIX.COM 866-579-7172 ", null, null);
    }

    @Test
    void validRequestBecomesACoreAuthorization() {
        Authorization authorization = valid().toAuthorization("tok_1");
        assertThat(authorization.posEntryMode()).isEqualTo(PosEntryMode.CONTACTLESS);
        assertThat(authorization.timestamp()).hasToString("2026-03-01T03:00:00Z");
        assertThat(authorization.amount()).isEqualTo(1250.0);
        assertThat(authorization.merchantName()).isEqualTo("NETFLIX.COM 866-579-7172");
    }

    @Test
    void theShippingAddressAndTheAccountBecomePseudonymsAndAreDropped() {
        AuthorizationRequest request = new AuthorizationRequest("a-3", new AuthorizationRequest.CardReference("tok_1", null),
                new AuthorizationRequest.Money(5000L, "JPY"), "m-1", "5999", "t-1", "JP", "81", false,
                "2026-03-01T12:00:00Z", null, null, null, "東京都港区芝公園4-2-8", "acct-42");
        Authorization authorization = request.toAuthorization("tok_1", request.occurredAt(),
                (domain, value) -> "ps(" + domain + ":" + value.length() + ")");
        assertThat(authorization.shippingAddressKey()).isEqualTo("ps(shipping-address:13)");
        assertThat(authorization.accountKey()).as("an account id counts only at its merchant")
                .isEqualTo("ps(merchant-account:" + ("m-1".length() + 1 + "acct-42".length()) + ")");
        assertThat(authorization.toString()).doesNotContain("芝公園").doesNotContain("acct-42");
        assertThat(request.toString()).doesNotContain("芝公園").doesNotContain("acct-42");
    }

    @Test
    void namesEveryInvalidFieldAtOnce() {
        AuthorizationRequest request = new AuthorizationRequest(" ", null,
                new AuthorizationRequest.Money(-5L, "ABC"), "m-1", "54111", "t-1", "ZZ", "42", null, "noon", null,
                "999.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1", "SHOP\u0000" + "x".repeat(120), "x".repeat(301), "acct\n1");
        assertThat(request.validate()).extracting(FieldProblem::field).containsExactly("authorizationId", "card",
                "amount.minor", "amount.currency", "mcc", "merchantCountry", "posEntryMode", "cardPresent",
                "timestamp", "ipAddress", "shippingAddress", "merchantAccountId", "merchantName");
    }

    @Test
    void checksTheShapeOfIdsCodesAndAddresses() {
        String longId = "a".repeat(65);
        AuthorizationRequest request = new AuthorizationRequest("a 1", new AuthorizationRequest.CardReference("tok_1", null),
                new AuthorizationRequest.Money(1L, "jpy"), longId, "54a1", "t/1", "JP", "05", true,
                "2026-03-01T12:00:00Z", null, "10.0.0.x", null, null, null);
        assertThat(request.validate()).extracting(FieldProblem::field).containsExactly("authorizationId",
                "amount.currency", "merchantId", "mcc", "terminalId", "ipAddress");

        AuthorizationRequest edge = new AuthorizationRequest("A.b_c:d-9", new AuthorizationRequest.CardReference("tok_1", null),
                new AuthorizationRequest.Money(0L, "USD"), "a".repeat(64), "0000", "t-1", "US", "81", false,
                "2026-03-01T12:00:00Z", null, "2001:db8::1", "ｾﾌﾞﾝｲﾚﾌﾞﾝ 新宿3丁目店", "東京都港区芝公園4-2-8",
                "acct-42");
        assertThat(edge.validate()).isEmpty();
    }

    @Test
    void neverPrintsTheCardNumber() {
        AuthorizationRequest request = new AuthorizationRequest("a-2",
                new AuthorizationRequest.CardReference(null, "4111111111111111"), null, null, null, null, null, null,
                null, null, null, null, null, null, null);
        assertThat(request.toString()).doesNotContain("4111111111111111");
        assertThat(request.card().toString()).doesNotContain("4111111111111111");
    }
}
