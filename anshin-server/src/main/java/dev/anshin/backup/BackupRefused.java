package dev.anshin.backup;

/**
 * A backup or restore that would be unsafe and was not done: a damaged archive, a target that is not
 * empty, an erasure journal older than the backup, keys headed for a database backup's folder. The
 * message says what to do instead.
 */
public class BackupRefused extends RuntimeException {

    public BackupRefused(String message) {
        super(message);
    }
}
