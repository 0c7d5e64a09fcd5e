package dev.anshin.privacy;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What a partner sends for one receipt, as read from the request (strictly: unknown fields and wrong types
 * are refused before these records exist). Checked by {@link PartnerReceipts}.
 */
@Schema(name = "PartnerReceipt", requiredProperties = {"receiptId", "confirmationRecord", "customerNumber", "items"})
record PartnerReceiptBody(
        @Schema(description = "Your own id for this receipt: letters, digits and ._:-, up to 64. Sending the same "
                + "receipt again answers the one stored; another receipt under it is refused (409)", maxLength = 64)
        String receiptId,
        @Schema(description = "The APPI confirmation record (確認記録) of this receipt; without it nothing is taken")
        ConfirmationRecordBody confirmationRecord,
        @Schema(description = "The issuer's customer number of the person the data is about", maxLength = 32)
        String customerNumber,
        Items items) {

    @Schema(name = "PartnerConfirmationRecord", requiredProperties = {"providerId", "howObtained", "obtainedOn",
            "receivedAt"})
    record ConfirmationRecordBody(
            @Schema(description = "The provider's id in the issuer's registry (one your API client sends for)")
            String providerId,
            @Schema(description = "How the provider obtained the data: CONSENT_OF_PERSON (the person consented to "
                    + "the provision to the issuer), OPT_OUT_FILED (opt-out provision notified to the PPC: give "
                    + "ppcFilingNumber) or JOINT_USE", allowableValues = {"CONSENT_OF_PERSON", "OPT_OUT_FILED",
                    "JOINT_USE"}) String howObtained,
            @Schema(description = "Only for OPT_OUT_FILED: the filing number the PPC published", maxLength = 64)
            String ppcFilingNumber,
            @Schema(description = "When the provider obtained the data (yyyy-MM-dd, Japan time), not after "
                    + "receivedAt", format = "date") String obtainedOn,
            @Schema(description = "When the data is handed over to the issuer (ISO-8601 with offset), not in the "
                    + "future", format = "date-time") String receivedAt) {
    }

    @Schema(name = "PartnerItems", description = "The items, by kind; the provider must be registered for each kind "
            + "sent. At least one item")
    record Items(List<Purchase> purchases, List<PointMovement> points) {
    }

    @Schema(name = "PartnerPurchase", requiredProperties = {"date", "amount", "currency", "merchantCategory",
            "storeName"})
    record Purchase(@Schema(description = "yyyy-MM-dd, not after receivedAt", format = "date") String date,
            @Schema(description = "Whole minor units of the currency (yen: yen), above 0") Long amount,
            @Schema(description = "ISO 4217 code", example = "JPY") String currency,
            @Schema(description = "ISO 18245 merchant category code, 4 digits", example = "5411")
            String merchantCategory,
            @Schema(description = "The store's name, up to 100 characters", maxLength = 100) String storeName) {
    }

    @Schema(name = "PartnerPoints", requiredProperties = {"date", "points"})
    record PointMovement(@Schema(description = "yyyy-MM-dd, not after receivedAt", format = "date") String date,
            @Schema(description = "Points earned (positive) or spent (negative), not 0") Long points,
            @Schema(description = "Where, up to 100 characters", maxLength = 100) String storeName) {
    }
}
