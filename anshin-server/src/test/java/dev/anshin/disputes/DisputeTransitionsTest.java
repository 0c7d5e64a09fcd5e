package dev.anshin.disputes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DisputeTransitionsTest {

    @Test
    void everyMoveNotInTheTableIsRefusedForEveryParty() {
        int refused = 0;
        for (DisputeStatus from : DisputeStatus.values()) {
            for (DisputeAction action : DisputeAction.values()) {
                for (Party by : Party.values()) {
                    var row = DisputeTransitions.find(from, action);
                    if (row.isPresent() && row.get().by().contains(by)) {
                        assertThat(DisputeTransitions.next(from, action, by)).isEqualTo(row.get().to());
                    } else {
                        assertThatThrownBy(() -> DisputeTransitions.next(from, action, by))
                                .isInstanceOf(IllegalTransitionException.class)
                                .satisfies(e -> {
                                    IllegalTransitionException illegal = (IllegalTransitionException) e;
                                    assertThat(illegal.from()).isEqualTo(from);
                                    assertThat(illegal.action()).isEqualTo(action);
                                    assertThat(illegal.by()).isEqualTo(by);
                                });
                        refused++;
                    }
                }
            }
        }
        assertThat(refused).isGreaterThan(DisputeStatus.values().length * DisputeAction.values().length);
    }

    @Test
    void eachStatusAndActionHasAtMostOneRowAndEveryRowAParty() {
        var keys = DisputeTransitions.all().stream().map(t -> t.from() + "/" + t.action()).toList();
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(DisputeTransitions.all()).allMatch(t -> !t.by().isEmpty());
    }

    @Test
    void theMovesThatMatterByName() {
        assertThat(DisputeTransitions.next(DisputeStatus.INTAKE, DisputeAction.INVESTIGATE, Party.INVESTIGATOR))
                .isEqualTo(DisputeStatus.INVESTIGATING);
        assertThat(DisputeTransitions.next(DisputeStatus.INVESTIGATING, DisputeAction.CONFIRM_FRAUD, Party.INVESTIGATOR))
                .isEqualTo(DisputeStatus.DECIDED_FRAUD);
        assertThat(DisputeTransitions.next(DisputeStatus.DECIDED_FRAUD, DisputeAction.FILE_CHARGEBACK, Party.INVESTIGATOR))
                .isEqualTo(DisputeStatus.CHARGEBACK_FILED);
        assertThat(DisputeTransitions.next(DisputeStatus.CHARGEBACK_FILED, DisputeAction.CHARGEBACK_WON, Party.NETWORK))
                .isEqualTo(DisputeStatus.WON);
        assertThat(DisputeTransitions.next(DisputeStatus.DECIDED_GENUINE, DisputeAction.CONTEST, Party.CARDHOLDER))
                .isEqualTo(DisputeStatus.ANALYST_REVIEW);
        assertThat(DisputeTransitions.next(DisputeStatus.CHARGEBACK_FILED, DisputeAction.WITHDRAW_CHARGEBACK, Party.ANALYST))
                .isEqualTo(DisputeStatus.DECIDED_FRAUD);
    }

    @Test
    void someIllegalMovesByName() {
        assertThatThrownBy(() -> DisputeTransitions.next(DisputeStatus.INTAKE, DisputeAction.FILE_CHARGEBACK, Party.ANALYST))
                .hasMessageContaining("cannot FILE_CHARGEBACK");
        assertThatThrownBy(() -> DisputeTransitions.next(DisputeStatus.INVESTIGATING, DisputeAction.CONFIRM_FRAUD,
                Party.CARDHOLDER)).hasMessageContaining("CARDHOLDER may not CONFIRM_FRAUD");
        assertThatThrownBy(() -> DisputeTransitions.next(DisputeStatus.CHARGEBACK_FILED, DisputeAction.WITHDRAW,
                Party.CARDHOLDER)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> DisputeTransitions.next(DisputeStatus.WON, DisputeAction.CHARGEBACK_LOST, Party.NETWORK))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void closedCasesNeverMoveAndOpenOnesAlwaysCan() {
        for (DisputeStatus status : DisputeStatus.values()) {
            boolean hasMove = DisputeTransitions.all().stream().anyMatch(t -> t.from() == status);
            assertThat(hasMove).as(status.name()).isEqualTo(!status.closed());
        }
    }

    @Test
    void everyStatusIsReachableFromIntakeAndEveryOpenCaseCanClose() {
        assertThat(reachableFrom(DisputeStatus.INTAKE)).containsExactlyInAnyOrder(DisputeStatus.values());
        for (DisputeStatus status : DisputeStatus.values()) {
            assertThat(reachableFrom(status)).as("from %s", status).anyMatch(DisputeStatus::closed);
        }
    }

    @Test
    void theCardholderCanWithdrawUntilFraudIsDecided() {
        for (DisputeStatus status : DisputeStatus.values()) {
            boolean canWithdraw = DisputeTransitions.available(status, Party.CARDHOLDER).contains(DisputeAction.WITHDRAW);
            // Once fraud is decided the card is blocked and replaced and the model taught: no going back alone.
            boolean beforeFraud = EnumSet.of(DisputeStatus.Phase.INTAKE, DisputeStatus.Phase.INVESTIGATING)
                    .contains(status.phase()) || status == DisputeStatus.DECIDED_GENUINE;
            assertThat(canWithdraw).as(status.name()).isEqualTo(beforeFraud);
        }
    }

    @Test
    void theDocsDrawTheTableAsItIs() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "disputes.md"));
        assertThat(docs).as("docs/disputes.md holds DisputeTransitions.mermaid(); paste it again after changing the table")
                .contains("```mermaid\n" + DisputeTransitions.mermaid() + "```");
    }

    private static Set<DisputeStatus> reachableFrom(DisputeStatus start) {
        Set<DisputeStatus> seen = EnumSet.of(start);
        Deque<DisputeStatus> todo = new ArrayDeque<>(Set.of(start));
        while (!todo.isEmpty()) {
            DisputeStatus at = todo.pop();
            DisputeTransitions.all().stream().filter(t -> t.from() == at).map(DisputeTransitions.Transition::to)
                    .filter(seen::add).forEach(todo::push);
        }
        return seen;
    }
}
