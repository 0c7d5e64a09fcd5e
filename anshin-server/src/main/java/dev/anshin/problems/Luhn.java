package dev.anshin.problems;

/**
 * The Luhn (mod 10) check of card numbers, ISO/IEC 7812-1. Here rather than in the card registry
 * because the check of free text ({@link FreeText}) needs it too, and every module may use this one.
 */
public final class Luhn {

    private Luhn() {
    }

    /** Whether a string of digits ends in a correct Luhn check digit. */
    public static boolean isValid(String digits) {
        return isValid(digits, 0, digits.length());
    }

    /** Whether the ASCII digits {@code digits[from, to)} end in a correct Luhn check digit. */
    static boolean isValid(CharSequence digits, int from, int to) {
        return weightedSum(digits, from, to, false) % 10 == 0;
    }

    /** The check digit that makes {@code digitsWithoutCheck} followed by it valid. */
    public static int checkDigit(String digitsWithoutCheck) {
        return (10 - weightedSum(digitsWithoutCheck, 0, digitsWithoutCheck.length(), true) % 10) % 10;
    }

    /** Sum with every second digit from the right doubled, starting with the rightmost when asked. */
    private static int weightedSum(CharSequence digits, int from, int to, boolean doubleRightmost) {
        int sum = 0;
        boolean doubleIt = doubleRightmost;
        for (int i = to - 1; i >= from; i--) {
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
