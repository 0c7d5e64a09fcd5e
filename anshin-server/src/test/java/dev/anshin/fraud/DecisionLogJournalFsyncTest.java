package dev.anshin.fraud;

/** The decision log's tests with fsync on: the journal's writer thread appends groups, one fsync each. */
class DecisionLogJournalFsyncTest extends DecisionLogJournalTest {

    @Override
    boolean fsync() {
        return true;
    }
}
