package dev.anshin.access;

import dev.anshin.problems.RequestProblem;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Lets an admin issue keys for machine clients (the key is in the response, and only there). */
@RestController
class ApiClientController {

    private final ApiClients clients;

    ApiClientController(ApiClients clients) {
        this.clients = clients;
    }

    record NewClient(String name, Set<Role> roles) {
    }

    record IssuedKey(String name, Set<Role> roles, String apiKey) {
    }

    private static final Set<Role> ISSUABLE = EnumSet.of(Role.SCORER, Role.LABELER, Role.ANALYST, Role.ADMIN);

    @PostMapping("/api/v1/api-clients")
    @ResponseStatus(HttpStatus.CREATED)
    IssuedKey issue(@RequestBody NewClient request) {
        if (request.name() == null || !request.name().matches("[A-Za-z0-9._-]{1,64}")) {
            throw RequestProblem.invalid("name", "1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (request.roles() == null || request.roles().isEmpty()) {
            throw RequestProblem.invalid("roles", "at least one of SCORER, LABELER, ANALYST, ADMIN");
        }
        if (!request.roles().stream().allMatch(Role::forStaffOrClients)) {
            throw RequestProblem.invalid("roles", "CARDHOLDER is for cardholders signed in to the portal, not for API clients");
        }
        if (!ISSUABLE.containsAll(request.roles())) {
            // Least privilege: an administrator cannot give anyone (or itself) personal data, card
            // numbers or the audit trail; those keys are configured at start by whoever runs the server.
            throw RequestProblem.invalid("roles", "an administrator issues SCORER, LABELER, ANALYST or ADMIN keys; "
                    + "CUSTOMER_SERVICE, PRIVACY_OFFICER and CARD_DATA keys are configured at start "
                    + "(anshin.access.api-key / api-key-roles)");
        }
        Set<Role> roles = EnumSet.copyOf(request.roles());
        return new IssuedKey(request.name(), roles, clients.register(request.name(), roles));
    }
}
