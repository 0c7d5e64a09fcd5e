package dev.anshin.devices;

import dev.anshin.access.AddressLimit;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import dev.anshin.problems.RetryLater;
import dev.anshin.problems.StrictBody;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the collector script posts what it read ({@code POST /device/observations}): public, since an
 * applicant has no account yet, but bounded: JSON only, from this origin only, at most
 * {@code anshin.devices.max-body-bytes}, read strictly (unknown fields, wrong types, out-of-range values
 * are problems naming the field), rate-limited per address. Answers only the observation's reference,
 * never the device id: a fraudster must not learn whether they were recognised.
 */
@RestController
class ObservationController {

    private final Devices devices;
    private final StrictBody<ObservationBody> observations;
    private final AddressLimit limit;
    private final int maxBodyBytes;

    ObservationController(Devices devices, JsonMapper json, DevicesProperties properties, Clock clock) {
        this.devices = devices;
        this.observations = StrictBody.of(json, ObservationBody.class, "an observation");
        this.limit = AddressLimit.of(properties.observationsPerAddress(), 20_000, clock);
        this.maxBodyBytes = properties.maxBodyBytes();
    }

    record Observed(String observation) {
    }

    @PostMapping(path = "/device/observations", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Observed> observe(HttpServletRequest request) throws IOException {
        String address = request.getRemoteAddr();
        limit.take(rateKey(address)).ifPresent(wait -> {
            throw new RetryLater(ProblemType.RATE_LIMITED, "Too many observations from this address.", wait);
        });
        if (!SameOrigin.allows(request)) {
            throw new RequestProblem(ProblemType.FORBIDDEN, "Observations are taken from this site's own pages only.",
                    List.of());
        }
        ObservationBody body = read(request);
        List<FieldProblem> problems = body.problems();
        if (!problems.isEmpty()) {
            throw RequestProblem.invalid(problems);
        }
        String userAgent = request.getHeader(HttpHeaders.USER_AGENT);
        DeviceSignals signals = body.signals(network(address), request.getHeader(HttpHeaders.ACCEPT_LANGUAGE),
                userAgent);
        ObservedDevice observed = devices.observe(signals, address, userAgent);
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(new Observed(observed.observationRef()));
    }

    private ObservationBody read(HttpServletRequest request) throws IOException {
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(maxBodyBytes + 1);
        }
        if (bytes.length > maxBodyBytes) {
            throw new RequestProblem(ProblemType.PAYLOAD_TOO_LARGE,
                    "An observation is at most " + maxBodyBytes + " bytes.", List.of());
        }
        ObservationBody body = observations.read(bytes, request);
        if (body == null) {
            throw RequestProblem.invalid("browser", "is required");
        }
        return body;
    }

    /**
     * The network an address belongs to, as compared: an IPv4 address's /24, an IPv6 address's /64 (the
     * subnet a household's or an office's router hands out, and the smallest one a provider assigns; the
     * address inside it changes every day with privacy extensions). Not /48: a provider may give a /48 to
     * a whole building or to many customers. Null for what is not an address.
     */
    static String network(String address) {
        return prefix(address, 3, 8);
    }

    /**
     * What the rate limit counts by: an IPv4 address itself (its /24 may be a carrier's NAT for thousands),
     * an IPv6 address's /64 (whoever holds one /64 holds 2^64 addresses, one fresh bucket each if counted
     * by address). The same /64 as {@link #network}. The text itself for what is not an address.
     */
    static String rateKey(String address) {
        String key = prefix(address, 4, 8);
        return key == null ? String.valueOf(address) : key;
    }

    private static String prefix(String address, int ipv4Bytes, int ipv6Bytes) {
        if (address == null || address.isBlank()) {
            return null;
        }
        try {
            byte[] bytes = InetAddress.getByName(address.contains(":") || address.matches("[0-9.]+") ? address : "invalid.")
                    .getAddress();
            int keep = bytes.length == 4 ? ipv4Bytes : ipv6Bytes;
            StringBuilder prefix = new StringBuilder(bytes.length == 4 ? "v4:" : "v6:");
            for (int i = 0; i < keep; i++) {
                prefix.append(i == 0 ? "" : ".").append(bytes[i] & 0xff);
            }
            return prefix.toString();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
