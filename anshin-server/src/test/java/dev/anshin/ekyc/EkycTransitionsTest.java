package dev.anshin.ekyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anshin.ekyc.EkycTransitions.Action;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EkycTransitionsTest {

    @Test
    void aResultMovesAStartedVerificationToResultReceivedAndThePolicyToItsOutcome() {
        assertThat(EkycTransitions.next(EkycStatus.STARTED, Action.RECEIVE_RESULT)).isEqualTo(EkycStatus.RESULT_RECEIVED);
        assertThat(EkycTransitions.next(EkycStatus.RESULT_RECEIVED, Action.PASS)).isEqualTo(EkycStatus.PASSED);
        assertThat(EkycTransitions.next(EkycStatus.RESULT_RECEIVED, Action.FAIL)).isEqualTo(EkycStatus.FAILED);
        assertThat(EkycTransitions.next(EkycStatus.RESULT_RECEIVED, Action.REFER)).isEqualTo(EkycStatus.REVIEW);
    }

    @Test
    void aResultMayReopenAnExpiredVerification() {
        // Only when the vendor completed it before the expiry: EkycVerifications guards that.
        assertThat(EkycTransitions.next(EkycStatus.EXPIRED, Action.RECEIVE_RESULT)).isEqualTo(EkycStatus.RESULT_RECEIVED);
    }

    @Test
    void refusesASecondResultForAConcludedVerification() {
        for (EkycStatus status : EkycStatus.values()) {
            if (status != EkycStatus.STARTED && status != EkycStatus.EXPIRED) {
                assertThatThrownBy(() -> EkycTransitions.next(status, Action.RECEIVE_RESULT))
                        .isInstanceOf(EkycTransitions.IllegalMove.class);
            }
        }
    }

    @Test
    void nothingLeavesAClosedStatus() {
        for (EkycStatus status : EkycStatus.values()) {
            if (status.closed()) {
                for (Action action : Action.values()) {
                    assertThat(EkycTransitions.find(status, action)).as(status + " " + action).isEmpty();
                }
            }
        }
    }

    @Test
    void onlyStaffDecideAVerificationInReviewAndOnlyThere() {
        assertThat(EkycTransitions.next(EkycStatus.REVIEW, Action.APPROVE)).isEqualTo(EkycStatus.PASSED);
        assertThat(EkycTransitions.next(EkycStatus.REVIEW, Action.REJECT)).isEqualTo(EkycStatus.FAILED);
        assertThatThrownBy(() -> EkycTransitions.next(EkycStatus.STARTED, Action.APPROVE))
                .isInstanceOf(EkycTransitions.IllegalMove.class);
        assertThatThrownBy(() -> EkycTransitions.next(EkycStatus.REVIEW, Action.EXPIRE))
                .isInstanceOf(EkycTransitions.IllegalMove.class);
    }

    @Test
    void anIllegalMoveIsAnsweredAsAnIllegalTransitionProblem() {
        // A RequestProblem: ProblemAdvice answers it (409 illegal-transition), no handler of the module's own.
        assertThatThrownBy(() -> EkycTransitions.next(EkycStatus.PASSED, Action.RECEIVE_RESULT))
                .isInstanceOfSatisfying(dev.anshin.problems.RequestProblem.class,
                        p -> assertThat(p.type()).isEqualTo(dev.anshin.problems.ProblemType.ILLEGAL_TRANSITION));
    }

    @Test
    void theDocsShowTheTable() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "ekyc.md"));
        assertThat(docs).contains("```mermaid\n" + EkycTransitions.mermaid() + "```");
    }
}
