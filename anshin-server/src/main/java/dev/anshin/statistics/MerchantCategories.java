package dev.anshin.statistics;

import java.util.List;

/**
 * MCCs (ISO 18245) grouped into the categories a spending report shows. A single MCC can be so rare
 * that its cell points at one merchant; groups keep every cell broad.
 */
public final class MerchantCategories {

    /** The groups, in the order reports list them. */
    public static final List<String> GROUPS = List.of("GROCERY", "RESTAURANTS", "DEPARTMENT_STORES", "APPAREL",
            "ELECTRONICS", "HEALTH", "FUEL_AND_AUTO", "TRANSPORT", "TRAVEL_AND_LODGING", "ENTERTAINMENT",
            "DIGITAL_GOODS", "OTHER");

    private MerchantCategories() {
    }

    /** The group of an MCC; OTHER for anything not listed or not a four-digit code. */
    public static String group(String mcc) {
        int code;
        try {
            code = mcc == null || mcc.length() != 4 ? -1 : Integer.parseInt(mcc);
        } catch (NumberFormatException e) {
            return "OTHER";
        }
        if (code >= 3000 && code <= 3999 || code == 4411 || code == 4511 || code == 4722 || code == 7011) {
            return "TRAVEL_AND_LODGING";
        }
        if (code >= 4000 && code <= 4199 || code == 4789 || code == 7512 || code == 7523) {
            return "TRANSPORT";
        }
        return switch (code) {
            case 5411, 5422, 5441, 5451, 5462, 5499 -> "GROCERY";
            case 5812, 5813, 5814 -> "RESTAURANTS";
            case 5311, 5331, 5399, 5999 -> "DEPARTMENT_STORES";
            case 5045, 5722, 5732, 5734, 5946 -> "ELECTRONICS";
            case 5912, 5122, 5975, 5976 -> "HEALTH";
            case 5511, 5521, 5531, 5532, 5533, 5541, 5542, 7538, 7542 -> "FUEL_AND_AUTO";
            case 7832, 7841, 7911, 7922, 7929, 7932, 7933, 7941, 7991, 7992, 7993, 7994, 7996, 7997, 7998, 7999 ->
                    "ENTERTAINMENT";
            case 5815, 5816, 5817, 5818 -> "DIGITAL_GOODS";
            default -> code >= 5600 && code <= 5699 ? "APPAREL" : code >= 8011 && code <= 8099 ? "HEALTH" : "OTHER";
        };
    }
}
