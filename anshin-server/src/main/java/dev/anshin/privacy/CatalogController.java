package dev.anshin.privacy;

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
@RestController
@RequestMapping("/api/v1/privacy")
class CatalogController {

    private final MasterKeyRotation rotation;

    CatalogController(MasterKeyRotation rotation) {
        this.rotation = rotation;
    }

    /** Where the master key stands: key ids, customer keys per master key, re-wrap progress (no key material). */
    @GetMapping("/master-key")
    MasterKeyRotation.Status masterKey() {
        return rotation.status();
    }

    /** Rotates the master keyset and starts the background re-wrap (PRIVACY_OFFICER). */
    @PostMapping("/master-key/rotation")
    MasterKeyRotation.Status rotate(Authentication auth, HttpServletRequest request) {
        return rotation.rotate(Requests.actor(auth, request));
    }

    /** Removes the master keys no customer key uses any more, once a re-wrap is done (PRIVACY_OFFICER). */
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

    @GetMapping("/catalog")
    List<FieldEntry> catalog() {
        return Arrays.stream(PersonalField.values())
                .map(field -> new FieldEntry(field.name(), field.labelJa(), field.labelEn(), field.category(),
                        field.sensitivity(), field.identifiability(), field.origin(),
                        PersonalField.RETENTION_AFTER_CONTRACT + " after the contract ends", STORAGE,
                        Arrays.stream(Purpose.values()).filter(p -> p.allows(field))
                                .collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(Purpose.class)))))
                .toList();
    }

    @GetMapping("/purposes")
    List<PurposeEntry> purposes() {
        return Arrays.stream(Purpose.values())
                .map(p -> new PurposeEntry(p.name(), p.labelJa(), p.labelEn(), p.examplesJa(), p.examplesEn(),
                        p.legalBasis(), p.categories(), p.optional(),
                        p.roles().stream().map(Enum::name).collect(Collectors.toSet())))
                .toList();
    }
}
