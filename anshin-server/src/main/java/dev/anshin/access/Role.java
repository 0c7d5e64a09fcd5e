package dev.anshin.access;

/** What a machine client or a staff member may do. */
public enum Role {
    /** Sends authorizations to be scored. */
    SCORER,
    /** Reports confirmed fraud or genuine outcomes. */
    LABELER,
    /** Reads decisions, models and rules; uses the console. */
    ANALYST,
    /** Changes rules, models, cards and API clients. */
    ADMIN,
    /** Serves cardholders: reads and corrects their personal data for operating the service. */
    CUSTOMER_SERVICE,
    /**
     * Governs personal data: purposes, consent records, data-subject requests, erasure, the audit
     * log. Deliberately not implied by ADMIN, so the people who change the system are not the ones
     * who read its audit trail.
     */
    PRIVACY_OFFICER,
    /**
     * Reads a full card number back from the PAN vault (disputes, network requests). Granted to
     * nobody by default; every use is audited.
     */
    CARD_DATA,
    /**
     * Scrapes the metrics at {@code /actuator/prometheus} and nothing else: the monitoring system's
     * key, so that it needs neither ADMIN nor a staff session.
     */
    METRICS,
    /**
     * Takes backups of the database and the decision log (ciphertexts, tokens, the audit trail; never
     * a key). Granted to nobody by default, and not implied by ADMIN: a backup holds the audit trail.
     */
    BACKUP_OPERATOR,
    /**
     * Decides on credit limits (与信管理): accepts or rejects the limit reductions the re-screening
     * proposes and starts a re-screening run, and reads the customer's name for it. Not implied by
     * ANALYST (fraud work reads the same pages, view only) nor by ADMIN (the people who change the system
     * are not the ones who lower a cardholder's limits).
     */
    CREDIT_OFFICER,
    /**
     * A partner channel submitting card applications for its customers ({@code POST /api/v1/applications})
     * and reading where its own stand; reads no personal data back. Granted to nobody by default.
     */
    APPLICATION_INTAKE,
    /**
     * A partner sending the personal data it provides to the issuer ({@code POST /api/v1/partner-data/receipts},
     * purchases from a points programme, each with its APPI confirmation record), only for the providers
     * registered with this client; reads nothing back. Granted to nobody by default.
     */
    PARTNER_DATA,
    /**
     * A partner downloading published statistics (the released tables as JSON, CSV and charts), and nothing
     * else: no report definition, no preview, no personal data. Granted to nobody by default.
     */
    STATISTICS_READER,
    /**
     * Customer-experience staff and the department heads who review the voice of the customer (お客様の声): read the
     * redacted voices and their analysis, correct labels, edit which department owns a topic, watch the dashboard
     * and its alerts, write the monthly reviews and countermeasures. Never the original text nor who the customer
     * is (customer service's, for answering the person). Not implied by ANALYST nor ADMIN.
     */
    CUSTOMER_EXPERIENCE,
    /**
     * A cardholder signed in to the portal: acts only on their own personal data. Never held by staff
     * or API clients, and never together with another role.
     */
    CARDHOLDER;

    /** Roles that staff users and API clients may hold: every role but {@link #CARDHOLDER}. */
    public boolean forStaffOrClients() {
        return this != CARDHOLDER;
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
