package dev.anshin.handbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HandbookSimulatorTest {

    private static final SimulatorParameters SMALL = new SimulatorParameters(500, 1_000, 60, LocalDate.of(2018, 4, 1),
            5.0, 7L);

    @Test
    void sameSeedGivesSameTransactions() {
        Simulation first = new HandbookSimulator(SMALL).run(line -> { });
        Simulation second = new HandbookSimulator(SMALL).run(line -> { });

        assertThat(first.transactions()).isEqualTo(second.transactions());
        assertThat(first.customers()).isEqualTo(second.customers());
    }

    @Test
    void transactionIdsFollowTimeOrder() {
        List<HandbookTransaction> rows = new HandbookSimulator(SMALL).run(line -> { }).transactions();

        for (int i = 0; i < rows.size(); i++) {
            HandbookTransaction row = rows.get(i);
            assertThat(row.transactionId()).isEqualTo(i);
            assertThat(row.dateTime()).isEqualTo(LocalDate.of(2018, 4, 1).atStartOfDay().plusSeconds(row.timeSeconds()));
            assertThat(row.timeDays()).isEqualTo((int) (row.timeSeconds() / 86_400));
            if (i > 0) {
                assertThat(row.timeSeconds()).isGreaterThanOrEqualTo(rows.get(i - 1).timeSeconds());
            }
        }
    }

    @Test
    void scenariosLabelAsTheBookDoes() {
        Simulation simulation = new HandbookSimulator(SMALL).run(line -> { });
        List<HandbookTransaction> rows = simulation.transactions();
        Map<Integer, Integer> byScenario = new HashMap<>();
        for (HandbookTransaction row : rows) {
            assertThat(row.fraud()).isEqualTo(row.fraudScenario() != 0);
            if (row.fraudScenario() == 0) {
                assertThat(row.amountCents()).isLessThanOrEqualTo(22_000);
            }
            byScenario.merge(row.fraudScenario(), 1, Integer::sum);
        }
        double perDay = 500 * 2.0 * 60; // mean 2 transactions a day per customer
        assertThat(rows.size()).isBetween((int) (perDay * 0.85), (int) (perDay * 1.05));
        assertThat(byScenario).containsKeys(1, 2, 3);
    }

    @Test
    void customersUseOnlyTerminalsWithinRadius() {
        Simulation simulation = new HandbookSimulator(SMALL).run(line -> { });
        Map<String, CustomerProfile> customers = new HashMap<>();
        simulation.customers().forEach(c -> customers.put(c.customerId(), c));
        Map<String, TerminalProfile> terminals = new HashMap<>();
        simulation.terminals().forEach(t -> terminals.put(t.terminalId(), t));

        for (HandbookTransaction row : simulation.transactions().subList(0, 2_000)) {
            CustomerProfile c = customers.get(row.customerId());
            TerminalProfile t = terminals.get(row.terminalId());
            assertThat(Math.hypot(c.x() - t.x(), c.y() - t.y())).isLessThan(5.0);
        }
    }

    @Test
    void theDeviceLayerIsOffByDefaultAndLeavesTheBooksRowsAsTheyAre() {
        List<HandbookTransaction> book = new HandbookSimulator(SMALL).run(line -> { }).transactions();
        List<HandbookTransaction> withDevices = new HandbookSimulator(SMALL.withDevices(new DeviceLayer(0.4, 0.5)))
                .run(line -> { }).transactions();

        assertThat(SimulatorParameters.defaults().devices()).isNull();
        assertThat(book).allSatisfy(row -> assertThat(row.deviceId()).isNull());
        assertThat(withDevices).hasSameSizeAs(book);
        for (int i = 0; i < book.size(); i++) {
            HandbookTransaction row = withDevices.get(i);
            assertThat(new HandbookTransaction(row.transactionId(), row.dateTime(), row.customerId(), row.terminalId(),
                    row.amountCents(), row.timeSeconds(), row.timeDays(), row.fraud(), row.fraudScenario()))
                    .isEqualTo(book.get(i));
        }
        double share = withDevices.stream().filter(r -> r.deviceId() != null).count() / (double) book.size();
        assertThat(share).isBetween(0.38, 0.42);
    }

    @Test
    void customersUseOneToThreeOwnDevicesAndFraudComesFromFraudstersDevices() {
        List<HandbookTransaction> rows = new HandbookSimulator(SMALL.withDevices(new DeviceLayer(0.5, 0.0)))
                .run(line -> { }).transactions();
        Map<String, Set<String>> devicesOfCustomer = new HashMap<>();
        Map<String, Set<String>> victimsOfFraudDevice = new HashMap<>();
        for (HandbookTransaction row : rows) {
            if (row.deviceId() == null) {
                continue;
            }
            if (row.fraud()) {
                assertThat(row.deviceId()).startsWith("f");
                victimsOfFraudDevice.computeIfAbsent(row.deviceId(), d -> new HashSet<>()).add(row.customerId());
            } else {
                assertThat(row.deviceId()).startsWith("c" + row.customerId() + "-");
                devicesOfCustomer.computeIfAbsent(row.customerId(), c -> new HashSet<>()).add(row.deviceId());
            }
        }
        assertThat(devicesOfCustomer.values()).allSatisfy(d -> assertThat(d).hasSizeBetween(1, 3));
        assertThat(devicesOfCustomer.values()).anySatisfy(d -> assertThat(d).hasSize(3));
        // reuse 0: never one fraud device on two victims
        assertThat(victimsOfFraudDevice).isNotEmpty();
        assertThat(victimsOfFraudDevice.values()).allSatisfy(v -> assertThat(v).hasSize(1));
    }

    @Test
    void fraudstersReuseDevicesAcrossVictimsAsOftenAsAsked() {
        List<HandbookTransaction> rows = new HandbookSimulator(SMALL.withDevices(new DeviceLayer(0.5, 0.8)))
                .run(line -> { }).transactions();
        Map<String, Set<String>> victimsOfFraudDevice = new HashMap<>();
        rows.stream().filter(r -> r.fraud() && r.deviceId() != null).forEach(r -> victimsOfFraudDevice
                .computeIfAbsent(r.deviceId(), d -> new HashSet<>()).add(r.customerId()));

        int victims = victimsOfFraudDevice.values().stream().mapToInt(Set::size).sum();
        // each new victim gets a new device with probability 0.2 (and the very first one always)
        assertThat(victimsOfFraudDevice.size() / (double) victims).isBetween(0.12, 0.32);
        assertThat(new HandbookSimulator(SMALL.withDevices(new DeviceLayer(0.5, 0.8))).run(line -> { }).transactions())
                .isEqualTo(rows);
    }
}
