package dev.anshin.tls;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

/**
 * The TLS versions and cipher suites the server offers, whatever certificate it presents. Applied
 * to the bundles the web server reads (rather than to the operator's bundle settings), so that a
 * bundle configured without options, or with weaker ones, still gets them, and so does a bundle
 * reloaded at run time ({@code reload-on-update}).
 */
record TlsPolicy(List<String> protocols, List<String> ciphers) {

    SslBundle appliedTo(SslBundle bundle) {
        return SslBundle.of(bundle.getStores(), bundle.getKey(),
                SslOptions.of(ciphers.toArray(String[]::new), protocols.toArray(String[]::new)),
                bundle.getProtocol(), bundle.getManagers());
    }

    SslBundles appliedTo(SslBundles bundles) {
        return new SslBundles() {
            @Override
            public SslBundle getBundle(String name) throws NoSuchSslBundleException {
                return appliedTo(bundles.getBundle(name));
            }

            @Override
            public void addBundleUpdateHandler(String name, Consumer<SslBundle> handler) throws NoSuchSslBundleException {
                bundles.addBundleUpdateHandler(name, updated -> handler.accept(appliedTo(updated)));
            }

            @Override
            public void addBundleRegisterHandler(BiConsumer<String, SslBundle> handler) {
                bundles.addBundleRegisterHandler((name, registered) -> handler.accept(name, appliedTo(registered)));
            }

            @Override
            public List<String> getBundleNames() {
                return bundles.getBundleNames();
            }
        };
    }
}
