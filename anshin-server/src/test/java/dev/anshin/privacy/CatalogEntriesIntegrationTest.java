package dev.anshin.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.cards.Card;
import dev.anshin.support.Booking;
import dev.anshin.support.BookingStatus;
import dev.anshin.support.SupportBookings;
import dev.anshin.support.SupportKind;
import dev.anshin.support.SupportTopic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The kinds of personal data kept outside the vault each have a catalog entry (category, purposes, retention,
 * storage) that the catalog API and the data map show, and the person's disclosure gives what those modules
 * hold about them, in both languages and as named values, never a card number.
 */
class CatalogEntriesIntegrationTest extends IntegrationTestSupport {

    /** The entries this change added (the fraud module's and partner intake's arrive with their own changes). */
    static final List<String> ENTRIES = List.of("DISPUTES", "USAGE_NOTIFICATIONS", "SUPPORT_BOOKINGS", "PORTAL_ACCOUNT",
            "CARDS", "IDENTITY_VERIFICATIONS", "CREDIT_SCREENING", "APPLICATIONS", "CONSENTS", "PROVISION_RECORDS",
            "DATA_SUBJECT_REQUESTS", "AUDIT_TRAIL");

    private static final Actor OFFICER = new Actor("catalog-test-officer", Set.of(Role.PRIVACY_OFFICER), "test");

    @Autowired
    PersonalData personalData;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    List<HeldElsewhere> elsewhere;

    @Autowired
    SupportBookings bookings;

    @Test
    void everyEntryIsServedByTheCatalogWithItsOwnPurposesRetentionAndStorage() throws Exception {
        String body = mvc.perform(get("/api/v1/privacy/catalog").header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<String> served = new ArrayList<>();
        for (var entry : json.readTree(body)) {
            served.add(entry.get("name").asText());
            if (ENTRIES.contains(entry.get("name").asText())) {
                assertThat(entry.get("labelJa").asText()).as(entry.toString()).isNotBlank().doesNotContain("catalog.");
                assertThat(entry.get("labelEn").asText()).as(entry.toString()).isNotBlank().doesNotContain("catalog.");
                assertThat(entry.get("retention").asText()).as(entry.toString()).isNotBlank().doesNotContain("{");
                assertThat(entry.get("storage").asText()).as(entry.toString()).isNotBlank();
                assertThat(entry.get("purposes")).as(entry.toString()).isNotEmpty();
                // Nothing here is used for marketing or statistics: the catalog says what the modules do.
                assertThat(entry.get("purposes").toString()).as(entry.toString())
                        .doesNotContain(Purpose.MARKETING.name(), Purpose.STATISTICS.name());
            }
        }
        assertThat(served).containsAll(ENTRIES).doesNotHaveDuplicates();
    }

    @Test
    void theDataMapShowsEveryEntryInBothLanguages() throws Exception {
        for (String language : List.of("ja", "en")) {
            String page = mvc.perform(get("/privacy/data-map").locale(Locale.forLanguageTag(language))
                            .with(user("privacy").roles("PRIVACY_OFFICER")))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            for (String entry : ENTRIES) {
                assertThat(page).as(language).contains("data-field=\"" + entry + "\"");
            }
            for (HeldElsewhere holder : elsewhere) {
                for (HeldElsewhere.Entry entry : holder.catalog()) {
                    assertThat(page).as(language).contains(escaped("ja".equals(language) ? entry.labelJa() : entry.labelEn()));
                }
            }
        }
    }

    @Test
    void aDisclosureGivesThePersonsCardsMaskedAndTheirNotifications() throws Exception {
        String customer = newCustomer();
        String pan = newPan();
        Card card = cards.register(pan, customer);
        String authorizationId = newId("catalog");
        var body = authorization(authorizationId, card.token());
        body.put("timestamp", clock.instant().toString());
        postAuthorization(body).andExpect(status().isOk());
        Instant deadline = Instant.now().plusSeconds(30);
        while (jdbc.sql("SELECT COUNT(*) FROM usage_notifications WHERE authorization_id = ?").param(authorizationId)
                .query(Long.class).single() == 0) {
            assertThat(Instant.now()).as("the notification of the authorization is written").isBefore(deadline);
            Thread.sleep(50);
        }

        Disclosure disclosure = personalData.disclose(OFFICER, customer);

        assertThat(disclosure.elsewhere()).filteredOn(item -> item.entry().equals("CARDS")).singleElement()
                .satisfies(item -> {
                    assertThat(item.values()).containsEntry("card", card.masked()).containsKeys("status", "registeredAt");
                    assertThat(item.textJa()).contains(card.masked());
                    assertThat(item.textEn()).contains(card.masked());
                });
        assertThat(disclosure.elsewhere()).filteredOn(item -> item.entry().equals("USAGE_NOTIFICATIONS")).singleElement()
                .satisfies(item -> {
                    assertThat(item.values()).containsEntry("authorizationId", authorizationId);
                    assertThat(item.textEn()).contains(authorizationId);
                });
        for (HeldElsewhere.Disclosed item : disclosure.elsewhere()) {
            assertThat(item.textJa() + item.textEn() + item.values()).doesNotContain(pan).doesNotContain(card.token());
        }
    }

    @Test
    void aDisclosureGivesTheCustomersBookingWithTheirOwnNoteButNotTheStaffsNote() throws Exception {
        String customer = newCustomer();
        Instant start = bookings.days().stream()
                .flatMap(day -> bookings.slots(SupportKind.CALL_BACK, day).stream())
                .filter(slot -> !slot.full()).findFirst().orElseThrow().start();
        Booking booked = bookings.book(customer, SupportKind.CALL_BACK, start, SupportTopic.PAYMENT,
                "夕方以降にお願いします", UUID.randomUUID().toString(), "test");
        bookings.close("catalog-test-staff", booked.id(), BookingStatus.CANCELLED_BY_ISSUER, "staff-only remark",
                "test");

        Disclosure disclosure = personalData.disclose(OFFICER, customer);

        assertThat(disclosure.elsewhere()).filteredOn(item -> item.entry().equals("SUPPORT_BOOKINGS")).singleElement()
                .satisfies(item -> {
                    assertThat(item.values()).containsEntry("bookingId", booked.id())
                            .containsEntry("note", "夕方以降にお願いします")
                            .containsEntry("status", BookingStatus.CANCELLED_BY_ISSUER.name());
                    assertThat(item.textJa()).contains("夕方以降にお願いします");
                    assertThat(item.textJa() + item.textEn() + item.values()).doesNotContain("staff-only");
                });
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
