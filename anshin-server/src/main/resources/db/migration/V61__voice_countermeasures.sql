-- The monthly voice review's countermeasures (issue 17): what a department (or the company) will do about what the
-- customers said, who owns it, by when, and how far it got; linked to the topics and items that prompted it, and
-- reviewed in the following months' reports (done, late, the topic's volume since). Every change is audited.
CREATE TABLE voice_countermeasures (
    id             VARCHAR(36)  PRIMARY KEY,
    action         VARCHAR(500) NOT NULL,   -- what will be done, in the staff's words (no customer named: the form says so)
    owner          VARCHAR(100) NOT NULL,   -- the person or team responsible
    due_date       DATE         NOT NULL,
    status         VARCHAR(20)  NOT NULL,   -- PLANNED, IN_PROGRESS, DONE, DROPPED (voice.review.CountermeasureTransitions)
    department     VARCHAR(40)  REFERENCES voice_departments (code),  -- NULL: the company-wide review's
    created_month  VARCHAR(7)   NOT NULL,   -- the review month it was raised in, YYYY-MM (Japan time)
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by     VARCHAR(100) NOT NULL,
    form_token     VARCHAR(100) NOT NULL,   -- the creating form's one-time token: a double submit stores one
    changed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by     VARCHAR(100) NOT NULL,
    done_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT voice_countermeasures_token UNIQUE (created_by, form_token)
);

CREATE INDEX voice_countermeasures_month ON voice_countermeasures (created_month);
CREATE INDEX voice_countermeasures_department ON voice_countermeasures (department, created_month);

-- The topics that prompted a countermeasure; the follow-up compares each topic's volume with the creation month's.
CREATE TABLE voice_countermeasure_topics (
    countermeasure_id  VARCHAR(36) NOT NULL REFERENCES voice_countermeasures (id),
    topic              VARCHAR(30) NOT NULL,
    PRIMARY KEY (countermeasure_id, topic)
);

-- The voices that prompted it (their redacted text is shown, never the original).
CREATE TABLE voice_countermeasure_items (
    countermeasure_id  VARCHAR(36) NOT NULL REFERENCES voice_countermeasures (id),
    item_id            VARCHAR(36) NOT NULL REFERENCES voice_items (id),
    PRIMARY KEY (countermeasure_id, item_id)
);
