package dev.anshin.demo;

import dev.anshin.privacy.Actor;
import dev.anshin.privacy.ConsentChannel;
import dev.anshin.privacy.DataSubjectRequests;
import dev.anshin.privacy.Purpose;
import dev.anshin.privacy.RequestDetails;
import dev.anshin.privacy.RequestKind;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's cardholders asking about their own data, as people do from the portal: now and then one
 * asks for a disclosure, a correction of their phone or address, or a stop of marketing, so that the
 * privacy officer's queue ({@code /privacy/requests}) always has something to answer. Never a
 * deletion (the simulated cardholder goes on using the card) and never the portal's demo cardholder
 * (whose requests are the person's own, made by whoever signs in). Keeps at least {@value #AT_LEAST}
 * and adds one a round up to {@value #AT_MOST} open requests.
 */
final class DemoRequests {

    private static final Logger log = LoggerFactory.getLogger(DemoRequests.class);
    static final int AT_LEAST = 3;
    static final int AT_MOST = 8;

    private final DataSubjectRequests requests;
    private final DemoPeople people;
    private final List<String> customers;
    private final SplittableRandom random;
    private final String run;
    private int filed;

    DemoRequests(DataSubjectRequests requests, DemoPeople people, List<String> customers, long seed, String run) {
        this.requests = requests;
        this.people = people;
        this.customers = customers;
        this.random = new SplittableRandom(seed);
        this.run = run;
    }

    /** One round: tops the open requests up to the minimum, or adds one while under the maximum. */
    synchronized void fileSome() {
        try {
            int open = requests.queue(false, AT_MOST).size();
            int wanted = open < AT_LEAST ? AT_LEAST - open : open < AT_MOST ? 1 : 0;
            for (int i = 0; i < wanted; i++) {
                fileOne();
            }
        } catch (RuntimeException e) {
            // A failure must not end the schedule: the next round tries again.
            log.debug("demo: a data-subject request was not filed: {}", e.toString());
        }
    }

    /** Files one request of a simulated cardholder (never the portal's demo cardholder, index 0). */
    void fileOne() {
        if (customers.size() < 2) {
            return;
        }
        int index = 1 + random.nextInt(customers.size() - 1);
        String customer = customers.get(index);
        int pick = random.nextInt(4);
        RequestKind kind = pick < 2 ? RequestKind.DISCLOSURE : pick == 2 ? RequestKind.CORRECTION : RequestKind.STOP_OF_USE;
        RequestDetails details = switch (kind) {
            case CORRECTION -> RequestDetails.correction(people.correction(index, random));
            case STOP_OF_USE -> RequestDetails.stopOfUse(Purpose.MARKETING, null);
            default -> RequestDetails.none();
        };
        requests.submit(Actor.cardholder(customer, "demo"), customer, kind, details, ConsentChannel.PORTAL,
                "demo-dsr-" + run + "-" + (++filed));
    }
}
