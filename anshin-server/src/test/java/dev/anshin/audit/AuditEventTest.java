package dev.anshin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditEventTest {

    @Test
    void pathsKeepIdsAndTokensButNotWhatCouldBePersonal() {
        assertThat(AuditEvent.safePath("/api/v1/customers/3f0c2a1e-9b7d-4c5e-8f6a-1b2c3d4e5f60/erasure"))
                .isEqualTo("/api/v1/customers/3f0c2a1e-9b7d-4c5e-8f6a-1b2c3d4e5f60/erasure");
        assertThat(AuditEvent.safePath("/api/v1/cards/tok_Ab3dEf9hIj0kLm1nOp2qRs3tUv4wXy5z01234567/block"))
                .isEqualTo("/api/v1/cards/tok_Ab3dEf9hIj0kLm1nOp2qRs3tUv4wXy5z01234567/block");
        assertThat(AuditEvent.safePath("/api/v1/cards/4111111111111111/block")).isEqualTo("/api/v1/cards/(redacted)/block");
        assertThat(AuditEvent.safePath("/api/v1/customers/090-1234-5678/erasure"))
                .isEqualTo("/api/v1/customers/(redacted)/erasure");
        assertThat(AuditEvent.safePath("/api/v1/customers/hanako@example.jp")).isEqualTo("/api/v1/customers/(redacted)");
        assertThat(AuditEvent.safePath("/api/v1/customers/%E5%B1%B1%E7%94%B0")).isEqualTo("/api/v1/customers/(redacted)");
        assertThat(AuditEvent.safePath("/api/v1/customers/山田/erasure")).isEqualTo("/api/v1/customers/(redacted)/erasure");
        assertThat(AuditEvent.safePath("/api/v1/rules/velocity-10m")).isEqualTo("/api/v1/rules/velocity-10m");
    }
}
