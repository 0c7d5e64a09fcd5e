package dev.anshin.cards;

/** The Luhn (mod 10) check of card numbers, ISO/IEC 7812-1. */
public final class Luhn {

    private Luhn() {
    }

    /** Whether a string of digits ends in a correct Luhn check digit. */
    public static boolean isValid(String digits) {
        return weightedSum(digits, false) % 10 == 0;
    }

    /** The check digit that makes {@code digitsWithoutCheck} followed by it valid. */
    public static int checkDigit(String digitsWithoutCheck) {
        return (10 - weightedSum(digitsWithoutCheck, true) % 10) % 10;
    }

    /** Sum with every second digit from the right doubled, starting with the rightmost when asked. */
    private static int weightedSum(String digits, boolean doubleRightmost) {
        int sum = 0;
        boolean doubleIt = doubleRightmost;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum;
    }
}
