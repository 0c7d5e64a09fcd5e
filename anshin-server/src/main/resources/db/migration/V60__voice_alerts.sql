-- Surge alerts of the voice of the customer (issue 17): a topic's voices over the last 24 hours against the mean of
-- the same 24-hour window over the previous 28 days (all kinds, or complaints only). At most one alert per topic,
-- scope and day (alert_day, the issuer's calendar day of the check): the check runs every few minutes and must not
-- raise the same surge again on every run.
CREATE TABLE voice_alerts (
    id               VARCHAR(36)   PRIMARY KEY,
    topic            VARCHAR(30)   NOT NULL,
    complaints_only  BOOLEAN       NOT NULL,
    alert_day        DATE          NOT NULL,
    window_from      TIMESTAMP WITH TIME ZONE NOT NULL,
    window_to        TIMESTAMP WITH TIME ZONE NOT NULL,
    observed         INTEGER       NOT NULL,
    baseline         NUMERIC(12, 2) NOT NULL,  -- mean per 24 h over the previous 28 days
    ratio            NUMERIC(8, 2) NOT NULL,   -- the ratio the rule used
    minimum          INTEGER       NOT NULL,   -- the minimum the rule used
    department       VARCHAR(40)   NOT NULL,   -- the topic's owner when raised: whose staff were notified
    notified         INTEGER       NOT NULL,   -- notices handed to the channel
    raised_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    acknowledged_by  VARCHAR(100),
    acknowledged_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT voice_alerts_once_a_day UNIQUE (topic, complaints_only, alert_day)
);

CREATE INDEX voice_alerts_raised ON voice_alerts (raised_at);
