package dev.anshin;

import java.util.concurrent.ThreadLocalRandom;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Requests from chosen remote addresses, for the limits kept per address (MockMvc sends all from 127.0.0.1). */
public final class RemoteAddresses {

    private RemoteAddresses() {
    }

    /** A random address in 10.0.0.0/8, as good as new to every limit. */
    public static String fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    /** Sends the request from that address. */
    public static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
