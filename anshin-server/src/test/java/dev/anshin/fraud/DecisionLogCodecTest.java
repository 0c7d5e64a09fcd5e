package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.Decision;
import dev.anshin.scoring.DeviceData;
import dev.anshin.scoring.DeviceFacts;
import dev.anshin.scoring.PosEntryMode;
import dev.anshin.scoring.Reason;
import dev.anshin.scoring.RiskDecision;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionLogCodecTest {

    private static final Instant AT = Instant.parse("2026-11-20T03:04:05.123456Z");

    private static StoredDecision stored(String merchantName) {
        Authorization authorization = new Authorization("a-1", "tok_1", 1250, "JPY", "m-1", "5411", "t-1", "JP",
                PosEntryMode.ECOMMERCE, false, AT, new DeviceData("dev-1", "02", "Mozilla/5.0", "ja-JP", -540, 1920, null),
                "203.0.113.7", merchantName, merchantName == null ? null : "ps_address", merchantName == null ? null
                        : "ps_account");
        RiskDecision decision = new RiskDecision("a-1", Decision.REVIEW, 0.42,
                List.of(new Reason(Reason.Kind.FEATURE, "amount_ratio", "amount far above the card's usual", 0.3)),
                "model-7", 3, Map.of("shadow", 0.4), 321);
        return new StoredDecision(authorization, "f".repeat(64), decision, 654, AT.plusMillis(2));
    }

    private static StoredDecision roundTrip(StoredDecision stored) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DecisionLogCodec.write(stored, new DataOutputStream(bytes));
        return DecisionLogCodec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }

    @Test
    void everyFieldSurvivesWithOrWithoutAMerchantName() throws IOException {
        assertThat(roundTrip(stored("NETFLIX.COM 866-579-7172"))).isEqualTo(stored("NETFLIX.COM 866-579-7172"));
        assertThat(roundTrip(stored(null))).isEqualTo(stored(null));
    }

    @Test
    void anshinsDeviceFactsSurvive() throws IOException {
        StoredDecision plain = stored("SHOP");
        Authorization a = plain.authorization();
        StoredDecision recognised = new StoredDecision(a.withDevice(a.device().recognisedAs("9b2f6c1e-anshin",
                new DeviceFacts(true, 3, 2, 1, List.of("AUTOMATION", "MANY_APPLICATIONS")))), plain.fingerprint(),
                new RiskDecision("a-1", Decision.REVIEW, 0.42, List.of(new Reason(Reason.Kind.DEVICE, "AUTOMATION",
                        "device: AUTOMATION", 0.0)), "model-7", 3, Map.of(), 321), 654, AT.plusMillis(2));

        assertThat(roundTrip(recognised)).isEqualTo(recognised);
        assertThat(roundTrip(recognised).authorization().device().anshin().reasons())
                .containsExactly("AUTOMATION", "MANY_APPLICATIONS");
    }

    /** Format 1, as the log held it before the merchant name and the pseudonyms: the same fields without them. */
    @Test
    void recordsWrittenInFormatOneAreStillRead() throws IOException {
        StoredDecision expected = stored(null);
        Authorization a = expected.authorization();
        RiskDecision d = expected.decision();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(1);
        out.writeUTF(a.authorizationId());
        out.writeUTF(expected.fingerprint());
        out.writeUTF(a.cardToken());
        out.writeLong(a.amountMinor());
        out.writeUTF(a.currency());
        out.writeUTF(a.merchantId());
        out.writeUTF(a.mcc());
        out.writeUTF(a.terminalId());
        out.writeUTF(a.merchantCountry());
        out.writeByte(a.posEntryMode().ordinal());
        out.writeBoolean(a.cardPresent());
        out.writeLong(a.timestamp().getEpochSecond());
        out.writeInt(a.timestamp().getNano());
        out.writeBoolean(true);
        for (String text : new String[] {"dev-1", "02", "Mozilla/5.0", "ja-JP"}) {
            out.writeBoolean(true);
            out.writeUTF(text);
        }
        out.writeBoolean(true);
        out.writeInt(-540);
        out.writeBoolean(true);
        out.writeInt(1920);
        out.writeBoolean(false);
        out.writeBoolean(true);
        out.writeUTF("203.0.113.7");
        out.writeByte(d.decision().ordinal());
        out.writeDouble(d.score());
        out.writeShort(1);
        out.writeByte(Reason.Kind.FEATURE.ordinal());
        out.writeUTF("amount_ratio");
        out.writeBoolean(true);
        out.writeUTF("amount far above the card's usual");
        out.writeDouble(0.3);
        out.writeUTF("model-7");
        out.writeInt(3);
        out.writeShort(1);
        out.writeUTF("shadow");
        out.writeDouble(0.4);
        out.writeLong(321);
        out.writeLong(654);
        out.writeLong(expected.decidedAt().getEpochSecond());
        out.writeInt(expected.decidedAt().getNano());
        StoredDecision read = DecisionLogCodec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        // Its device id, user agent and IP address are the clear values of then: marked for the conversion.
        assertThat(read).isEqualTo(new StoredDecision(a, expected.fingerprint(), d, expected.processingMicros(),
                expected.decidedAt(), null, true));
    }

    @Test
    void theSealedDeviceDataSurvivesAndClearDeviceDataIsNeverWrittenAgain() throws IOException {
        StoredDecision plain = stored("SHOP");
        StoredDecision sealed = new StoredDecision(plain.authorization(), plain.fingerprint(), plain.decision(),
                plain.processingMicros(), plain.decidedAt(), "c2VhbGVk", false);

        assertThat(roundTrip(sealed)).isEqualTo(sealed);
        assertThat(roundTrip(plain).clearDevice()).isFalse();
        StoredDecision clear = new StoredDecision(plain.authorization(), plain.fingerprint(), plain.decision(),
                plain.processingMicros(), plain.decidedAt(), null, true);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> roundTrip(clear))
                .isInstanceOf(IllegalStateException.class);
    }
}
