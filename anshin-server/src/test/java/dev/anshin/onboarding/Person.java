package dev.anshin.onboarding;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An applicant no other test shares (their own kana name, phone and e-mail), and what they enter in each
 * step of the form, for the onboarding module's tests.
 */
record Person(String kana, String phone, String email, String birthDate) {

    static Person fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String digits = String.format("%08d", random.nextInt(100_000_000));
        return new Person(randomKana() + "　タロウ", "090-" + digits.substring(0, 4) + "-" + digits.substring(4),
                "p" + digits + "@example.jp", "19" + (60 + random.nextInt(35)) + "-0" + (1 + random.nextInt(9))
                + "-1" + random.nextInt(10));
    }

    /** Eight random katakana: a family name no other test's applicant has. */
    static String randomKana() {
        StringBuilder kana = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            kana.append((char) ('ア' + ThreadLocalRandom.current().nextInt(40)));
        }
        return kana.toString();
    }

    Map<String, String> aboutYou() {
        return aboutYou("申込太郎");
    }

    Map<String, String> aboutYou(String nameKanji) {
        return new HashMap<>(Map.of("nameKanji", nameKanji, "nameKana", kana, "dateOfBirth", birthDate,
                "address", "東京都千代田区丸の内1-1-1", "phone", phone, "email", email));
    }

    /** Employed, ¥5,000,000 a year, two in a rented home, no other credit to repay. */
    static Map<String, String> workAndMoney() {
        return workAndMoney("0");
    }

    /** Employed, ¥5,000,000 a year, two in a rented home, repaying {@code annualCreditRepayments} yen a year. */
    static Map<String, String> workAndMoney(String annualCreditRepayments) {
        return new HashMap<>(Map.of("employer", "安心商事株式会社", "annualIncome", "5000000", "householdSize", "2",
                "housing", "RENTED", "annualCreditRepayments", annualCreditRepayments));
    }

    /** ¥300,000 revolving and no cash advance asked for, with consent. */
    static Map<String, String> limits() {
        return limits("0");
    }

    /** ¥300,000 revolving and {@code requestedCashAdvance} yen of cash advance asked for, with consent. */
    static Map<String, String> limits(String requestedCashAdvance) {
        return new HashMap<>(Map.of("requestedRevolving", "300000", "requestedCashAdvance", requestedCashAdvance,
                "consent", "true"));
    }

    /** A partner's whole application for {@code person} ({@code POST /api/v1/applications}), in English. */
    static Map<String, Object> partnerBody(String applicationId, Person person) {
        Map<String, Object> applicant = new LinkedHashMap<>();
        applicant.put("nameKanji", "提携花子");
        applicant.put("nameKana", person.kana());
        applicant.put("dateOfBirth", person.birthDate());
        applicant.put("address", "大阪府大阪市北区梅田1-1-1");
        applicant.put("phone", person.phone());
        applicant.put("email", person.email());
        applicant.put("employer", "提携商事");
        applicant.put("annualIncome", 6_000_000);
        applicant.put("householdSize", 1);
        applicant.put("housing", "RENTED");
        applicant.put("annualCreditRepayments", 0);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("applicationId", applicationId);
        body.put("language", "en");
        body.put("applicant", applicant);
        body.put("requestedLimits", new LinkedHashMap<>(Map.of("revolving", 200_000, "cashAdvance", 0)));
        body.put("consentToScreening", true);
        return body;
    }
}
