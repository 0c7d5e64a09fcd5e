package dev.anshin.audit;

/**
 * The result of walking the chain.
 *
 * @param intact         whether every check passed
 * @param entriesChecked entries whose hash and link were checked
 * @param firstSeq       where the walk started: the entry after the retention checkpoint
 * @param lastSeq        the last entry according to the head row
 * @param lastHash       its hash: note it somewhere outside the database to detect a later rollback
 * @param brokenSeq      the first entry found broken (null when intact)
 * @param reason         why it is broken (null when intact)
 * @param explanation    the same in words
 */
public record AuditVerification(boolean intact, long entriesChecked, long firstSeq, long lastSeq, String lastHash,
        Long brokenSeq, Reason reason, String explanation) {

    /** How the chain is broken. */
    public enum Reason {
        /** An entry's contents do not match its hash. */
        ALTERED,
        /** An entry is missing: a gap in seq, or an entry does not link to the one before it. */
        REMOVED,
        /** An entry sits at another seq than the one it was sealed for. */
        REORDERED,
        /** Entries at the end are missing: the last entry is older than the head row says. */
        TRUNCATED,
        /** The head row is missing, altered or rolled back behind the entries. */
        HEAD_ALTERED
    }

    static AuditVerification intact(long checked, long firstSeq, long lastSeq, String lastHash) {
        return new AuditVerification(true, checked, firstSeq, lastSeq, lastHash, null, null, "intact");
    }

    static AuditVerification broken(long checked, long firstSeq, long lastSeq, String lastHash, long brokenSeq,
            Reason reason, String explanation) {
        return new AuditVerification(false, checked, firstSeq, lastSeq, lastHash, brokenSeq, reason, explanation);
    }
}
