package dev.anshin.privacy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * There is one way to personal data: {@link PersonalData}. This fails the build when other code
 * reaches the vault's storage or its tables directly.
 */
class PersonalDataAccessArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.anshin");

    /** SQL that reads or writes one of the vault's tables. */
    private static final Pattern PERSONAL_TABLE_SQL = Pattern.compile(
            "(?i)\\b(FROM|JOIN|INTO|UPDATE|TABLE)\\s+(personal_values|customer_keys|customers|consent_ledger"
                    + "|erasure_tombstones|provisions|provision_records|data_subject_requests|unattributed_keys)\\b");

    @Test
    void onlyTheAccessPathUsesTheVaultsStorage() {
        onlyUsedBy(CustomerVault.class, "PersonalData");
        onlyUsedBy(ConsentLedger.class, "PersonalData");
        // The month keys of data from nobody registered are keys like the customers': wrapped, re-wrapped, shredded.
        onlyUsedBy(MasterKey.class, "CustomerVault|MasterKeyRotation|UnattributedKeys");
        onlyUsedBy(UnattributedKeys.class, "PersonalData|MasterKeyRotation");
    }

    private static void onlyUsedBy(Class<?> storage, String user) {
        noClasses()
                .that().haveNameNotMatching("dev\\.anshin\\.privacy\\.(" + user + "|" + storage.getSimpleName()
                        + ")(\\$.*)?")
                .should().dependOnClassesThat().belongToAnyOf(storage)
                .because("every use of personal data names its purpose and is audited in PersonalData")
                .check(MAIN);
    }

    @Test
    void noCodeOutsideThePrivacyModuleQueriesThePersonalTables() throws IOException {
        Path sources = Path.of("src/main/java");
        Path privacy = sources.resolve("dev/anshin/privacy");
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(sources)) {
            offenders = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.startsWith(privacy))
                    .filter(file -> PERSONAL_TABLE_SQL.matcher(read(file)).find())
                    .toList();
        }
        assertThat(offenders).as("code outside dev.anshin.privacy with SQL on the vault's tables").isEmpty();
        // The pattern does find such SQL where it is allowed: a test that cannot fail would prove nothing.
        assertThat(PERSONAL_TABLE_SQL.matcher(read(privacy.resolve("CustomerVault.java"))).find()).isTrue();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
