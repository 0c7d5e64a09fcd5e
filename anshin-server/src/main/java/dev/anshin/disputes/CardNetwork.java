package dev.anshin.disputes;

import java.util.Optional;

/** The card networks whose fraud disputes Anshin files, recognized from a card's BIN. */
public enum CardNetwork {
    VISA,
    MASTERCARD,
    JCB;

    /**
     * The network of a BIN (the first six digits): Visa 4; Mastercard 51–55 and 2221–2720; JCB
     * 3528–3589. Empty for any other range (American Express, Diners, UnionPay…), whose disputes go
     * to an analyst.
     */
    public static Optional<CardNetwork> ofBin(String bin) {
        if (bin == null || !bin.matches("[0-9]{6,8}")) {
            return Optional.empty();
        }
        int two = Integer.parseInt(bin.substring(0, 2));
        int four = Integer.parseInt(bin.substring(0, 4));
        if (bin.charAt(0) == '4') {
            return Optional.of(VISA);
        }
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return Optional.of(MASTERCARD);
        }
        if (four >= 3528 && four <= 3589) {
            return Optional.of(JCB);
        }
        return Optional.empty();
    }
}
