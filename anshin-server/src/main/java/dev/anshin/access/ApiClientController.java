package dev.anshin.access;

import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.Problems;
import dev.anshin.problems.RequestProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * An administrator's API keys: list them (never a key or its hash), issue a client's first key,
 * rotate it with an overlap, revoke it. A key is shown once, in the answer that made it. Every
 * action, done or refused, is in the audit log ({@code api-key.issue}, {@code .rotate}, {@code .revoke}).
 */
@Tag(name = "API clients", description = "API keys of machine clients: list them (never a key or its hash), issue, "
        + "rotate with an overlap, revoke. Every action is in the audit trail")
@RestController
class ApiClientController {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern KEY_ID = Pattern.compile("ank_[A-Za-z0-9]{8}");

    private final ApiClients clients;

    ApiClientController(ApiClients clients) {
        this.clients = clients;
    }

    /** @param lifetime how long the key is valid (ISO-8601, e.g. {@code P30D}); the default lifetime when absent */
    @Schema(requiredProperties = {"name", "roles"})
    record NewClient(String name, Set<Role> roles,
            @Schema(type = "string", format = "duration", example = "P30D") Duration lifetime) {
    }

    /** @param overlap how long the old key stays valid (e.g. {@code PT24H}, {@code PT0S} to stop it at once) */
    record Rotation(@Schema(type = "string", format = "duration", example = "PT24H") Duration overlap,
            @Schema(type = "string", format = "duration", example = "P30D") Duration lifetime) {
    }

    /** @param keyId only this key of the client; every key of the client when absent */
    record Revocation(String keyId) {
    }

    /** A key just made: the key itself, shown this once, and what it is. */
    record IssuedKey(String keyId, String name, Set<Role> roles, Instant createdAt, Instant expiresAt, String apiKey) {

        static IssuedKey of(ApiClients.IssuedKey issued) {
            ApiKey key = issued.key();
            return new IssuedKey(key.keyId(), key.name(), key.roles(), key.createdAt(), key.expiresAt(), issued.apiKey());
        }

        @Override
        public String toString() {
            return "IssuedKey[" + keyId + "]";
        }
    }

    /** A rotation's answer: the new key, and the old ones with when they stop. */
    record RotatedKey(IssuedKey key, List<ApiKey> previous) {
    }

    record Revoked(List<ApiKey> revoked) {
    }

    @Operation(summary = "List API keys", description = "Every key, or the keys of one client name: id, name, roles, "
            + "when made, when it expires or was revoked, when last used. Never the key itself. Role: ADMIN.")
    @GetMapping("/api/v1/api-clients")
    List<ApiKey> list(@RequestParam(required = false) String name) {
        return clients.list(name == null ? null : name(name));
    }

    @Operation(summary = "Issue a client's first key", description = """
            Makes a key for a new client name with the given roles (SCORER, LABELER, ANALYST, ADMIN or METRICS; \
            keys for personal data, card numbers, the audit trail and backups are configured at start, not issued). \
            The key is in this answer only: it is stored as a hash. A name with a valid key is refused (409): \
            rotate it instead. Role: ADMIN.""")
    @ApiResponse(responseCode = "201", description = "The new key, shown this once")
    @ApiResponse(responseCode = "409", description = "A key with this name is still valid, or the name is the key made "
            + "at start (type conflict)")
    @PostMapping("/api/v1/api-clients")
    @ResponseStatus(HttpStatus.CREATED)
    IssuedKey issue(@RequestBody NewClient request, Authentication caller, HttpServletRequest http) {
        String name = name(request.name());
        if (request.roles() == null || request.roles().isEmpty()) {
            throw RequestProblem.invalid("roles", "at least one of SCORER, LABELER, ANALYST, ADMIN, METRICS");
        }
        if (!request.roles().stream().allMatch(Role::forStaffOrClients)) {
            throw RequestProblem.invalid("roles", "CARDHOLDER is for cardholders signed in to the portal, not for API clients");
        }
        if (!ApiClients.ISSUABLE.containsAll(request.roles())) {
            // Least privilege: an administrator cannot give anyone (or itself) personal data, card
            // numbers or the audit trail; those keys are configured at start by whoever runs the server.
            throw RequestProblem.invalid("roles", "an administrator issues SCORER, LABELER, ANALYST, ADMIN or METRICS "
                    + "keys; CUSTOMER_SERVICE, PRIVACY_OFFICER, CARD_DATA and BACKUP_OPERATOR keys are configured at start "
                    + "(anshin.access.api-key / api-key-roles)");
        }
        return IssuedKey.of(clients.issue(name, EnumSet.copyOf(request.roles()), request.lifetime(), caller.getName(),
                http.getRemoteAddr()));
    }

