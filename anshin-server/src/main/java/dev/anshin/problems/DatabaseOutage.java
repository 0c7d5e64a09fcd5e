package dev.anshin.problems;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database that cannot be reached (stopped, restarting, the network to it cut, the pool
 * exhausted) from a fault of ours. Such a failure is answered 503 {@code unavailable} with
 * {@code Retry-After}, never 500: nothing is wrong with the request, and it will succeed once the
 * database is back (the connection pool reconnects by itself).
 */
public final class DatabaseOutage {

    /** How long clients are asked to wait before retrying while the database is away. */
    public static final java.time.Duration RETRY_AFTER = java.time.Duration.ofSeconds(5);

    private DatabaseOutage() {
    }

    /** Whether {@code failure}, or anything it was caused by, says the database could not be reached. */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException // includes "cannot get a connection"
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof QueryTimeoutException
                    || t instanceof SQLTransientConnectionException // Hikari: no connection within its timeout
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static RetryLater problem() {
        return new RetryLater(ProblemType.UNAVAILABLE,
                "The database is unavailable; retry later.", RETRY_AFTER);
    }
}
