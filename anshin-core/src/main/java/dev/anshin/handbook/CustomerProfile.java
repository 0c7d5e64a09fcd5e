package dev.anshin.handbook;

/** A simulated customer (one card): location on the grid and spending habits. */
public record CustomerProfile(String customerId, double x, double y, double meanAmount, double stdAmount,
        double meanTransactionsPerDay) {
}
