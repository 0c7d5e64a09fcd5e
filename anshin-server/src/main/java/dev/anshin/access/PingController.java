package dev.anshin.access;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cheapest authenticated endpoint: lets a client check its key, and gives the load test a
 * baseline of what the server costs without scoring.
 */
@RestController
class PingController {

    private static final Map<String, String> PONG = Map.of("status", "ok");

    @GetMapping("/api/v1/ping")
    Map<String, String> ping() {
        return PONG;
    }
}
