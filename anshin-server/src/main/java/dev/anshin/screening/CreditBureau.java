package dev.anshin.screening;

/**
 * The designated credit bureau (指定信用情報機関; CIC is designated under both the Installment Sales
 * Act and the Money Lending Business Act): what a person owes elsewhere, what they repay each year,
 * what other lenders have lent them in cash, and whether a delinquency (異動) is on record.
 *
 * <p>The port carries no personal data: the inquiry names the applicant or account by the caller's
 * opaque reference. A real adapter (CIC) reads the identifying fields it must send (name, date of
 * birth, address, phone) through {@code privacy/PersonalData} under its own purpose, implements this
 * interface, and is selected with {@code anshin.screening.bureau}; the default, {@code none}, answers
 * every inquiry Unavailable (everything referred), and the {@link SandboxCreditBureau} is for the demo
 * and tests. {@link Screenings} bounds every call by {@code anshin.screening.bureau-timeout}, so an
 * adapter needs no timeout of its own; a timeout or failure sends the application to review, never to
 * approval.
 */
public interface CreditBureau {

    /**
     * The bureau's report on the person, or throws.
     *
     * @throws Unavailable when the bureau cannot answer (down, refused, unknown error); the screening
     *                     then refers the application to staff
     */
    BureauReport inquire(BureauInquiry inquiry) throws Unavailable;

    /** Why an inquiry is made: the act asks for it at issuance and limit changes, and during the contract. */
    enum InquiryPurpose {
        /** A new card application (申込). */
        APPLICATION,
        /** The periodic re-screening of an issued account (途上与信). */
        RESCREENING
    }

    /**
     * One inquiry. The same person is asked about under the same reference at application and at every
     * re-screening (the application id their account was granted on), so the sandbox answers for one
     * person consistently.
     *
     * @param reference  the opaque id of the application the person applied with (never a name)
     * @param customerId the person's opaque customer id in {@code privacy} when known (always at
     *                   re-screening; at application when the caller gave it), else null: what a real
     *                   adapter reads the identifying fields with
     * @param purpose    why it is asked
     */
    record BureauInquiry(String reference, String customerId, InquiryPurpose purpose) {
        public BureauInquiry {
            ScreeningInputRefused.required("reference", reference);
            ScreeningInputRefused.required("purpose", purpose);
        }
    }

    /** The bureau could not answer; {@code code} is recorded (never a message that might hold personal data). */
    final class Unavailable extends Exception {

        private final String code;

        public Unavailable(String code) {
            super(code, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
