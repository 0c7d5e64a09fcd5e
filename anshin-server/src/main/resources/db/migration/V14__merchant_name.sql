-- The merchant's name and location as the card network carries it (ISO 8583 DE43, the billing
-- descriptor on the cardholder's statement): shown to cardholders and matched to known brands.
ALTER TABLE authorizations ADD COLUMN merchant_name VARCHAR(99);
