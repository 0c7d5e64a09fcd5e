package dev.anshin.scoring.features;

/** The cards seen on one device (capped). */
final class DeviceState extends KeyState {

    static final int MAX_CARDS = 256;

    final RecentKeys cards = new RecentKeys(MAX_CARDS, 30L * 86_400);
}
