package dev.anshin.access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cheapest authenticated endpoint: lets a client check its key, and gives the load test a
 * baseline of what the server costs without scoring.
 */
@Tag(name = "Ping", description = "Checking an API key, and the cheapest call there is")
@RestController
class PingController {

    private static final Map<String, String> PONG = Map.of("status", "ok");

    @Operation(summary = "Check an API key", description = "Answers ok to any valid key, whatever its role: a client "
            + "checks its key here without touching data.")
    @ApiResponse(responseCode = "200", description = "The key is valid", content = @Content(
            mediaType = "application/json", examples = @ExampleObject(value = "{\"status\": \"ok\"}")))
    @GetMapping("/api/v1/ping")
    Map<String, String> ping() {
        return PONG;
    }
}
