package dev.anshin;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module structure holds (no cycles, no reaching into another module's internals) and is documented. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(AnshinApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesModuleDiagrams() {
        new Documenter(modules).writeDocumentation();
    }
}
