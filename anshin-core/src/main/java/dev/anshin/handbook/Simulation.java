package dev.anshin.handbook;

import java.util.List;

/** The result of one simulator run: profiles and the time-ordered transactions, frauds marked. */
public record Simulation(List<CustomerProfile> customers, List<TerminalProfile> terminals,
        List<HandbookTransaction> transactions) {
}
