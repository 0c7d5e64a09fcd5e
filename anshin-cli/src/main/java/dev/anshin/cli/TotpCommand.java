package dev.anshin.cli;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.google.common.io.BaseEncoding;
import java.security.InvalidKeyException;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.crypto.spec.SecretKeySpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code anshin totp KEY}: the current sign-in code for an authenticator key, as an authenticator app
 * shows it (RFC 6238: HMAC-SHA1, 30 seconds, 6 digits). For trying the demo's cardholder portal
 * without a phone.
 */
@Command(name = "totp", mixinStandardHelpOptions = true,
        description = {"Prints the current 6-digit sign-in code for an authenticator key (base32), as an "
                        + "authenticator app would show it: for the demo cardholder's portal sign-in."})
final class TotpCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "KEY", description = "The authenticator key (base32) the demo printed.")
    String key;

    @Override
    public Integer call() {
        byte[] secret;
        try {
            secret = BaseEncoding.base32().omitPadding().decode(key.replaceAll("[\\s=]", "").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("not a base32 key");
            return 2;
        }
        try {
            TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator();
            Instant now = Instant.now();
            System.out.println(generator.generateOneTimePasswordString(new SecretKeySpec(secret, "HmacSHA1"), now));
            System.out.flush(); // the code on its own line, before the note, when both go to one terminal or pipe
            // The portal takes a code for one step either side of its own (clock drift): a code shown with
            // 2 seconds left is still good for 32.
            long left = 30 - now.getEpochSecond() % 30 + 30;
            System.err.printf("(usable for about %d more seconds)%n", left);
            return 0;
        } catch (InvalidKeyException e) {
            System.err.println("not a usable key");
            return 2;
        }
    }
}
