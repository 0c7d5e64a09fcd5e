package dev.anshin.fraud;

import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.Decision;
import dev.anshin.scoring.DeviceData;
import dev.anshin.scoring.DeviceFacts;
import dev.anshin.scoring.PosEntryMode;
import dev.anshin.scoring.Reason;
import dev.anshin.scoring.RiskDecision;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of one decision in the {@link DecisionLog}: every column of the authorizations
 * row, in a fixed order behind a format byte. Written and read only by this class, so a change of
 * layout is a new format number that {@link #read} still understands.
 */
final class DecisionLogCodec {

    /**
     * 2 added the merchant name (DE43) after the IP address, 3 the shipping-address and account
     * pseudonyms after it, 4 the facts of Anshin's device module ({@link DeviceFacts}) after those, 5 the
     * device id, user agent and IP address as keyed pseudonyms (where earlier formats held the clear values)
     * and the sealed clear values after the decision time; records of earlier formats are still read, marked
     * {@link StoredDecision#clearDevice()} so that their clear values are pseudonymized before anything uses them.
     */
    static final int FORMAT = 5;

    private DecisionLogCodec() {
    }

    static void write(StoredDecision stored, DataOutput out) throws IOException {
        Authorization a = stored.authorization();
        RiskDecision d = stored.decision();
        out.writeByte(FORMAT);
        out.writeUTF(a.authorizationId());
        out.writeUTF(stored.fingerprint());
        out.writeUTF(a.cardToken());
        out.writeLong(a.amountMinor());
        out.writeUTF(a.currency());
        out.writeUTF(a.merchantId());
        out.writeUTF(a.mcc());
        out.writeUTF(a.terminalId());
        out.writeUTF(a.merchantCountry());
        out.writeByte(a.posEntryMode().ordinal());
        out.writeBoolean(a.cardPresent());
        instant(out, a.timestamp());
        DeviceData device = a.device();
        out.writeBoolean(device != null);
        if (device != null) {
            text(out, device.deviceId());
            text(out, device.channel());
            text(out, device.userAgent());
            text(out, device.language());
            number(out, device.timezoneOffset());
            number(out, device.screenWidth());
            number(out, device.screenHeight());
        }
        text(out, a.ipAddress());
        text(out, a.merchantName());
        text(out, a.shippingAddressKey());
        text(out, a.accountKey());
        DeviceFacts facts = device == null ? null : device.anshin();
        out.writeBoolean(facts != null);
        if (facts != null) {
            out.writeBoolean(facts.automation());
            out.writeLong(facts.applications30d());
            out.writeInt(facts.customers());
            out.writeLong(facts.fraudsOnLinkedCards());
            out.writeShort(facts.reasons().size());
            for (String reason : facts.reasons()) {
                out.writeUTF(reason);
            }
        }
        out.writeByte(d.decision().ordinal());
        out.writeDouble(d.score());
        out.writeShort(d.reasons().size());
        for (Reason reason : d.reasons()) {
            out.writeByte(reason.kind().ordinal());
            out.writeUTF(reason.code());
            text(out, reason.description());
            out.writeDouble(reason.weight());
        }
        out.writeUTF(d.modelVersion());
        out.writeInt(d.ruleSetVersion());
        out.writeShort(d.shadowScores().size());
        for (Map.Entry<String, Double> shadow : d.shadowScores().entrySet()) {
            out.writeUTF(shadow.getKey());
            out.writeDouble(shadow.getValue());
        }
        out.writeLong(d.latencyMicros());
        out.writeLong(stored.processingMicros());
        instant(out, stored.decidedAt());
        if (stored.clearDevice()) {
            throw new IllegalStateException("clear device data is never logged again");
        }
        text(out, stored.sealedDevice());
    }

    static StoredDecision read(DataInput in) throws IOException {
        int format = in.readUnsignedByte();
        if (format < 1 || format > FORMAT) {
            throw new IOException("unknown decision log format " + format);
        }
        String id = in.readUTF();
        String fingerprint = in.readUTF();
        String cardToken = in.readUTF();
        long amountMinor = in.readLong();
        String currency = in.readUTF();
        String merchantId = in.readUTF();
        String mcc = in.readUTF();
        String terminalId = in.readUTF();
        String merchantCountry = in.readUTF();
        PosEntryMode posEntryMode = PosEntryMode.values()[in.readUnsignedByte()];
        boolean cardPresent = in.readBoolean();
        Instant timestamp = instant(in);
        DeviceData device = null;
        if (in.readBoolean()) {
            device = new DeviceData(text(in), text(in), text(in), text(in), number(in), number(in), number(in));
        }
        String ipAddress = text(in);
        String merchantName = format >= 2 ? text(in) : null;
        String shippingAddressKey = format >= 3 ? text(in) : null;
        String accountKey = format >= 3 ? text(in) : null;
        if (format >= 4 && in.readBoolean()) {
            boolean automation = in.readBoolean();
            long applications30d = in.readLong();
            int customers = in.readInt();
            long fraudsOnLinkedCards = in.readLong();
            int reasonCodes = in.readUnsignedShort();
            List<String> codes = new ArrayList<>(reasonCodes);
            for (int i = 0; i < reasonCodes; i++) {
                codes.add(in.readUTF());
            }
            DeviceFacts facts = new DeviceFacts(automation, applications30d, customers, fraudsOnLinkedCards, codes);
            if (device == null) {
                throw new IOException("device facts without device data");
            }
            device = device.recognisedAs(device.deviceId(), facts);
        }
        Authorization authorization = new Authorization(id, cardToken, amountMinor, currency, merchantId, mcc,
                terminalId, merchantCountry, posEntryMode, cardPresent, timestamp, device, ipAddress, merchantName,
                shippingAddressKey, accountKey);
        Decision decision = Decision.values()[in.readUnsignedByte()];
        double score = in.readDouble();
        int reasonCount = in.readUnsignedShort();
        List<Reason> reasons = new ArrayList<>(reasonCount);
        for (int i = 0; i < reasonCount; i++) {
            reasons.add(new Reason(Reason.Kind.values()[in.readUnsignedByte()], in.readUTF(), text(in),
                    in.readDouble()));
        }
        String modelVersion = in.readUTF();
        int ruleSetVersion = in.readInt();
        int shadowCount = in.readUnsignedShort();
        Map<String, Double> shadowScores = new LinkedHashMap<>();
        for (int i = 0; i < shadowCount; i++) {
            shadowScores.put(in.readUTF(), in.readDouble());
        }
        long latencyMicros = in.readLong();
        long processingMicros = in.readLong();
        Instant decidedAt = instant(in);
        String sealedDevice = format >= 5 ? text(in) : null;
        RiskDecision risk = new RiskDecision(id, decision, score, reasons, modelVersion, ruleSetVersion,
                shadowScores, latencyMicros);
        boolean clear = format < 5 && (device != null && (device.deviceId() != null || device.userAgent() != null)
                || ipAddress != null);
        return new StoredDecision(authorization, fingerprint, risk, processingMicros, decidedAt, sealedDevice, clear);
    }

    private static void text(DataOutput out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String text(DataInput in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void number(DataOutput out, Integer value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeInt(value);
        }
    }

    private static Integer number(DataInput in) throws IOException {
        return in.readBoolean() ? in.readInt() : null;
    }

    private static void instant(DataOutput out, Instant value) throws IOException {
        out.writeLong(value.getEpochSecond());
        out.writeInt(value.getNano());
    }

    private static Instant instant(DataInput in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }
}
