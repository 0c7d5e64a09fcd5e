package dev.anshin.disputes;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reference numbers (受付番号) of reports: {@code D-yymm-XXXX}, the month the report was filed (JST)
 * and four characters from an alphabet without the look-alikes 0/O and 1/I, so a cardholder can read
 * it over the phone (about a million per month; a collision is retried by the caller with another).
 * Reports filed before references existed get one when the server starts.
 */
@Component
class DisputeReferences {

    /** 32 characters: digits and capitals without 0, 1, I and O. */
    static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    static final Pattern FORMAT = Pattern.compile("D-\\d{4}-[" + ALPHABET + "]{4}");
    /** How many references a filing tries before it gives up (each a one-in-a-million collision). */
    static final int ATTEMPTS = 8;

    private static final Logger log = LoggerFactory.getLogger(DisputeReferences.class);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyMM", Locale.ROOT)
            .withZone(ZoneId.of("Asia/Tokyo"));

    private final SecureRandom random = new SecureRandom();
    /** References to hand out before random ones: how a test forces a collision. */
    private final java.util.Deque<String> forced = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final JdbcClient jdbc;

    DisputeReferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new reference for a report filed at {@code at}; not yet known to be unique. */
    String next(Instant at) {
        String first = forced.poll();
        if (first != null) {
            return first;
        }
        StringBuilder reference = new StringBuilder("D-").append(MONTH.format(at)).append('-');
        for (int i = 0; i < 4; i++) {
            reference.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return reference.toString();
    }

    /** Hands out these references next, before random ones (for tests: a forced collision). */
    void forceNext(String... references) {
        forced.addAll(List.of(references));
    }

    /**
     * What someone typed as a reference in the stored form (upper case; spaces and hyphens
     * forgiven), or null when it is not one.
     */
    static String normalize(String typed) {
        if (typed == null) {
            return null;
        }
        String s = typed.strip().toUpperCase(Locale.ROOT).replace(" ", "").replace("-", "");
        if (s.length() != 9) {
            return null;
        }
        String candidate = s.charAt(0) + "-" + s.substring(1, 5) + "-" + s.substring(5);
        return FORMAT.matcher(candidate).matches() ? candidate : null;
    }

    /**
     * Gives every report without a reference one (reports filed before references existed). Never
     * stops the server: a database failure is logged as a warning (counts and the exception's type
     * only, no personal data) and the reports left without a reference are counted in the log; the
     * next start tries again.
     */
    @EventListener(ApplicationReadyEvent.class)
    void backfill() {
        List<Missing> missing;
        try {
            missing = jdbc.sql("SELECT report_id, submitted_at FROM dispute_reports WHERE reference IS NULL")
                    .query((rs, n) -> new Missing(rs.getString(1), rs.getTimestamp(2).toInstant())).list();
        } catch (DataAccessException e) {
            log.warn("Could not look for dispute reports without a reference number ({}); will try at the next start",
                    e.getClass().getSimpleName());
            return;
        }
        int given = 0;
        int failed = 0;
        for (Missing report : missing) {
            boolean done = false;
            try {
                for (int attempt = 1; attempt <= ATTEMPTS && !done; attempt++) {
                    try {
                        given += jdbc.sql("UPDATE dispute_reports SET reference = ? WHERE report_id = ? "
                                + "AND reference IS NULL").params(next(report.submittedAt()), report.reportId()).update();
                        done = true;
                    } catch (DuplicateKeyException collision) {
                        // Taken: try another.
                    }
                }
            } catch (DataAccessException e) {
                log.warn("Could not give a dispute report its reference number ({})", e.getClass().getSimpleName());
            }
            if (!done) {
                failed++;
            }
        }
        if (given > 0) {
            log.info("Gave {} earlier dispute reports their reference numbers", given);
        }
        if (failed > 0) {
            log.warn("{} dispute reports are left without a reference number; the next start tries again", failed);
        }
    }

    private record Missing(String reportId, Instant submittedAt) {
    }
}
