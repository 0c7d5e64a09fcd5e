-- A card's own authorizations, newest first: the cardholder's usage feed and a dispute's history
-- (device, location and merchant against the card's past).
CREATE INDEX authorizations_card_occurred ON authorizations (card_token, occurred_at);
