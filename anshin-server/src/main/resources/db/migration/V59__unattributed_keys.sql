-- Keys for personal data not tied to a registered customer (issue 17: a voice sent through the public form or an
-- anonymous call may still name people). One data key per calendar month ('month:YYYY-MM'), wrapped by the master
-- key like a customer's key; the text sealed with it is crypto-shredded when the retention rule deletes the key
-- after the longest period of the data it seals.
CREATE TABLE unattributed_keys (
    seal_key       VARCHAR(40)              NOT NULL PRIMARY KEY,
    wrapped_key    VARCHAR(2000)            NOT NULL,
    master_key_id  BIGINT                   NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
