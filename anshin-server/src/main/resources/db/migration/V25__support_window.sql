-- The support window (issue 14): call-back and video consultation bookings. Personal data (whose
-- booking, when, about what, the notes, sealed with the customer's key): removed with the customer's data on erasure.
-- The phone number is never stored here: staff read it through the privacy module when they serve.

-- How many bookings each slot holds, per kind: the capacity is enforced by a conditional update
-- of this row (booked < capacity), so two concurrent bookings of the last place cannot both win.
CREATE TABLE support_slots (
    kind      VARCHAR(16)              NOT NULL,
    starts_at TIMESTAMP WITH TIME ZONE NOT NULL,
    booked    INTEGER DEFAULT 0        NOT NULL,
    CONSTRAINT support_slots_pk PRIMARY KEY (kind, starts_at),
    CONSTRAINT support_slots_booked CHECK (booked >= 0)
);

CREATE TABLE support_bookings (
    id                  VARCHAR(36)              NOT NULL PRIMARY KEY,
    customer_id         VARCHAR(36)              NOT NULL,
    kind                VARCHAR(16)              NOT NULL,
    starts_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    topic               VARCHAR(32)              NOT NULL,
    -- The customer's own words (optional, up to 500 characters), checked as text, sealed with the
    -- customer's own key through the privacy module (it may tell a disability: sign language), so
    -- unreadable at rest and in backups, and shredded with the key on erasure.
    note                VARCHAR(4000),
    status              VARCHAR(24)              NOT NULL,
    -- The form's request id: the same form sent twice books once.
    request_id          VARCHAR(64)              NOT NULL,
    booked_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The kind while the booking is open, else null: one open booking per customer and kind.
    open_kind           VARCHAR(16),
    closed_at           TIMESTAMP WITH TIME ZONE,
    closed_by           VARCHAR(128),
    -- Staff's note on the outcome: sealed like the customer's note.
    staff_note          VARCHAR(4000),
    -- When each reminder went (once each; a move sends them again for the new time).
    day_before_sent_at  TIMESTAMP WITH TIME ZONE,
    shortly_sent_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT support_bookings_request UNIQUE (customer_id, request_id),
    CONSTRAINT support_bookings_one_open UNIQUE (customer_id, open_kind)
);
CREATE INDEX support_bookings_starts ON support_bookings (starts_at);
CREATE INDEX support_bookings_customer ON support_bookings (customer_id);
