/**
 * Demo data and simulated live traffic for {@code ./anshin demo}: simulated cardholders, weeks of
 * history and a live stream, all sent through the public scoring API. Off unless
 * {@code anshin.demo.enabled=true}.
 */
package dev.anshin.demo;
