package dev.anshin.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApplicationTransitionsTest {

    @Test
    void everyMoveOutsideTheTableIsRefusedAndEveryRowIsAllowedToItsParties() {
        for (ApplicationStatus from : ApplicationStatus.values()) {
            for (ApplicationAction action : ApplicationAction.values()) {
                for (ApplicationParty by : ApplicationParty.values()) {
                    var row = ApplicationTransitions.find(from, action);
                    if (row.isPresent() && row.get().by().contains(by)) {
                        assertThat(ApplicationTransitions.next(from, action, by)).isEqualTo(row.get().to());
                    } else {
                        assertThatThrownBy(() -> ApplicationTransitions.next(from, action, by))
                                .isInstanceOf(IllegalApplicationMove.class);
                    }
                }
            }
        }
    }

    @Test
    void oneRowPerStatusAndAction() {
        var keys = ApplicationTransitions.all().stream().map(t -> t.from() + "/" + t.action()).toList();
        assertThat(keys).doesNotHaveDuplicates();
    }

    @Test
    void theApplicantCannotApproveOrIssueAndStaffOnlyDecideReferrals() {
        assertThatThrownBy(() -> ApplicationTransitions.next(ApplicationStatus.SCREENING, ApplicationAction.APPROVE,
                ApplicationParty.APPLICANT)).hasMessageContaining("APPLICANT may not APPROVE");
        assertThatThrownBy(() -> ApplicationTransitions.next(ApplicationStatus.APPROVED, ApplicationAction.ISSUE,
                ApplicationParty.STAFF)).isInstanceOf(IllegalApplicationMove.class);
        assertThat(ApplicationTransitions.available(ApplicationStatus.REFERRED, ApplicationParty.STAFF))
                .containsExactlyInAnyOrder(ApplicationAction.APPROVE, ApplicationAction.DECLINE,
                        ApplicationAction.REVIEW_IDENTITY);
        assertThat(ApplicationTransitions.available(ApplicationStatus.SCREENING, ApplicationParty.STAFF)).isEmpty();
        // The applicant may only verify their identity again on a referral; the referral's decision is staff's.
        assertThat(ApplicationTransitions.available(ApplicationStatus.REFERRED, ApplicationParty.APPLICANT))
                .containsExactly(ApplicationAction.RETRY_IDENTITY);
    }

    @Test
    void aDeclinedOrIssuedApplicationNeverMovesAgain() {
        assertThatThrownBy(() -> ApplicationTransitions.next(ApplicationStatus.DECLINED, ApplicationAction.APPROVE,
                ApplicationParty.STAFF)).hasMessageContaining("cannot APPROVE");
        assertThatThrownBy(() -> ApplicationTransitions.next(ApplicationStatus.ISSUED, ApplicationAction.ISSUE,
                ApplicationParty.SYSTEM)).isInstanceOf(IllegalApplicationMove.class);
    }

    @Test
    void technicalErrorsAreKeptApartFromBusinessOutcomesAndAlwaysLeadSomewhere() {
        // ERRORED is entered only by FAIL and left only by a retry or a referral to staff (or the applicant's
        // erasure, which closes every open application), never a decline.
        assertThat(ApplicationTransitions.all()).filteredOn(t -> t.to() == ApplicationStatus.ERRORED)
                .allMatch(t -> t.action() == ApplicationAction.FAIL);
        assertThat(ApplicationTransitions.all()).filteredOn(t -> t.from() == ApplicationStatus.ERRORED)
                .filteredOn(t -> t.action() != ApplicationAction.ERASE)
                .extracting(ApplicationTransitions.Transition::to)
                .containsExactlyInAnyOrder(ApplicationStatus.SCREENING, ApplicationStatus.APPROVED,
                        ApplicationStatus.REFERRED);
    }

    @Test
    void theApplicantsErasureClosesEveryOpenApplicationAndOnlyThat() {
        for (ApplicationStatus status : ApplicationStatus.values()) {
            if (status.closed()) {
                assertThat(ApplicationTransitions.find(status, ApplicationAction.ERASE)).as(status.name()).isEmpty();
            } else {
                assertThat(ApplicationTransitions.next(status, ApplicationAction.ERASE, ApplicationParty.SYSTEM))
                        .as(status.name()).isEqualTo(ApplicationStatus.ABANDONED);
                assertThatThrownBy(() -> ApplicationTransitions.next(status, ApplicationAction.ERASE,
                        ApplicationParty.APPLICANT)).isInstanceOf(IllegalApplicationMove.class);
            }
        }
    }

    @Test
    void closedApplicationsNeverMoveAndOpenOnesAlwaysCan() {
        for (ApplicationStatus status : ApplicationStatus.values()) {
            boolean hasMove = ApplicationTransitions.all().stream().anyMatch(t -> t.from() == status);
            assertThat(hasMove).as(status.name()).isEqualTo(!status.closed());
        }
    }

    @Test
    void everyStatusIsReachableFromDraftAndEveryOpenOneCanClose() {
        assertThat(reachableFrom(ApplicationStatus.DRAFT)).containsExactlyInAnyOrder(ApplicationStatus.values());
        for (ApplicationStatus status : ApplicationStatus.values()) {
            assertThat(reachableFrom(status)).as("from %s", status).anyMatch(ApplicationStatus::closed);
        }
    }

    @Test
    void theDocsDrawTheTableAsItIs() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "onboarding.md"));
        assertThat(docs).as("docs/onboarding.md holds ApplicationTransitions.mermaid(); paste it again after "
                + "changing the table").contains("```mermaid\n" + ApplicationTransitions.mermaid() + "```");
    }

    @Test
    void theDocsShowThePolicyTableAsItIs() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "onboarding.md"));
        assertThat(docs).as("docs/onboarding.md holds ApplicationRiskPolicy.markdownTable()")
                .contains(ApplicationRiskPolicy.markdownTable());
    }

    private static Set<ApplicationStatus> reachableFrom(ApplicationStatus start) {
        Set<ApplicationStatus> seen = EnumSet.of(start);
        Deque<ApplicationStatus> todo = new ArrayDeque<>(Set.of(start));
        while (!todo.isEmpty()) {
            ApplicationStatus at = todo.pop();
            ApplicationTransitions.all().stream().filter(t -> t.from() == at)
                    .map(ApplicationTransitions.Transition::to).filter(seen::add).forEach(todo::push);
        }
        return seen;
    }
}
