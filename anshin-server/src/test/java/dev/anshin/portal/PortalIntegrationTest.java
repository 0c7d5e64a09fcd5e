package dev.anshin.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.MovableClock;
import dev.anshin.access.ApiClients;
import dev.anshin.access.Role;
import dev.anshin.audit.RefusalAudit;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.ConsentChannel;
import dev.anshin.privacy.ConsentEvent;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import dev.anshin.privacy.Purpose;
import dev.anshin.problems.RequestProblem;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal end to end over MockMvc: enrollment by API, activation, sign-in in two steps, lockout,
 * and switching purposes. Its own context, with a clock the tests move forward instead of sleeping.
 */
@SpringBootTest(properties = {
        "anshin.data-dir=./target/portal-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
@AutoConfigureMockMvc
@Import(MovableClock.class)
class PortalIntegrationTest {

    private static final String PASSWORD = "correct horse 42";
    private static final Actor SUPPORT = new Actor("portal-test-support", Set.of(Role.CUSTOMER_SERVICE), "test");
    private static final Actor OFFICER = new Actor("portal-test-officer", Set.of(Role.PRIVACY_OFFICER), "test");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    ApiClients clients;

    @Autowired
    PersonalData personalData;

    @Autowired
    PortalAccounts accounts;

    @Autowired
    MovableClock clock;

    @Autowired
    RefusalAudit refusals;

    @Autowired
    JdbcClient jdbc;

    private final Totp totp = new Totp();

    // ---- enrollment ----------------------------------------------------------------------------

    @Test
    void enrollmentAnswersTheSameCodeToARetryAndStoresOnlyItsHash() throws Exception {
        String customer = newCustomer("enroll");
        String requestId = "enroll-" + UUID.randomUUID();
        JsonNode first = enroll(customer, requestId, 201);
        JsonNode retry = enroll(customer, requestId, 200);
        String code = first.get("activationCode").asText();
        assertThat(code).matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){3}");
        assertThat(retry.get("activationCode").asText()).isEqualTo(code);
        assertThat(retry.get("enrollmentId").asText()).isEqualTo(first.get("enrollmentId").asText());
        assertThat(retry.get("status").asText()).isEqualTo("PENDING");
        String stored = jdbc.sql("SELECT code_hash FROM portal_enrollments WHERE request_id = ?").param(requestId)
                .query(String.class).single();
        assertThat(stored).isEqualTo(PortalAccounts.codeHash(code)).doesNotContain(code.replace("-", ""));
    }

    @Test
    void aNewEnrollmentRevokesTheEarlierCode() throws Exception {
        String customer = newCustomer("re-enroll");
        String firstRequest = "first-" + UUID.randomUUID();
        String oldCode = enroll(customer, firstRequest, 201).get("activationCode").asText();
        enroll(customer, "second-" + UUID.randomUUID(), 201);
        assertThat(enroll(customer, firstRequest, 200).get("status").asText()).isEqualTo("REVOKED");
        mvc.perform(post("/portal/activate").with(csrf()).session(new MockHttpSession())
                        .param("activationCode", oldCode).param("loginId", "old-" + shortId())
                        .param("password", PASSWORD).param("passwordAgain", PASSWORD))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"error\"")));
    }

    @Test
    void enrollmentErrorsAreProblemResponses() throws Exception {
        String customer = newCustomer("enroll-errors");
        mvc.perform(post("/api/v1/customers/" + UUID.randomUUID() + "/portal-enrollment")
                        .header("X-Api-Key", key(Role.CUSTOMER_SERVICE)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"requestId\":\"x-" + shortId() + "\"}"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/v1/customers/" + customer + "/portal-enrollment")
                        .header("X-Api-Key", key(Role.CUSTOMER_SERVICE)).contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/validation"));
        mvc.perform(post("/api/v1/customers/" + customer + "/portal-enrollment")
                        .header("X-Api-Key", key(Role.ANALYST)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"requestId\":\"x-" + shortId() + "\"}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        String requestId = "shared-" + shortId();
        enroll(customer, requestId, 201);
        String other = newCustomer("enroll-other");
        mvc.perform(post("/api/v1/customers/" + other + "/portal-enrollment")
                        .header("X-Api-Key", key(Role.CUSTOMER_SERVICE)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"requestId\":\"" + requestId + "\"}"))
                .andExpect(status().isConflict());
    }

    // ---- activation and sign-in ------------------------------------------------------------------

    @Test
    void activationNeedsAValidFirstCodeThenTheCardholderSignsInWithPasswordAndCode() throws Exception {
        String customer = newCustomer("activate");
        String code = enroll(customer, "act-" + UUID.randomUUID(), 201).get("activationCode").asText();
        String loginId = "hanako-" + shortId();
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/portal/activate").with(csrf()).session(session)
                        .param("activationCode", code.toLowerCase()).param("loginId", loginId)
                        .param("password", PASSWORD).param("passwordAgain", PASSWORD))
                .andExpect(redirectedUrl("/portal/activate/authenticator"));
        mvc.perform(get("/portal/activate/authenticator").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("otpauth://totp/Anshin:" + loginId)))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("data:image/svg+xml;base64,")));
        var pending = (PortalAccounts.PendingActivation) session.getAttribute(PortalActivationPages.PENDING);
        byte[] secret = pending.secret();

        mvc.perform(post("/portal/activate/authenticator").with(csrf()).session(session).param("code", "000000"))
                .andExpect(redirectedUrl("/portal/activate/authenticator?error"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM portal_accounts WHERE customer_id = ?").param(customer)
                .query(Long.class).single()).isZero();
        mvc.perform(post("/portal/activate/authenticator").with(csrf()).session(session).param("code", currentCode(secret)))
                .andExpect(redirectedUrl("/portal/usage?activated"));
        // The password and the authenticator's code were just given: the session is signed in.
        mvc.perform(get("/portal/usage").session(session)).andExpect(status().isOk());
        String storedSecret = jdbc.sql("SELECT totp_secret FROM portal_accounts WHERE customer_id = ?").param(customer)
                .query(String.class).single();
        assertThat(storedSecret).doesNotContain(Totp.base32(secret));

        // The code just used for activation cannot sign in: a new step is needed.
        clock.advance(Duration.ofSeconds(30));
        MockHttpSession signIn = new MockHttpSession();
        String before = signIn.getId();
        mvc.perform(post("/portal/login").with(csrf()).session(signIn).param("loginId", loginId.toUpperCase())
                        .param("password", PASSWORD))
                .andExpect(redirectedUrl("/portal/login/code"));
        assertThat(signIn.getId()).isNotEqualTo(before);
        // Password alone is not a sign-in.
        mvc.perform(get("/portal/privacy").session(signIn)).andExpect(redirectedUrl("/portal/login"));
        String afterPassword = signIn.getId();
        mvc.perform(post("/portal/login/code").with(csrf()).session(signIn).param("code", currentCode(secret)))
                .andExpect(redirectedUrl("/portal/usage"));
        assertThat(signIn.getId()).isNotEqualTo(afterPassword);
        mvc.perform(get("/portal").session(signIn)).andExpect(redirectedUrl("/portal/usage"));
        mvc.perform(get("/portal/privacy").session(signIn))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                        .string("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("山田 花子activate")));

        mvc.perform(post("/portal/logout").with(csrf()).session(signIn)).andExpect(redirectedUrl("/portal/login?logout"));
        assertThat(signIn.isInvalid()).isTrue();
    }

    @Test
    void theActivationFormAsksForThePasswordsRealLengthAndLandsOnTheNewCardItWasOpenedFor() throws Exception {
        String page = mvc.perform(get("/portal/activate")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("minlength=\"" + PortalAccounts.MIN_PASSWORD_LENGTH + "\"")
                .doesNotContain("minlength=\"10\"").contains(PortalAccounts.MIN_PASSWORD_LENGTH + "文字以上")
                .contains("src=\"/portal/assets/activate.js\"");

        for (String next : List.of("/portal/new-card/APP-landing", "https://elsewhere.example/portal/new-card/x",
                "/portal/privacy")) {
            String code = enroll(newCustomer("land"), "act-" + UUID.randomUUID(), 201).get("activationCode").asText();
            MockHttpSession session = new MockHttpSession();
            mvc.perform(post("/portal/activate").with(csrf()).session(session).param("activationCode", code)
                            .param("loginId", "land-" + shortId()).param("password", PASSWORD)
                            .param("passwordAgain", PASSWORD).param("next", next))
                    .andExpect(redirectedUrl("/portal/activate/authenticator"));
            var pending = (PortalAccounts.PendingActivation) session.getAttribute(PortalActivationPages.PENDING);
            // Only the new card is a place to land; anything else lands on the home.
            mvc.perform(post("/portal/activate/authenticator").with(csrf()).session(session)
                            .param("code", currentCode(pending.secret())))
                    .andExpect(redirectedUrl(next.equals("/portal/new-card/APP-landing") ? next
                            : "/portal/usage?activated"));
        }
    }

    @Test
    void aRefusedLoginIdKeepsTheActivationCodeAndIsShownNextToItsField() throws Exception {
        String code = enroll(newCustomer("refused-id"), "act-" + UUID.randomUUID(), 201).get("activationCode").asText();
        String page = mvc.perform(post("/portal/activate").with(csrf()).session(new MockHttpSession())
                        .param("activationCode", code).param("loginId", "ab").param("password", PASSWORD)
                        .param("passwordAgain", PASSWORD))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("value=\"" + code + "\"").contains("value=\"ab\"")
                .contains("id=\"loginId-error\"").contains("aria-describedby=\"loginId-hint loginId-error\"")
                .contains("href=\"#loginId\"").doesNotContain("id=\"activationCode-error\"")
                .doesNotContain(PASSWORD);
        assertThat(page).contains("minlength=\"" + PortalAccounts.MIN_LOGIN_ID_LENGTH + "\"")
                .contains("maxlength=\"" + PortalAccounts.MAX_LOGIN_ID_LENGTH + "\"")
                .contains("pattern=\"" + PortalAccounts.LOGIN_ID_INPUT_PATTERN + "\"");
        assertThat(PortalAccounts.loginId("Yamada.Hanako")).isPresent();
        assertThat("Yamada.Hanako".matches(PortalAccounts.LOGIN_ID_INPUT_PATTERN)).isTrue();
        assertThat("ab".matches(PortalAccounts.LOGIN_ID_INPUT_PATTERN)).isFalse();
    }

    @Test
    void aCodeAlreadyUsedCannotSignInAgain() throws Exception {
        var cardholder = enrolled("replay");
        clock.advance(Duration.ofSeconds(30));
        String code = currentCode(cardholder.secret());
        MockHttpSession first = passwordStep(cardholder.loginId(), PASSWORD);
        mvc.perform(post("/portal/login/code").with(csrf()).session(first).param("code", code))
                .andExpect(redirectedUrl("/portal/usage"));
        MockHttpSession second = passwordStep(cardholder.loginId(), PASSWORD);
        mvc.perform(post("/portal/login/code").with(csrf()).session(second).param("code", code))
                .andExpect(redirectedUrl("/portal/login/code?error"));
        assertThat(auditDetails(cardholder.customerId(), "portal.sign-in")).contains("code used before");
    }

    @Test
    void fiveWrongPasswordsLockTheAccountForFifteenMinutesAndAreAudited() throws Exception {
        var cardholder = enrolled("lockout");
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/portal/login").with(csrf()).session(new MockHttpSession())
                            .param("loginId", cardholder.loginId()).param("password", "wrong password " + i))
                    .andExpect(redirectedUrl("/portal/login?error"));
        }
        // Locked: the right password gets the same answer as a wrong one.
        mvc.perform(post("/portal/login").with(csrf()).session(new MockHttpSession())
                        .param("loginId", cardholder.loginId()).param("password", PASSWORD))
                .andExpect(redirectedUrl("/portal/login?error"));
        List<String> lockouts = auditDetails(cardholder.customerId(), "portal.lockout");
        assertThat(lockouts).hasSize(1);
        assertThat(lockouts.get(0)).contains("locked until");
        refusals.flush();
        assertThat(refusalsCounted(cardholder.customerId(), "wrong password")).isEqualTo(5);
        assertThat(refusalsCounted(cardholder.customerId(), "locked")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor LIKE ? OR detail LIKE ? OR resource LIKE ?")
                .params("%" + cardholder.loginId() + "%", "%" + PASSWORD + "%", "%" + cardholder.loginId() + "%")
                .query(Long.class).single()).isZero();

        clock.advance(Duration.ofMinutes(29));
        passwordStepRefused(cardholder.loginId());
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        MockHttpSession session = passwordStep(cardholder.loginId(), PASSWORD);
        mvc.perform(post("/portal/login/code").with(csrf()).session(session).param("code", currentCode(cardholder.secret())))
                .andExpect(redirectedUrl("/portal/usage"));
    }

    @Test
    void aFloodOfWrongPasswordsOnKnownAccountsWritesABoundedNumberOfEntries() {
        int accountsTried = 3;
        int attemptsEach = 30;
        List<Enrolled> known = new java.util.ArrayList<>();
        for (int a = 0; a < accountsTried; a++) {
            known.add(enrolled("flood"));
        }
        refusals.flush();
        long before = auditEntries();
        for (int i = 0; i < attemptsEach; i++) {
            for (Enrolled cardholder : known) {
                // Straight to the accounts, past the per-name throttle, as from many instances' worth of tries.
                assertThat(accounts.checkPassword(cardholder.loginId(), "wrong password " + i, "192.0.2.7")).isEmpty();
            }
        }
        refusals.flush();
        // Per account: the first wrong password, the lockout, the first refusal while locked, and at
        // most one summary of each (a window the timer closed meanwhile adds as many again at most).
        assertThat(auditEntries() - before).isLessThanOrEqualTo(accountsTried * 2L * 5);
        for (Enrolled cardholder : known) {
            assertThat(auditDetails(cardholder.customerId(), "portal.lockout")).hasSize(1);
            // Every refusal is still counted in the trail.
            assertThat(refusalsCounted(cardholder.customerId(), "wrong password")).isEqualTo(5);
            assertThat(refusalsCounted(cardholder.customerId(), "locked")).isEqualTo(attemptsEach - 5);
        }
    }

    @Test
    void wrongCodesCountTowardsTheLockout() throws Exception {
        var cardholder = enrolled("code-lockout");
        mvc.perform(post("/portal/login").with(csrf()).session(new MockHttpSession())
                        .param("loginId", cardholder.loginId()).param("password", "wrong password"))
                .andExpect(redirectedUrl("/portal/login?error"));
        MockHttpSession session = passwordStep(cardholder.loginId(), PASSWORD);
        for (int i = 0; i < 3; i++) {
            mvc.perform(post("/portal/login/code").with(csrf()).session(session).param("code", wrongCode(cardholder.secret())))
                    .andExpect(redirectedUrl("/portal/login/code?error"));
        }
        // The fifth failure in a row locks, and the pending step is gone.
        mvc.perform(post("/portal/login/code").with(csrf()).session(session).param("code", wrongCode(cardholder.secret())))
                .andExpect(redirectedUrl("/portal/login?error"));
        mvc.perform(post("/portal/login/code").with(csrf()).session(session).param("code", currentCode(cardholder.secret())))
                .andExpect(redirectedUrl("/portal/login?expired"));
        passwordStepRefused(cardholder.loginId());
        assertThat(auditDetails(cardholder.customerId(), "portal.lockout")).hasSize(1);
    }

    @Test
    void anUnknownLoginIdGetsTheSameAnswerAndIsAuditedWithoutTheIdTried() throws Exception {
        String tried = "nobody-" + shortId();
        mvc.perform(post("/portal/login").with(csrf()).session(new MockHttpSession())
                        .param("loginId", tried).param("password", PASSWORD))
                .andExpect(redirectedUrl("/portal/login?error"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = 'portal:unknown-login' AND action = 'portal.sign-in'")
                .query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor LIKE ? OR detail LIKE ? OR resource LIKE ?")
                .params("%" + tried + "%", "%" + tried + "%", "%" + tried + "%").query(Long.class).single()).isZero();
    }

    @Test
    void staffCannotSignInToThePortalNorReachItWithAConsoleSession() throws Exception {
        mvc.perform(post("/portal/login").with(csrf()).session(new MockHttpSession())
                        .param("loginId", "analyst").param("password", "browser-test-password"))
                .andExpect(redirectedUrl("/portal/login?error"));
        MockHttpSession staff = new MockHttpSession();
        mvc.perform(post("/login").with(csrf()).session(staff).param("username", "support")
                        .param("password", "browser-test-password"))
                .andExpect(redirectedUrl("/service"));
        mvc.perform(get("/portal/privacy").session(staff)).andExpect(redirectedUrl("/portal/login"));
    }

    @Test
    void portalFormsNeedTheCsrfToken() throws Exception {
        var cardholder = enrolled("csrf");
        mvc.perform(post("/portal/login").session(new MockHttpSession()).param("loginId", cardholder.loginId())
                        .param("password", PASSWORD))
                .andExpect(status().isForbidden());
        MockHttpSession session = signedIn(cardholder);
        mvc.perform(post("/portal/privacy/consents").session(session).param("purpose", "MARKETING")
                        .param("granted", "false").param("requestId", UUID.randomUUID().toString()))
                .andExpect(status().isForbidden());
        assertThat(personalData.consentHistory(OFFICER, cardholder.customerId())).isEmpty();
    }

    @Test
    void aCardholderSessionIsNotAConsoleSession() throws Exception {
        var cardholder = enrolled("not-staff");
        MockHttpSession session = signedIn(cardholder);
        mvc.perform(get("/privacy/data-map").session(session)).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/console").session(session)).andExpect(redirectedUrl("/login"));
    }

    @Test
    void erasureDeletesThePortalAccountAndEndsTheSession() throws Exception {
        var cardholder = enrolled("erased");
        MockHttpSession session = signedIn(cardholder);
        personalData.erase(OFFICER, cardholder.customerId(), dev.anshin.privacy.ErasureReason.PERSON_REQUESTED, null);
        mvc.perform(get("/portal/privacy").session(session)).andExpect(redirectedUrl("/portal/login?expired"));
        passwordStepRefused(cardholder.loginId());
        // The account itself went with the erasure: the login id they chose could identify them.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM portal_accounts WHERE customer_id = ? OR login_id = ?")
                .params(cardholder.customerId(), cardholder.loginId()).query(Long.class).single()).isZero();
        assertThat(auditDetails(cardholder.customerId(), "portal.account-deleted")).containsExactly("customer erased");
    }

    @Test
    void aSessionEndsWhenItsAccountIsReplaced() throws Exception {
        var cardholder = enrolled("replaced");
        MockHttpSession old = signedIn(cardholder);
        mvc.perform(get("/portal/privacy").session(old)).andExpect(status().isOk());
        // Suspected takeover: customer service enrolls the person again and they set up a new account.
        accounts.enrollForDemo(cardholder.customerId(), "new-" + shortId(), PASSWORD);
        mvc.perform(get("/portal/privacy").session(old)).andExpect(redirectedUrl("/portal/login?expired"));
        assertThat(old.isInvalid()).isTrue();
    }

    // ---- the settings page -----------------------------------------------------------------------

    @Test
    void switchingMarketingOffIsRecordedOnceEvenWhenTheFormIsSentTwice() throws Exception {
        var cardholder = enrolled("marketing");
        MockHttpSession session = signedIn(cardholder);
        String requestId = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/portal/privacy/consents").with(csrf()).session(session)
                            .param("purpose", "MARKETING").param("granted", "false").param("requestId", requestId))
                    .andExpect(redirectedUrl("/portal/privacy?saved=MARKETING"));
        }
        List<ConsentEvent> history = personalData.consentHistory(OFFICER, cardholder.customerId());
        assertThat(history).hasSize(1);
        ConsentEvent event = history.get(0);
        assertThat(event.purpose()).isEqualTo(Purpose.MARKETING);
        assertThat(event.granted()).isFalse();
        assertThat(event.channel()).isEqualTo(ConsentChannel.PORTAL);
        assertThat(event.recordedBy()).isEqualTo("cardholder:" + cardholder.customerId());
        assertThat(personalData.holdings(OFFICER, cardholder.customerId()).purposesInForce())
                .containsEntry(Purpose.MARKETING, false);
        mvc.perform(get("/portal/privacy").session(session))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("停止中")));
    }

    @Test
    void aPurposeNeededForTheContractCannotBeSwitchedOff() throws Exception {
        var cardholder = enrolled("contract");
        MockHttpSession session = signedIn(cardholder);
        mvc.perform(post("/portal/privacy/consents").with(csrf()).session(session)
                        .param("purpose", "SERVICE_OPERATION").param("granted", "false")
                        .param("requestId", UUID.randomUUID().toString()))
                .andExpect(redirectedUrl("/portal/privacy?invalid"));
        assertThat(personalData.consentHistory(OFFICER, cardholder.customerId())).isEmpty();
    }

    @Test
    void aCardholderSeesAndChangesOnlyTheirOwnData() throws Exception {
        var a = enrolled("own-a");
        var b = enrolled("own-b");
        MockHttpSession session = signedIn(a);
        mvc.perform(get("/portal/privacy").session(session).param("customerId", b.customerId())
                        .param("customer", b.customerId()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("山田 花子own-a")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("own-b"))));
        mvc.perform(post("/portal/privacy/consents").with(csrf()).session(session).param("customerId", b.customerId())
                        .param("purpose", "MARKETING").param("granted", "false")
                        .param("requestId", UUID.randomUUID().toString()))
                .andExpect(redirectedUrl("/portal/privacy?saved=MARKETING"));
        assertThat(personalData.consentHistory(OFFICER, b.customerId())).isEmpty();
        assertThat(personalData.consentHistory(OFFICER, a.customerId())).hasSize(1);
        // And the access path itself refuses a cardholder reaching another customer.
        Actor asA = Actor.cardholder(a.customerId(), "test");
        assertThatThrownBy(() -> personalData.read(asA, Purpose.DATA_SUBJECT_REQUEST, null, b.customerId(),
                Set.of(PersonalField.NAME_KANJI))).isInstanceOf(RequestProblem.class)
                .hasMessageContaining("only their own data");
        assertThatThrownBy(() -> personalData.recordConsent(asA, null, b.customerId(), Purpose.MARKETING, null, false,
                ConsentChannel.PORTAL, "2026-04")).isInstanceOf(RequestProblem.class);
        assertThatThrownBy(() -> personalData.holdings(asA, b.customerId())).isInstanceOf(RequestProblem.class)
                .hasMessageContaining("only their own data");
        // A cardholder is not staff: no staff purpose, no corrections, even of their own data.
        assertThatThrownBy(() -> personalData.read(asA, Purpose.MARKETING, null, a.customerId(),
                Set.of(PersonalField.EMAIL))).isInstanceOf(RequestProblem.class);
        assertThatThrownBy(() -> personalData.correct(asA, Purpose.DATA_SUBJECT_REQUEST, a.customerId(),
                Map.of(PersonalField.EMAIL, "x@example.jp"))).isInstanceOf(RequestProblem.class);
        assertThat(personalData.read(asA, Purpose.DATA_SUBJECT_REQUEST, null, a.customerId(),
                Set.of(PersonalField.NAME_KANJI))).containsEntry(PersonalField.NAME_KANJI, "山田 花子own-a");
    }

    @Test
    void theCardholderRoleIsNeverGivenToStaffOrApiClients() throws Exception {
        mvc.perform(post("/api/v1/api-clients").header("X-Api-Key", key(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"not-a-cardholder\",\"roles\":[\"CARDHOLDER\"]}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/validation"));
        assertThatThrownBy(() -> clients.register("cardholder-client", EnumSet.of(Role.CARDHOLDER)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Actor("someone", Set.of(Role.CARDHOLDER, Role.ANALYST), "test"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- fixtures ----------------------------------------------------------------------------

    record Enrolled(String customerId, String loginId, byte[] secret) {
    }

    private String newCustomer(String tag) {
        Map<PersonalField, String> values = new EnumMap<>(PersonalField.class);
        values.put(PersonalField.NAME_KANJI, "山田 花子" + tag);
        values.put(PersonalField.NAME_KANA, "ヤマダ ハナコ");
        values.put(PersonalField.DATE_OF_BIRTH, "1985-04-12");
        values.put(PersonalField.EMAIL, "hanako." + shortId() + "@example.jp");
        values.put(PersonalField.ANNUAL_INCOME, "5200000");
        return personalData.register(SUPPORT, "P-" + UUID.randomUUID().toString().substring(0, 23), values).customerId();
    }

    private Enrolled enrolled(String tag) {
        String customer = newCustomer(tag);
        String loginId = tag + "-" + shortId();
        String secret = accounts.enrollForDemo(customer, loginId, PASSWORD);
        return new Enrolled(customer, loginId, Totp.fromBase32(secret));
    }

    private JsonNode enroll(String customerId, String requestId, int status) throws Exception {
        String body = mvc.perform(post("/api/v1/customers/" + customerId + "/portal-enrollment")
                        .header("X-Api-Key", key(Role.CUSTOMER_SERVICE)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"requestId\":\"" + requestId + "\"}"))
                .andExpect(status().is(status))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                        .string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")))
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }

    private MockHttpSession passwordStep(String loginId, String password) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/portal/login").with(csrf()).session(session).param("loginId", loginId)
                        .param("password", password))
                .andExpect(redirectedUrl("/portal/login/code"));
        return session;
    }

    private void passwordStepRefused(String loginId) throws Exception {
        mvc.perform(post("/portal/login").with(csrf()).session(new MockHttpSession())
                        .param("loginId", loginId).param("password", PASSWORD))
                .andExpect(redirectedUrl("/portal/login?error"));
    }

    private MockHttpSession signedIn(Enrolled cardholder) throws Exception {
        MockHttpSession session = passwordStep(cardholder.loginId(), PASSWORD);
        mvc.perform(post("/portal/login/code").with(csrf()).session(session).param("code", currentCode(cardholder.secret())))
                .andExpect(redirectedUrl("/portal/usage"));
        return session;
    }

    private String currentCode(byte[] secret) {
        return totp.code(secret, Totp.step(clock.instant()));
    }

    /** A code that is valid for no step of the drift window. */
    private String wrongCode(byte[] secret) {
        long step = Totp.step(clock.instant());
        Set<String> valid = Set.of(totp.code(secret, step - 1), totp.code(secret, step), totp.code(secret, step + 1));
        for (int n = 0; ; n++) {
            String candidate = String.format("%06d", n);
            if (!valid.contains(candidate)) {
                return candidate;
            }
        }
    }

    private List<String> auditDetails(String customerId, String action) {
        return jdbc.sql("SELECT detail FROM audit_log WHERE actor = ? AND action = ? ORDER BY seq")
                .params("cardholder:" + customerId, action).query(String.class).list();
    }

    /** Refused sign-ins of the account with this detail: written individually plus counted in summaries. */
    private long refusalsCounted(String customerId, String detail) {
        long counted = 0;
        for (String entry : auditDetails(customerId, "portal.sign-in")) {
            if (entry.equals(detail)) {
                counted++;
            } else if (entry.startsWith("summary: ") && entry.endsWith(" (" + detail + ")")) {
                counted += Long.parseLong(entry.substring("summary: ".length(), entry.indexOf(' ', "summary: ".length())));
            }
        }
        return counted;
    }

    private long auditEntries() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log").query(Long.class).single();
    }

    private String key(Role role) {
        return clients.register("portal-test-" + role.name().toLowerCase(), EnumSet.of(role));
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
