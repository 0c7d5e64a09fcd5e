package dev.anshin.handbook;

/** A simulated terminal: location on the grid. */
public record TerminalProfile(String terminalId, double x, double y) {
}
