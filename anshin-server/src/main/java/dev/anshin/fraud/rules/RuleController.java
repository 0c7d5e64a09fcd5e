package dev.anshin.fraud.rules;

import dev.anshin.problems.RequestProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads and changes the rules; a change applies to the next authorization, no restart. */
@Tag(name = "Rules", description = "The decision rules (ALLOW, REVIEW or DECLINE on conditions over the features), "
        + "versioned; a change applies to the next authorization, without a restart")
@RestController
@RequestMapping("/api/v1/rules")
class RuleController {

    private final RuleBook rules;

    RuleController(RuleBook rules) {
        this.rules = rules;
    }

    record ActiveRules(int ruleSetVersion, List<RuleBook.RuleVersion> rules) {
    }

    @Operation(summary = "List the active rules", description = "The rules in force and the version of the rule set "
            + "they make. Role: ANALYST or ADMIN.")
    @GetMapping
    ActiveRules active() {
        return new ActiveRules(rules.ruleSetVersion(), rules.active());
    }

    @Operation(summary = "List every rule version", description = "Every version of every rule, with who changed it "
            + "and when, in rule set order. A deletion is an entry of its own (deleted: true, with the definition "
            + "the rule ended with); a deleted id added again goes on from the next version number. "
            + "Role: ANALYST or ADMIN.")
    @GetMapping("/history")
    List<RuleBook.RuleVersion> history() {
        return rules.history();
    }

    @Operation(summary = "Read a rule", description = "The current version of one rule. Role: ANALYST or ADMIN.")
    @GetMapping("/{id}")
    RuleBook.RuleVersion rule(@PathVariable String id) {
        return rules.find(id).orElseThrow(() -> RequestProblem.notFound("No rule with this id."));
    }

    @Operation(summary = "Add a rule", description = "Adds a rule, checked against the features the engine computes; "
            + "it applies from the next authorization on. An id that exists is refused (409): change it with PUT. "
            + "The id \"new\" is reserved. The id of a deleted rule may be used again: the rule then goes on from "
            + "the version after its deletion. Role: ADMIN.")
    @ApiResponse(responseCode = "201", description = "The rule as stored: version 1 for a new id, the version after "
            + "its deletion for a deleted rule's id used again")
    @ApiResponse(responseCode = "409", description = "A rule with this id exists, or another change was stored at the "
            + "same moment (type conflict; read the rules again and retry)")
    @PostMapping
    ResponseEntity<RuleBook.RuleVersion> create(@RequestBody RuleDefinition definition, Principal actor) {
        RuleBook.RuleVersion created = rules.create(definition, actor.getName());
        return ResponseEntity.created(URI.create("/api/v1/rules/" + created.id())).body(created);
    }

    @Operation(summary = "Change a rule", description = "Stores a new version of the rule (the id in the body must be "
            + "the one in the path); it applies from the next authorization on. Role: ADMIN.")
    @PutMapping("/{id}")
    RuleBook.RuleVersion change(@PathVariable String id, @RequestBody RuleDefinition definition, Principal actor) {
        return rules.change(id, definition, actor.getName());
    }

    @Operation(summary = "Delete a rule", description = "Takes the rule out of the rule set from the next authorization "
            + "on; the deletion is kept in the history as a version of its own, with the definition it ended. With "
            + "version, only if the rule is still at that version (409 otherwise). Role: ADMIN.")
    @ApiResponse(responseCode = "200", description = "The deletion, as the rule's last version")
    @ApiResponse(responseCode = "404", description = "No rule with this id (type not-found)")
    @ApiResponse(responseCode = "409", description = "The rule is at another version (type conflict)")
    @DeleteMapping("/{id}")
    RuleBook.RuleVersion delete(@PathVariable String id, @RequestParam(required = false) Integer version,
            Principal actor) {
        return rules.delete(id, actor.getName(), version);
    }
}
