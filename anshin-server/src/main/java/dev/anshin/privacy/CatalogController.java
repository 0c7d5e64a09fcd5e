package dev.anshin.privacy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The data catalog, the purposes of use, and the master key's rotation. */
@Tag(name = "Privacy", description = "What personal data is held and why: the data catalog, the purposes of use "
        + "with the roles each allows, and the custody of the master key that wraps every customer's key")
@RestController
@RequestMapping("/api/v1/privacy")
class CatalogController {

    private final MasterKeyRotation rotation;
    private final org.springframework.beans.factory.ObjectProvider<HeldElsewhere> elsewhere;

    CatalogController(MasterKeyRotation rotation, org.springframework.beans.factory.ObjectProvider<HeldElsewhere> elsewhere) {
        this.rotation = rotation;
        this.elsewhere = elsewhere;
    }

    /** Where the master key stands: key ids, customer keys per master key, re-wrap progress (no key material). */
    @Operation(summary = "Read the master key's state", description = "Key ids, how many customer keys each master key "
            + "wraps, and the re-wrap's progress; no key material. Role: PRIVACY_OFFICER.")
    @GetMapping("/master-key")
    MasterKeyRotation.Status masterKey() {
        return rotation.status();
    }

    /** Rotates the master keyset and starts the background re-wrap (PRIVACY_OFFICER). */
    @Operation(summary = "Rotate the master key", description = "Adds a new primary master key and starts re-wrapping "
            + "every customer key under it in the background. Role: PRIVACY_OFFICER.")
    @ApiResponse(responseCode = "200", description = "The master key's state, the re-wrap started")
    @ApiResponse(responseCode = "409", description = "The master keyset is given in the environment "
            + "(ANSHIN_MASTER_KEYSET), so it is rotated there (type conflict)")
    @PostMapping("/master-key/rotation")
    MasterKeyRotation.Status rotate(Authentication auth, HttpServletRequest request) {
        return rotation.rotate(Requests.actor(auth, request));
    }

    /** Removes the master keys no customer key uses any more, once a re-wrap is done (PRIVACY_OFFICER). */
    @Operation(summary = "Retire unused master keys", description = "Removes the master keys no customer key uses any "
            + "more, once a re-wrap is done. Role: PRIVACY_OFFICER.")
    @ApiResponse(responseCode = "200", description = "The master key's state, without the retired keys")
    @ApiResponse(responseCode = "409", description = "Old master keys still wrap customer keys, or the master keyset "
            + "is given in the environment (type conflict)")
    @PostMapping("/master-key/retirement")
    MasterKeyRotation.Status retire(Authentication auth, HttpServletRequest request) {
        return rotation.retire(Requests.actor(auth, request));
    }

    record FieldEntry(String name, String labelJa, String labelEn, DataCategory category, Sensitivity sensitivity,
            Identifiability identifiability, DataOrigin origin, String retention, String storage,
            Set<Purpose> purposes) {
    }

    record PurposeEntry(String name, String labelJa, String labelEn, String examplesJa, String examplesEn,
            LegalBasis legalBasis, Set<DataCategory> categories, boolean optional, Set<String> roles) {
    }

    static final String STORAGE = "encrypted with the customer's own key (AES-256-GCM), the key wrapped by the master keyset";

    @Operation(summary = "Read the data catalog", description = "Every personal-data field: labels, category, "
            + "sensitivity, origin, retention, storage and the purposes that may use it. Role: ANALYST, ADMIN, "
            + "CUSTOMER_SERVICE or PRIVACY_OFFICER.")
    @GetMapping("/catalog")
    List<FieldEntry> catalog() {
        List<FieldEntry> fields = Arrays.stream(PersonalField.values())
                .map(field -> new FieldEntry(field.name(), field.labelJa(), field.labelEn(), field.category(),
                        field.sensitivity(), field.identifiability(), field.origin(),
                        PersonalField.RETENTION_AFTER_CONTRACT + " after the contract ends", STORAGE,
                        Arrays.stream(Purpose.values()).filter(p -> p.allows(field))
                                .collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(Purpose.class)))))
                .collect(Collectors.toCollection(java.util.ArrayList::new));
        // What other modules hold outside the vault (devices…), each with its own retention, storage and purposes.
        elsewhere.orderedStream().flatMap(holder -> holder.catalog().stream())
                .map(entry -> new FieldEntry(entry.name(), entry.labelJa(), entry.labelEn(), entry.category(),
                        entry.sensitivity(), entry.identifiability(), entry.origin(), entry.retention(), entry.storage(),
                        entry.purposes().isEmpty() ? java.util.EnumSet.noneOf(Purpose.class)
                                : java.util.EnumSet.copyOf(entry.purposes())))
                .forEach(fields::add);
        return fields;
    }

    @Operation(summary = "Read the purposes of use", description = "Every purpose of use: labels, examples, legal "
            + "basis, the data categories it uses, whether the person may opt out, and the roles that may use it. "
            + "Role: ANALYST, ADMIN, CUSTOMER_SERVICE or PRIVACY_OFFICER.")
    @GetMapping("/purposes")
    List<PurposeEntry> purposes() {
        return Arrays.stream(Purpose.values())
                .map(p -> new PurposeEntry(p.name(), p.labelJa(), p.labelEn(), p.examplesJa(), p.examplesEn(),
                        p.legalBasis(), p.categories(), p.optional(),
                        p.roles().stream().map(Enum::name).collect(Collectors.toSet())))
                .toList();
    }
}
