-- eKYC (issue 15, F4; docs/ekyc.md). Only what the decision needs: the method, the vendor's scores and
-- the outcomes of its document checks. No face or document image, no document number, no name or
-- date of birth read from the document: the vendor keeps the evidence its own record-keeping duty
-- asks for (the act's 確認記録 is the issuer's, kept with the application, not here), and Anshin
-- cannot leak what it never held.
CREATE TABLE ekyc_verifications (
    -- The vendor's verification id, which its webhook names.
    id                  VARCHAR(128)             NOT NULL PRIMARY KEY,
    -- The caller's opaque reference (an application id), never personal data.
    subject_reference   VARCHAR(128)             NOT NULL,
    provider            VARCHAR(32)              NOT NULL,
    status              VARCHAR(20)              NOT NULL,
    outcome             VARCHAR(10),
    -- The policy's reason codes, comma-separated (EkycReason).
    reasons             VARCHAR(512),
    method              VARCHAR(20),
    face_match_score    DOUBLE PRECISION,
    liveness_score      DOUBLE PRECISION,
    document_type       VARCHAR(24),
    document_expired    BOOLEAN,
    spoof_risk          DOUBLE PRECISION,
    ocr_confidence      DOUBLE PRECISION,
    -- When the vendor finished the check (its clock).
    completed_at        TIMESTAMP WITH TIME ZONE,
    -- Where the applicant goes back to (given to the vendor at start).
    return_url          VARCHAR(512)             NOT NULL,
    language            VARCHAR(8)               NOT NULL,
    started_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    result_received_at  TIMESTAMP WITH TIME ZONE,
    concluded_at        TIMESTAMP WITH TIME ZONE,
    version             INTEGER                  NOT NULL
);
CREATE INDEX ekyc_verifications_subject ON ekyc_verifications (subject_reference);
CREATE INDEX ekyc_verifications_status ON ekyc_verifications (status, started_at);

-- Every webhook event taken in, by the vendor's event id: a redelivery is recognised (same body hash:
-- the same event, no second effect) and a different body under a known id refused.
CREATE TABLE ekyc_events (
    event_id         VARCHAR(128)             NOT NULL PRIMARY KEY,
    verification_id  VARCHAR(128)             NOT NULL,
    -- SHA-256 of the raw body, hex.
    body_sha256      VARCHAR(64)              NOT NULL,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
