package dev.anshin.screening;

/**
 * The designated credit bureau (指定信用情報機関; CIC is designated under both the Installment Sales
 * Act and the Money Lending Business Act): what a person owes elsewhere, what they repay each year,
 * what other lenders have lent them in cash, and whether a delinquency (異動) is on record.
 *
 * <p>The port carries no personal data: the inquiry names the applicant or account by the caller's
 * opaque reference. A real adapter (CIC) reads the identifying fields it must send (name, date of
 * birth, address, phone) through {@code privacy/PersonalData} under its own purpose, implements this
 * interface, and is selected with {@code anshin.screening.bureau}; the {@link SandboxCreditBureau} is
 * the default. {@link Screenings} bounds every call by {@code anshin.screening.bureau-timeout}, so an
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
     * One inquiry.
     *
     * @param reference the caller's opaque id of the person's application or account (never a name)
     * @param purpose   why it is asked
     */
    record BureauInquiry(String reference, InquiryPurpose purpose) {
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
