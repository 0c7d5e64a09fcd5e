package dev.anshin.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HpkeParameters;
import dev.anshin.MovableClock;
import dev.anshin.access.Role;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import dev.anshin.privacy.Provisions;
import dev.anshin.privacy.RecipientKind;
import dev.anshin.privacy.Recipients;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What the portal's MockMvc tests share: the context of {@link PortalIntegrationTest} (same properties,
 * so it is cached), customers enrolled in the portal, signing in, recipients with fresh keys.
 */
@SpringBootTest(properties = {
        "anshin.data-dir=./target/portal-test-data",
        "anshin.postgres.database=anshin_test",
        "anshin.access.demo-users=true",
        "anshin.access.demo-password=browser-test-password"})
@AutoConfigureMockMvc
@Import(MovableClock.class)
abstract class PortalTestSupport {

    static final String PASSWORD = "correct horse 42";
    static final Actor SUPPORT = new Actor("portal-test-support", Set.of(Role.CUSTOMER_SERVICE), "test");
    static final Actor OFFICER = new Actor("portal-test-officer", Set.of(Role.PRIVACY_OFFICER), "test");
    /** The second privacy officer who approves a provision the first asked for (four-eyes). */
    static final Actor APPROVER = new Actor("portal-test-approver", Set.of(Role.PRIVACY_OFFICER), "test");

    @Autowired
    MockMvc mvc;

    @Autowired
    PersonalData personalData;

    @Autowired
    Recipients recipients;

    @Autowired
    Provisions provisions;

    @Autowired
    PortalAccounts accounts;

    @Autowired
    MovableClock clock;

    @Autowired
    JdbcClient jdbc;

    final Totp totp = new Totp();

    // ---- fixtures (shared with the requests test) -------------------------------------------------

    record Enrolled(String customerId, String loginId, byte[] secret) {
    }

    String page(MockHttpSession session) throws Exception {
        return mvc.perform(get("/portal/privacy").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    /** The table row carrying the attribute (up to its end). */
    static String row(String html, String attribute, String value) {
        int start = html.indexOf(attribute + "=\"" + value + "\"");
        assertThat(start).as("row " + attribute + "=" + value).isNotNegative();
        return html.substring(start, html.indexOf("</tr>", start));
    }

    /** The element carrying the marker, up to the end of its table. */
    static String section(String html, String marker) {
        int start = html.indexOf(marker);
        assertThat(start).as(marker).isNotNegative();
        return html.substring(start, html.indexOf("</table>", start));
    }

    static String recipientKeyset() throws GeneralSecurityException {
        KeysetHandle key = KeysetHandle.generateNew(HpkeParameters.builder()
                .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
                .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
                .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
                .setVariant(HpkeParameters.Variant.TINK)
                .build());
        return TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(key.getPublicKeysetHandle());
    }

    /** A points programme receiving name, e-mail and customer number. */
    String recipient(String nameJa) throws GeneralSecurityException {
        String id = "portal-" + UUID.randomUUID().toString().substring(0, 8);
        return recipients.register(OFFICER, new Recipients.NewRecipient(id, RecipientKind.POINTS_PROGRAMME,
                nameJa, "Sakura Points (en)", "JP", "ポイントの付与と交換", "Awarding and exchanging points",
                EnumSet.of(PersonalField.NAME_KANJI, PersonalField.EMAIL, PersonalField.CUSTOMER_NUMBER),
                recipientKeyset())).id();
    }

    String newCustomer(String tag) {
        Map<PersonalField, String> values = new EnumMap<>(PersonalField.class);
        values.put(PersonalField.NAME_KANJI, "山田 花子" + tag);
        values.put(PersonalField.NAME_KANA, "ヤマダ ハナコ");
        values.put(PersonalField.DATE_OF_BIRTH, "1985-04-12");
        values.put(PersonalField.EMAIL, "hanako." + uuid().substring(0, 8) + "@example.jp");
        values.put(PersonalField.ANNUAL_INCOME, "5200000");
        return personalData.register(SUPPORT, "P-" + UUID.randomUUID().toString().substring(0, 23), values).customerId();
    }

    Enrolled enrolled(String tag) {
        String customer = newCustomer(tag);
        String loginId = tag + "-" + uuid().substring(0, 8);
        String secret = accounts.enrollForDemo(customer, loginId, PASSWORD);
        return new Enrolled(customer, loginId, Totp.fromBase32(secret));
    }

    MockHttpSession signedIn(Enrolled cardholder) throws Exception {
        // Each sign-in needs a code of a step not used before.
        clock.advance(Duration.ofSeconds(30));
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/portal/login").with(csrf()).session(session).param("loginId", cardholder.loginId())
                        .param("password", PASSWORD))
                .andExpect(redirectedUrl("/portal/login/code"));
        mvc.perform(post("/portal/login/code").with(csrf()).session(session)
                        .param("code", totp.code(cardholder.secret(), Totp.step(clock.instant()))))
                .andExpect(redirectedUrl("/portal/usage"));
        return session;
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }
}
