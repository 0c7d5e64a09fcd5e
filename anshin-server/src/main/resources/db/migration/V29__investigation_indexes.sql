-- Who used a terminal or a merchant, by time: every investigation counts the other cards' frauds at
-- its terminal and merchant, and a point of compromise lists the cards that used it since. Without
-- these each lookup read every authorization of its window (weeks of them) in full; the card token
-- rides along so the points' exposed cards are read from the index alone.
CREATE INDEX authorizations_terminal_occurred ON authorizations (terminal_id, occurred_at, card_token);
CREATE INDEX authorizations_merchant_occurred ON authorizations (merchant_id, occurred_at, card_token);
