package dev.anshin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditChainTest {

    private static final Instant AT = Instant.parse("2026-11-26T01:02:03.123456Z");
    private static final String PREV = "ab".repeat(32);

    @TempDir
    Path dir;

    private static byte[] encode(String actor, String action, String resource, String purpose, String origin,
            String detail) {
        return AuditChain.canonical(7, AT, actor, action, resource, purpose, AuditOutcome.SUCCESS, origin, detail, PREV);
    }

    @Test
    void encodingIsUnambiguousWhenCharactersMoveBetweenFields() {
        List<byte[]> encodings = List.of(
                encode("ab", "c", "r", null, null, null),
                encode("a", "bc", "r", null, null, null),
                encode("a", "b", "cr", null, null, null),
                encode("a", "b", "r", "", null, null),
                encode("a", "b", "r", null, "", null),
                encode("a", "b", "r", null, null, ""),
                encode("a", "b", "r", null, null, null),
                encode("a\u0000", "b", "r", null, null, null),
                encode("a", "\u0000b", "r", null, null, null));
        Set<String> distinct = new HashSet<>();
        encodings.forEach(bytes -> distinct.add(Arrays.toString(bytes)));

        assertThat(distinct).hasSize(encodings.size());
    }

    @Test
    void encodingCoversSeqTimeOutcomeAndPreviousHash() {
        byte[] base = AuditChain.canonical(7, AT, "a", "b", "r", null, AuditOutcome.SUCCESS, null, null, PREV);

        assertThat(AuditChain.canonical(8, AT, "a", "b", "r", null, AuditOutcome.SUCCESS, null, null, PREV)).isNotEqualTo(base);
        assertThat(AuditChain.canonical(7, AT.plusNanos(1000), "a", "b", "r", null, AuditOutcome.SUCCESS, null, null, PREV))
                .isNotEqualTo(base);
        assertThat(AuditChain.canonical(7, AT, "a", "b", "r", null, AuditOutcome.DENIED, null, null, PREV)).isNotEqualTo(base);
        assertThat(AuditChain.canonical(7, AT, "a", "b", "r", null, AuditOutcome.SUCCESS, null, null, "cd".repeat(32)))
                .isNotEqualTo(base);
        assertThat(AuditChain.canonical(7, AT, "a", "b", "r", null, AuditOutcome.SUCCESS, null, null, PREV)).isEqualTo(base);
    }

    @Test
    void sealIsAKeyedHashThatOnlyItsKeyVerifies() {
        AuditKey key = AuditKey.loadOrCreate(null, dir.resolve("one.json"));
        AuditKey other = AuditKey.loadOrCreate(null, dir.resolve("other.json"));
        byte[] bytes = encode("alice", "customer.read", "customer/c-1", "service", "10.0.0.1", null);

        String hash = key.seal(bytes);

        assertThat(hash).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(key.seal(bytes)).isEqualTo(hash);
        assertThat(key.verifies(bytes, hash)).isTrue();
        assertThat(other.verifies(bytes, hash)).isFalse();
        assertThat(key.verifies(encode("mallory", "customer.read", "customer/c-1", "service", "10.0.0.1", null), hash))
                .isFalse();
        assertThat(key.verifies(bytes, "not hex")).isFalse();
    }

    @Test
    void keyFileIsCreatedOnceReadableByItsOwnerOnlyAndReloaded() throws Exception {
        Path file = dir.resolve("audit-keyset.json");
        AuditKey created = AuditKey.loadOrCreate(null, file);
        byte[] bytes = encode("a", "b", "r", null, null, null);

        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(AuditKey.load(null, file).verifies(bytes, created.seal(bytes))).isTrue();
        assertThat(AuditKey.load(Files.readString(file), dir.resolve("absent.json")).verifies(bytes, created.seal(bytes)))
                .isTrue();
    }

    @Test
    void offlineLoadNeverCreatesAKey() {
        Path absent = dir.resolve("absent.json");

        assertThatThrownBy(() -> AuditKey.load(null, absent)).isInstanceOf(IllegalStateException.class);
        assertThat(absent).doesNotExist();
    }

    @Test
    void eventRefusesMissingAndOverlongFields() {
        assertThatThrownBy(() -> new AuditEvent(" ", "a", "r", null, AuditOutcome.SUCCESS, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditEvent("u", "a", "r", null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditEvent("u", "a", "r", null, AuditOutcome.SUCCESS, null, "x".repeat(513)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new AuditEvent("u", "a", "r", null, AuditOutcome.SUCCESS, null, "x".repeat(512)).detail()).hasSize(512);
    }

    @Test
    void fitCutsLongValuesAndMasksControlCharacters() {
        assertThat(AuditEvent.fit("bob\r\nforged line", 64)).isEqualTo("bob??forged line");
        assertThat(AuditEvent.fit("x".repeat(100), 64)).hasSize(64).endsWith("…");
        assertThat(AuditEvent.fit(null, 64)).isNull();
    }
}