    @Operation(summary = "Rotate a client's key", description = "Makes a new key for the client; the old one stays "
            + "valid for the overlap (default the configured one; PT0S stops it at once), so the client can switch "
            + "without a gap. The new key is in this answer only. Role: ADMIN.")
    @ApiResponse(responseCode = "201", description = "The new key, shown this once, and the old ones with when they stop")
    @ApiResponse(responseCode = "403", description = "The key holds roles an administrator cannot issue (type "
            + "forbidden), or this key's role does not allow the call")
    @ApiResponse(responseCode = "404", description = "No valid key has this name (type not-found)")
    @ApiResponse(responseCode = "409", description = "The key is the one made at start (type conflict)")
    @PostMapping("/api/v1/api-clients/{name}/rotation")
    @ResponseStatus(HttpStatus.CREATED)
    RotatedKey rotate(@PathVariable String name, @RequestBody(required = false) Rotation request,
            Authentication caller, HttpServletRequest http) {
        Rotation rotation = request == null ? new Rotation(null, null) : request;
        ApiClients.IssuedKey issued = clients.rotate(name(name), rotation.overlap(), rotation.lifetime(),
                caller.getName(), http.getRemoteAddr());
        List<ApiKey> previous = clients.list(name).stream()
                .filter(key -> issued.key().keyId().equals(key.replacedBy()))
                .toList();
        return new RotatedKey(IssuedKey.of(issued), previous);
    }

    @Operation(summary = "Revoke a client's keys", description = "Revokes every key of the client, or only the key "
            + "keyId; a revoked key is refused from the next request on. Role: ADMIN.")
    @ApiResponse(responseCode = "200", description = "The keys revoked now")
    @ApiResponse(responseCode = "403", description = "The key holds roles an administrator cannot issue (type "
            + "forbidden), or this key's role does not allow the call")
    @ApiResponse(responseCode = "404", description = "No valid key has this name (type not-found)")
    @ApiResponse(responseCode = "409", description = "The key is the one made at start (type conflict)")
    @PostMapping("/api/v1/api-clients/{name}/revocation")
    Revoked revoke(@PathVariable String name, @RequestBody(required = false) Revocation request,
            Authentication caller, HttpServletRequest http) {
        String keyId = request == null ? null : request.keyId();
        if (keyId != null && !KEY_ID.matcher(keyId).matches()) {
            throw RequestProblem.invalid("keyId", "a key id: ank_ and 8 letters or digits");
        }
        return new Revoked(clients.revoke(name(name), keyId, caller.getName(), http.getRemoteAddr()));
    }

    @ExceptionHandler(KeyLifecycleRefused.class)
    ResponseEntity<ProblemDetail> refused(KeyLifecycleRefused refused) {
        String name = "'" + refused.name + "'";
        ProblemDetail problem = switch (refused.reason) {
            case NAME_IN_USE -> Problems.of(ProblemType.CONFLICT, "A key named " + name + " is still valid: rotate it "
                    + "(POST /api/v1/api-clients/" + refused.name + "/rotation) or revoke it first.", List.of());
            case NO_VALID_KEY -> Problems.of(ProblemType.NOT_FOUND, "No valid key is named " + name + ".", List.of());
            case CONFIGURED_AT_START -> Problems.of(ProblemType.CONFLICT, "The key named " + name + " is made by the "
                    + "server at start: change anshin.access.api-key (ANSHIN_API_KEY) and restart to replace it.",
                    List.of());
            case ROTATED_ALREADY -> Problems.of(ProblemType.CONFLICT, "The key named " + name + " was rotated "
                    + "already.", List.of());
            case ROLES_NOT_ISSUABLE -> Problems.of(ProblemType.FORBIDDEN, "The key named " + name + " holds roles an "
                    + "administrator cannot issue; it is configured at start.", List.of());
            case INVALID_LIFETIME -> Problems.of(ProblemType.VALIDATION, "The request has invalid fields.",
                    List.of(new FieldProblem("lifetime",
                            "positive and at most anshin.access.api-key-max-lifetime")));
            case INVALID_OVERLAP -> Problems.of(ProblemType.VALIDATION, "The request has invalid fields.",
                    List.of(new FieldProblem("overlap",
                            "zero or more, at most anshin.access.api-key-max-lifetime")));
        };
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw RequestProblem.invalid("name", "1 to 64 letters, digits, '.', '_' or '-'");
        }
        return name;
    }
}
