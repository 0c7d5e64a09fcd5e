package dev.anshin.tls;

import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStore;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * HTTPS by default. The server's SSL bundle is {@value #BUNDLE} ({@code server.ssl.bundle} in
 * application.properties): the operator's when they configured one under that name
 * ({@code spring.ssl.bundle.pem.anshin.*} or {@code spring.ssl.bundle.jks.anshin.*}), otherwise the
 * self-signed certificate of the keys directory. {@code server.ssl.enabled=false} turns TLS off
 * (the demo, a TLS-terminating proxy in front): the server then listens on the loopback address
 * unless {@code server.address} says otherwise, and warns when it says otherwise.
 */
@Configuration(proxyBeanMethods = false)
class TlsConfiguration {

    static final String BUNDLE = "anshin";

    private static final Logger log = LoggerFactory.getLogger(TlsConfiguration.class);

    /** The self-signed certificate as bundle {@value #BUNDLE}, made or loaded only when the server will present it. */
    @Bean
    SslBundleRegistrar selfSignedCertificateBundle(Environment environment, SslProperties ssl, TlsProperties tls,
            Clock clock) {
        return registry -> {
            if (!environment.getProperty("server.ssl.enabled", Boolean.class, true)
                    || !BUNDLE.equals(environment.getProperty("server.ssl.bundle"))
                    || ssl.getBundle().getPem().containsKey(BUNDLE) || ssl.getBundle().getJks().containsKey(BUNDLE)) {
                return;
            }
            SelfSignedCertificate certificate = SelfSignedCertificate.loadOrCreate(tls.certificateFile(),
                    tls.privateKeyFile(), tls.hostNames(), tls.validity(), clock);
            log.info("HTTPS with the self-signed certificate {} ({}); clients trust that file, or configure your own "
                    + "certificate as SSL bundle '{}' (docs/tls.md)", tls.certificateFile(), certificate.describe(), BUNDLE);
            registry.registerBundle(BUNDLE, SslBundle.of(new PemSslStoreBundle(
                    PemSslStore.of(List.of(certificate.certificate()), certificate.privateKey()), null)));
        };
    }

    @Bean
    TransportCustomizer transportCustomizer(TlsProperties tls) {
        return new TransportCustomizer(new TlsPolicy(tls.protocols(), tls.ciphers()));
    }

    /**
     * Runs after Boot has given the factory its SSL settings and bundles (order 0): with TLS, every
     * bundle the server uses gets the protocol policy (also when the bundle is reloaded); without
     * TLS, the server stays on the loopback address unless told otherwise.
     */
    static final class TransportCustomizer implements WebServerFactoryCustomizer<AbstractConfigurableWebServerFactory>,
            Ordered {

        private final TlsPolicy policy;

        TransportCustomizer(TlsPolicy policy) {
            this.policy = policy;
        }

        @Override
        public void customize(AbstractConfigurableWebServerFactory factory) {
            if (Ssl.isEnabled(factory.getSsl())) {
                factory.setSslBundles(policy.appliedTo(factory.getSslBundles()));
                log.info("TLS: {} only, cipher suites {}", policy.protocols(), policy.ciphers());
                return;
            }
            if (factory.getAddress() == null) {
                factory.setAddress(InetAddress.getLoopbackAddress());
                log.info("TLS is off: plain HTTP on the loopback address {} only (the demo, or a TLS-terminating proxy "
                        + "on this machine; docs/tls.md)", InetAddress.getLoopbackAddress().getHostAddress());
            } else if (!factory.getAddress().isLoopbackAddress()) {
                log.warn("""

                        ==== PLAIN HTTP ON {} ====
                        TLS is off and the server listens beyond this machine: passwords, sign-in codes,
                        API keys and personal data cross the network in clear. Only do this behind a
                        TLS-terminating reverse proxy that alone can reach this address (docs/tls.md).
                        ======================================
                        """, factory.getAddress().getHostAddress());
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
