package dev.anshin.fraud.rules;

import dev.anshin.problems.RequestProblem;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reads and changes the rules; a change applies to the next authorization, no restart. */
@RestController
@RequestMapping("/api/v1/rules")
class RuleController {

    private final RuleBook rules;

    RuleController(RuleBook rules) {
        this.rules = rules;
    }

    record ActiveRules(int ruleSetVersion, List<RuleBook.RuleVersion> rules) {
    }

    @GetMapping
    ActiveRules active() {
        return new ActiveRules(rules.ruleSetVersion(), rules.active());
    }

    @GetMapping("/history")
    List<RuleBook.RuleVersion> history() {
        return rules.history();
    }

    @GetMapping("/{id}")
    RuleBook.RuleVersion rule(@PathVariable String id) {
        return rules.find(id).orElseThrow(() -> RequestProblem.notFound("No rule with this id."));
    }

    @PostMapping
    ResponseEntity<RuleBook.RuleVersion> create(@RequestBody RuleDefinition definition, Principal actor) {
        RuleBook.RuleVersion created = rules.create(definition, actor.getName());
        return ResponseEntity.created(URI.create("/api/v1/rules/" + created.id())).body(created);
    }

    @PutMapping("/{id}")
    RuleBook.RuleVersion change(@PathVariable String id, @RequestBody RuleDefinition definition, Principal actor) {
        return rules.change(id, definition, actor.getName());
    }
}
