package dev.anshin.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplicationFormTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private static final ApplicationForm.LimitRules LIMITS = new ApplicationForm.LimitRules(100_000, 10_000);

    static Map<String, String> aboutYou() {
        return new HashMap<>(Map.of("nameKanji", "申込太郎", "nameKana", "モウシコミ タロウ", "dateOfBirth", "1990-04-01",
                "address", "東京都千代田区丸の内1-1-1", "phone", "090-1234-5678", "email", "taro@example.jp"));
    }

    static Map<String, String> workAndMoney() {
        return new HashMap<>(Map.of("employer", "安心商事株式会社", "annualIncome", "5000000", "householdSize", "2",
                "housing", "RENTED", "annualCreditRepayments", "0"));
    }

    static Map<String, String> limits() {
        return new HashMap<>(Map.of("requestedRevolving", "300000", "requestedCashAdvance", "0", "consent", "true"));
    }

    private static List<FieldError> check(ApplicationStep step, Map<String, String> input) {
        return ApplicationForm.check(step, ApplicationForm.normalise(step, input), TODAY, LIMITS);
    }

    @Test
    void aCompleteApplicationHasNoProblem() {
        assertThat(check(ApplicationStep.ABOUT_YOU, aboutYou())).isEmpty();
        assertThat(check(ApplicationStep.WORK_AND_MONEY, workAndMoney())).isEmpty();
        assertThat(check(ApplicationStep.LIMITS_AND_CONSENT, limits())).isEmpty();
    }

    @Test
    void aBirthDateInTheFutureOrUnder18IsAFieldProblem() {
        var input = aboutYou();
        input.put("dateOfBirth", "2027-01-01");
        assertThat(check(ApplicationStep.ABOUT_YOU, input)).containsExactly(new FieldError("dateOfBirth", "future"));
        input.put("dateOfBirth", "2008-12-08"); // 18 tomorrow
        assertThat(check(ApplicationStep.ABOUT_YOU, input)).containsExactly(new FieldError("dateOfBirth", "under-18"));
        input.put("dateOfBirth", "2008-12-07"); // 18 today
        assertThat(check(ApplicationStep.ABOUT_YOU, input)).isEmpty();
        input.put("dateOfBirth", "07/12/1990");
        assertThat(check(ApplicationStep.ABOUT_YOU, input)).containsExactly(new FieldError("dateOfBirth", "date"));
    }

    @Test
    void aNegativeIncomeAndAHouseholdOfNobodyAreFieldProblems() {
        var input = workAndMoney();
        input.put("annualIncome", "-1");
        input.put("householdSize", "0");
        input.put("annualCreditRepayments", "12.5");
        assertThat(check(ApplicationStep.WORK_AND_MONEY, input)).containsExactly(
                new FieldError("annualIncome", "negative"), new FieldError("householdSize", "household"),
                new FieldError("annualCreditRepayments", "number"));
    }

    @Test
    void limitsBelowTheMinimumOrOffTheStepAndNoConsentAreFieldProblems() {
        var input = limits();
        input.put("requestedRevolving", "50000");
        input.put("requestedCashAdvance", "15000");
        input.remove("consent");
        assertThat(check(ApplicationStep.LIMITS_AND_CONSENT, input)).containsExactly(
                new FieldError("requestedRevolving", "below-minimum", 100_000L),
                new FieldError("requestedCashAdvance", "limit-step", 10_000L), new FieldError("consent", "consent"));
    }

    @Test
    void aLimitAboveTheHighestOfferedNamesTheFigure() {
        var input = limits();
        input.put("requestedRevolving", "10010000");
        assertThat(check(ApplicationStep.LIMITS_AND_CONSENT, input))
                .containsExactly(new FieldError("requestedRevolving", "too-large", 10_000_000L));
        assertThat(new FieldError("requestedRevolving", "too-large", 10_000_000L).englishText())
                .isEqualTo("must be at most 10000000 yen");
    }

    @Test
    void aPartnersProblemSaysTheLowestLimitAndTheStepAndTheAcceptedHousing() {
        assertThat(new FieldError("requestedRevolving", "below-minimum", 100_000L).englishText())
                .isEqualTo("is below the lowest limit offered (100000 yen)");
        assertThat(new FieldError("requestedCashAdvance", "limit-step", 10_000L).englishText())
                .isEqualTo("must be a multiple of 10000 yen");
        assertThat(new FieldError("housing", "housing").englishText())
                .contains("OWNED", "OWNED_WITH_MORTGAGE", "RENTED", "FAMILY_HOME", "COMPANY_HOUSING", "OTHER");
    }

    @Test
    void fullWidthDigitsAndSeparatorsAsTypedInJapaneseAreAccepted() {
        var input = workAndMoney();
        input.put("annualIncome", "５，０００，０００円");
        var values = ApplicationForm.normalise(ApplicationStep.WORK_AND_MONEY, input);
        assertThat(values.get("annualIncome")).isEqualTo("5000000");
        assertThat(ApplicationForm.check(ApplicationStep.WORK_AND_MONEY, values, TODAY, LIMITS)).isEmpty();
    }

    @Test
    void nameKanaMustBeKatakanaAndFreeTextTakesNoCardNumber() {
        var input = aboutYou();
        input.put("nameKana", "もうしこみ たろう");
        input.put("address", "4111 1111 1111 1111");
        input.remove("email");
        assertThat(check(ApplicationStep.ABOUT_YOU, input)).containsExactly(new FieldError("nameKana", "kana"),
                new FieldError("address", "text"), new FieldError("email", "required"));
    }

    @Test
    void housingMapsToTheScreeningsThreeKinds() {
        assertThat(ApplicationForm.screeningHousing("RENTED")).hasToString("RENT");
        assertThat(ApplicationForm.screeningHousing("COMPANY_HOUSING")).hasToString("RENT");
        assertThat(ApplicationForm.screeningHousing("OWNED_WITH_MORTGAGE")).hasToString("MORTGAGE");
        assertThat(ApplicationForm.screeningHousing("FAMILY_HOME")).hasToString("NONE");
        assertThat(ApplicationForm.HOUSING).hasSize(6);
    }

    private static String eased(String field, String typed) {
        return ApplicationForm.eased(Map.of(field, typed)).get(field);
    }

    @Test
    void thePagesTakeDatesAsWrittenButOnlyRealOnes() {
        assertThat(eased("dateOfBirth", "1985/4/1")).isEqualTo("1985-04-01");
        assertThat(eased("dateOfBirth", "1985-4-1")).isEqualTo("1985-04-01");
        assertThat(eased("dateOfBirth", "1985.04.01")).isEqualTo("1985-04-01");
        assertThat(eased("dateOfBirth", "1985年4月1日")).isEqualTo("1985-04-01");
        assertThat(eased("dateOfBirth", "１９８５／４／１")).isEqualTo("1985-04-01");
        assertThat(eased("dateOfBirth", "1985-04-01")).isEqualTo("1985-04-01");
        // Not a real date, or not a date: as typed, and refused by the check.
        assertThat(eased("dateOfBirth", "1985/2/30")).isEqualTo("1985/2/30");
        assertThat(eased("dateOfBirth", "1985/13/1")).isEqualTo("1985/13/1");
        assertThat(eased("dateOfBirth", "85/4/1")).isEqualTo("85/4/1");
        Map<String, String> about = aboutYou();
        about.put("dateOfBirth", "1985/2/30");
        assertThat(check(ApplicationStep.ABOUT_YOU, ApplicationForm.eased(about)))
                .containsExactly(new FieldError("dateOfBirth", "date"));
    }

    @Test
    void hiraganaInTheKanaNameBecomesKatakana() {
        assertThat(eased("nameKana", "もうしこみ　たろう")).isEqualTo("モウシコミ　タロウ");
        assertThat(eased("nameKana", "ゔぁー")).isEqualTo("ヴァー");
        assertThat(eased("nameKana", "Taro")).isEqualTo("Taro");
        Map<String, String> about = aboutYou();
        about.put("nameKana", "もうしこみ たろう");
        assertThat(check(ApplicationStep.ABOUT_YOU, ApplicationForm.eased(about))).isEmpty();
    }

    @Test
    void aRefusedEmailSaysWhatIsWrong() {
        Map<String, String> expected = Map.of("taro.example.jp", "email-at", "taro@@example.jp", "email-two-at",
                "@example.jp", "email-local", "taro@example", "email-domain", "taro@example.", "email-domain",
                "taro @example.jp", "email-space");
        expected.forEach((typed, code) -> {
            Map<String, String> about = aboutYou();
            about.put("email", typed);
            assertThat(check(ApplicationStep.ABOUT_YOU, about)).as(typed).containsExactly(new FieldError("email", code));
        });
    }
}
