-- Keyed pseudonyms of the shipping address and of the cardholder's account id at the merchant
-- (never the values): what Visa Compelling Evidence 3.0 compares between a disputed transaction and
-- earlier ones.
ALTER TABLE authorizations ADD COLUMN shipping_address_key VARCHAR(64);
ALTER TABLE authorizations ADD COLUMN account_key VARCHAR(64);
