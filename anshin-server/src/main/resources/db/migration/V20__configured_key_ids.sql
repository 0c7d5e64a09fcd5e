-- The public id of an API key configured by the operator (ANSHIN_API_KEY) was its first 12
-- characters: part of their secret, shown in key listings, logs and the audit trail. It is taken from
-- the key's SHA-256 now: 'cfg_' and the first 8 hex digits of the stored hash (ApiClients.configuredKeyId).
-- Keys Anshin generated keep their ids ('ank_' and 8 of their 32 random characters, made to be shown).
-- Audit entries written before keep the old id: the audit chain is sealed and is never rewritten.
UPDATE api_clients SET key_id = 'cfg_' || SUBSTRING(key_hash, 1, 8) WHERE SUBSTRING(key_id, 1, 4) <> 'ank_';
