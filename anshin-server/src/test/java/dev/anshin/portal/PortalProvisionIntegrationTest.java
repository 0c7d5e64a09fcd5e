package dev.anshin.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.privacy.Actor;
import dev.anshin.privacy.ConsentChannel;
import dev.anshin.privacy.ConsentEvent;
import dev.anshin.privacy.PersonalField;
import dev.anshin.privacy.Provisions;
import dev.anshin.privacy.Purpose;
import dev.anshin.problems.RequestProblem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/**
 * The settings page's third-party provision: an opt-in switch per registered recipient, recorded in
 * the consent ledger for that recipient only, and the person's own provision records. Same context
 * as {@link PortalIntegrationTest}.
 */
class PortalProvisionIntegrationTest extends PortalTestSupport {

    @Test
    void provisionIsOffUntilThePersonAgreesPerRecipientAndASecondSendRecordsOnce() throws Exception {
        String points = recipient("さくらポイント");
        String bank = recipient("さくら銀行");
        var a = enrolled("prov-on");
        MockHttpSession session = signedIn(a);

        String page = page(session);
        assertThat(row(page, "data-recipient", points)).contains("さくらポイント").contains("ポイントプログラム運営会社")
                .contains("JP").contains("ポイントの付与と交換").contains("氏名").contains("メールアドレス")
                .contains("同意していません").contains("name=\"granted\" value=\"true\"");
        // The purpose row of provision has no switch of its own: consent is per recipient.
        assertThat(row(page, "data-purpose", "THIRD_PARTY_PROVISION")).doesNotContain("<form")
                .contains("提供先ごとにお選びいただけます");

        String requestId = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/portal/privacy/provision").with(csrf()).session(session)
                            .param("recipient", points).param("granted", "true").param("requestId", requestId))
                    .andExpect(redirectedUrl("/portal/privacy?saved=PROVISION"));
        }
        List<ConsentEvent> history = personalData.consentHistory(OFFICER, a.customerId());
        assertThat(history).hasSize(1);
        assertThat(history.get(0).purpose()).isEqualTo(Purpose.THIRD_PARTY_PROVISION);
        assertThat(history.get(0).recipient()).isEqualTo(points);
        assertThat(history.get(0).granted()).isTrue();
        assertThat(history.get(0).channel()).isEqualTo(ConsentChannel.PORTAL);
        assertThat(history.get(0).recordedBy()).isEqualTo("cardholder:" + a.customerId());

        page = page(session);
        assertThat(row(page, "data-recipient", points)).contains("同意しています").contains("name=\"granted\" value=\"false\"");
        // Consent to one recipient is no consent to another.
        assertThat(row(page, "data-recipient", bank)).contains("同意していません");

        mvc.perform(post("/portal/privacy/provision").with(csrf()).session(session)
                        .param("recipient", points).param("granted", "false")
                        .param("requestId", UUID.randomUUID().toString()))
                .andExpect(redirectedUrl("/portal/privacy?saved=PROVISION"));
        assertThat(row(page(session), "data-recipient", points)).contains("同意していません");
        assertThat(personalData.consentHistory(OFFICER, a.customerId())).extracting(ConsentEvent::granted)
                .containsExactly(true, false);

        mvc.perform(get("/portal/privacy").session(session).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("Sakura Points (en)")));
    }

    @Test
    void thePurposeWideSwitchCannotGrantProvisionAndBadInputStoresNothing() throws Exception {
        String points = recipient("ポイント");
        var a = enrolled("prov-bad");
        var b = enrolled("prov-bad-b");
        MockHttpSession session = signedIn(a);

        // The generic switch of optional purposes refuses provision: it names no recipient.
        mvc.perform(post("/portal/privacy/consents").with(csrf()).session(session)
                        .param("purpose", "THIRD_PARTY_PROVISION").param("granted", "true")
                        .param("requestId", UUID.randomUUID().toString()))
                .andExpect(redirectedUrl("/portal/privacy?invalid"));
        // Unknown recipient, missing or bad fields.
        invalid(session, Map.of("recipient", "no-such-recipient", "granted", "true", "requestId", uuid()));
        invalid(session, Map.of("recipient", "../" + points, "granted", "true", "requestId", uuid()));
        invalid(session, Map.of("granted", "true", "requestId", uuid()));
        invalid(session, Map.of("recipient", points, "requestId", uuid()));
        invalid(session, Map.of("recipient", points, "granted", "maybe", "requestId", uuid()));
        invalid(session, Map.of("recipient", points, "granted", "true"));
        invalid(session, Map.of("recipient", points, "granted", "true", "requestId", "not-a-uuid"));
        assertThat(personalData.consentHistory(OFFICER, a.customerId())).isEmpty();

        // A request id reused for another choice changes nothing more.
        String requestId = uuid();
        mvc.perform(post("/portal/privacy/provision").with(csrf()).session(session)
                        .param("recipient", points).param("granted", "true").param("requestId", requestId))
                .andExpect(redirectedUrl("/portal/privacy?saved=PROVISION"));
        invalid(session, Map.of("recipient", points, "granted", "false", "requestId", requestId));
        assertThat(personalData.consentHistory(OFFICER, a.customerId())).hasSize(1);

        // The customer is the one signed in, whatever the form says.
        mvc.perform(post("/portal/privacy/provision").with(csrf()).session(session).param("customerId", b.customerId())
                        .param("recipient", points).param("granted", "false").param("requestId", uuid()))
                .andExpect(redirectedUrl("/portal/privacy?saved=PROVISION"));
        assertThat(personalData.consentHistory(OFFICER, b.customerId())).isEmpty();
        assertThat(personalData.consentHistory(OFFICER, a.customerId())).hasSize(2);

        // Without the CSRF token nothing is recorded.
        mvc.perform(post("/portal/privacy/provision").session(session)
                        .param("recipient", points).param("granted", "true").param("requestId", uuid()))
                .andExpect(status().isForbidden());
        assertThat(personalData.consentHistory(OFFICER, a.customerId())).hasSize(2);
    }

    @Test
    void thePersonSeesTheirOwnProvisionRecordsOnly() throws Exception {
        String points = recipient("記録ポイント");
        var a = enrolled("prov-rec-a");
        var b = enrolled("prov-rec-b");
        for (var person : List.of(a, b)) {
            personalData.recordConsent(Actor.cardholder(person.customerId(), "test"), null, person.customerId(),
                    Purpose.THIRD_PARTY_PROVISION, null, points, true, ConsentChannel.PORTAL, "2026-04");
        }
        provisions.approve(APPROVER, provisions.request(OFFICER, new Provisions.ProvisionRequest("portal-prov-" + uuid(), points,
                List.of(a.customerId()), Set.of(PersonalField.NAME_KANJI, PersonalField.EMAIL))).id());

        String pageA = page(signedIn(a));
        assertThat(section(pageA, "id=\"provisions\"")).contains("記録ポイント").contains("氏名")
                .contains("メールアドレス");
        assertThat(pageA).doesNotContain("id=\"no-provisions\"");
        String pageB = page(signedIn(b));
        assertThat(pageB).contains("id=\"no-provisions\"").doesNotContain("id=\"provisions\"");

        // The access path: the person reads their own records, audited for DATA_SUBJECT_REQUEST; not another's.
        Actor asB = Actor.cardholder(b.customerId(), "test");
        assertThat(personalData.provisionRecords(asB, b.customerId())).isEmpty();
        assertThatThrownBy(() -> personalData.provisionRecords(asB, a.customerId()))
                .isInstanceOf(RequestProblem.class).hasMessageContaining("only their own data");
        // Staff who do not serve customers are refused too; an officer reads them.
        Actor analyst = new Actor("portal-test-analyst", Set.of(dev.anshin.access.Role.ANALYST), "test");
        assertThatThrownBy(() -> personalData.provisionRecords(analyst, a.customerId()))
                .isInstanceOf(RequestProblem.class);
        assertThat(personalData.provisionRecords(OFFICER, a.customerId())).hasSize(1);
        assertThat(jdbc.sql("SELECT purpose FROM audit_log WHERE actor = ? AND action = 'provision-records.read'"
                        + " AND outcome = 'SUCCESS'").param("cardholder:" + a.customerId()).query(String.class).list())
                .isNotEmpty().containsOnly("DATA_SUBJECT_REQUEST");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND action = 'provision-records.read'"
                        + " AND outcome = 'DENIED' AND resource = ?")
                .params("cardholder:" + b.customerId(), "customer/" + a.customerId()).query(Long.class).single())
                .isEqualTo(1);
    }

    private void invalid(MockHttpSession session, Map<String, String> params) throws Exception {
        var request = post("/portal/privacy/provision").with(csrf()).session(session);
        params.forEach(request::param);
        mvc.perform(request).andExpect(redirectedUrl("/portal/privacy?invalid"));
    }

}
