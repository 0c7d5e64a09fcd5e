-- The voice classifier's models (issue 17): every trained model is kept with how it was made and how it measured on
-- the corpus's held-out split; exactly one is ACTIVE once the first has been trained. A retrained candidate that
-- measures worse than the active one (beyond the stated margin) is kept REJECTED with the reason; a replaced one is
-- RETIRED. Items keep the version that analysed them (voice_items.model_version).
CREATE TABLE voice_models (
    version            VARCHAR(40)   PRIMARY KEY,
    trained_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    trained_by         VARCHAR(100)  NOT NULL,   -- the staff member who asked, or 'system' (first use, schedule)
    training_items     INTEGER       NOT NULL,   -- corpus train split plus corrections
    corrections_used   INTEGER       NOT NULL,
    last_correction_at TIMESTAMP WITH TIME ZONE, -- the newest correction it learnt from (the schedule retrains after it)
    metrics            TEXT          NOT NULL,   -- held-out metrics as JSON (accuracy, macro-F1, per label P/R/F1)
    model              TEXT          NOT NULL,   -- the model's bytes (VoiceModel.toBytes), deflated, Base64 (one type on H2 and PostgreSQL)
    status             VARCHAR(10)   NOT NULL,   -- ACTIVE, RETIRED, REJECTED
    status_reason      VARCHAR(400)  NOT NULL,
    status_changed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX voice_models_status ON voice_models (status);
