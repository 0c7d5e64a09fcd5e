package dev.anshin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import dev.anshin.portal.Cardholder;
import dev.anshin.portal.PortalAccounts;
import dev.anshin.privacy.Actor;
import dev.anshin.privacy.PersonalData;
import dev.anshin.privacy.PersonalField;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The support window end to end: booking from the portal (free, full, concurrent last place, a form
 * sent twice, one open booking per kind, bad input), cancelling and moving (only one's own), the
 * doors (cardholders on the portal side, customer service on the staff side), staff serving a
 * booking (the phone read through the privacy module and audited, the outcome audited), reminders
 * sent once each as the clock moves.
 */
class SupportWindowIntegrationTest extends IntegrationTestSupport {

    private static final Actor REGISTRAR = new Actor("support-test", Set.of(Role.CUSTOMER_SERVICE), "test");
    private static final String PHONE = "090-1234-5678";

    @Autowired
    PersonalData personalData;

    @Autowired
    PortalAccounts accounts;

    @Autowired
    SupportBookings bookings;

    @Autowired
    SupportReminders reminders;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    dev.anshin.notifications.CardholderNotices notices;

    @Autowired
    dev.anshin.audit.AuditLog auditLog;

    // ---- booking from the portal ------------------------------------------------------------------

    @Test
    void aCardholderBooksAFreeSlotSeesItWithItsVideoLinkAndTheBookingIsAudited() throws Exception {
        Customer hanako = customer();
        Instant start = freeSlot(SupportKind.VIDEO);
        String day = day(start);
        String form = mvc.perform(get("/portal/support").param("kind", "VIDEO").param("day", day).with(hanako.auth()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(form).contains("value=\"" + start + "\"").contains("name=\"requestId\"");

        book(hanako, SupportKind.VIDEO, start, UUID.randomUUID().toString()).andExpect(redirectedUrl("/portal/support?done=booked"));

        String page = mvc.perform(get("/portal/support").with(hanako.auth())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        Booking booking = bookings.of(hanako.id()).get(0);
        assertThat(page).contains("data-booking=\"" + booking.id() + "\"")
                .contains("https://meet.example.jp/anshin-support/" + booking.id());
        assertThat(booking.startsAt()).isEqualTo(start);
        assertThat(auditCount("cardholder:" + hanako.id(), "support.booking.book", booking.id())).isEqualTo(1);
    }

    @Test
    void aFullSlotIsShownFullAndBookingItIsRefusedWithAClearMessage() throws Exception {
        Customer first = customer();
        Customer second = customer();
        Instant start = freeSlot(SupportKind.VIDEO);
        book(first, SupportKind.VIDEO, start, UUID.randomUUID().toString()).andExpect(status().is3xxRedirection());

        String form = mvc.perform(get("/portal/support").param("kind", "VIDEO").param("day", day(start))
                        .with(second.auth()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String slot = form.substring(form.indexOf("value=\"" + start + "\""));
        assertThat(slot.substring(0, slot.indexOf("</label>"))).contains("disabled").contains("満席");

        String refused = book(second, SupportKind.VIDEO, start, UUID.randomUUID().toString())
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("この時間は満席になりました");
        assertThat(bookings.of(second.id())).isEmpty();
    }

    @Test
    void ofTwoConcurrentBookingsOfTheLastPlaceExactlyOneWinsAndTheOtherIsToldTheSlotIsFull() throws Exception {
        Instant start = freeSlot(SupportKind.VIDEO);
        List<Customer> two = List.of(customer(), customer());
        CountDownLatch ready = new CountDownLatch(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Booking>> results = new ArrayList<>();
            for (Customer c : two) {
                Callable<Booking> attempt = () -> {
                    ready.countDown();
                    ready.await();
                    return bookings.book(c.id(), SupportKind.VIDEO, start, SupportTopic.PAYMENT, null,
                            UUID.randomUUID().toString(), "test");
                };
                results.add(pool.submit(attempt));
            }
            int won = 0;
            List<SupportRefused.Reason> refusals = new ArrayList<>();
            for (Future<Booking> result : results) {
                try {
                    result.get();
                    won++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(SupportRefused.class);
                    refusals.add(((SupportRefused) e.getCause()).reason());
                }
            }
            assertThat(won).isEqualTo(1);
            assertThat(refusals).containsExactly(SupportRefused.Reason.SLOT_FULL);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM support_bookings WHERE kind = 'VIDEO' AND starts_at = ? AND status = 'BOOKED'")
                .param(Timestamp.from(start)).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT booked FROM support_slots WHERE kind = 'VIDEO' AND starts_at = ?")
                .param(Timestamp.from(start)).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theSameFormSentTwiceBooksOnce() throws Exception {
        Customer hanako = customer();
        Instant start = freeSlot(SupportKind.CALL_BACK);
        String requestId = UUID.randomUUID().toString();
        book(hanako, SupportKind.CALL_BACK, start, requestId).andExpect(redirectedUrl("/portal/support?done=booked"));
        book(hanako, SupportKind.CALL_BACK, start, requestId).andExpect(redirectedUrl("/portal/support?done=booked"));
        assertThat(bookings.of(hanako.id())).hasSize(1);
        assertThat(jdbc.sql("SELECT booked FROM support_slots WHERE kind = 'CALL_BACK' AND starts_at = ?")
                .param(Timestamp.from(start)).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theSameFormSentTwiceAtOnceBooksOnceAndBothSendsGetThatBooking() throws Exception {
        for (int round = 0; round < 5; round++) {
            Customer hanako = customer();
            Instant start = freeSlot(SupportKind.VIDEO);
            String requestId = UUID.randomUUID().toString();
            CountDownLatch ready = new CountDownLatch(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Booking>> results = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    results.add(pool.submit(() -> {
                        ready.countDown();
                        ready.await();
                        return bookings.book(hanako.id(), SupportKind.VIDEO, start, SupportTopic.PAYMENT, null,
                                requestId, "test");
                    }));
                }
                Booking first = results.get(0).get();
                Booking second = results.get(1).get();
                assertThat(second.id()).isEqualTo(first.id());
                assertThat(first.open()).isTrue();
            } finally {
                pool.shutdownNow();
            }
            assertThat(bookings.of(hanako.id())).hasSize(1);
            assertThat(jdbc.sql("SELECT booked FROM support_slots WHERE kind = 'VIDEO' AND starts_at = ?")
                    .param(Timestamp.from(start)).query(Integer.class).single()).isEqualTo(1);
        }
    }

    @Test
    void aCallBackIsRefusedByTheServerWhenNoPhoneIsHeldEvenIfPostedWithoutTheForm() throws Exception {
        Customer nophone = customer(false);
        Instant start = freeSlot(SupportKind.CALL_BACK);
        String page = book(nophone, SupportKind.CALL_BACK, start, UUID.randomUUID().toString())
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("折り返し電話はご予約いただけません");
        assertThat(bookings.of(nophone.id())).isEmpty();
        assertThat(free(SupportKind.CALL_BACK, start)).isEqualTo(bookings.settings().capacity(SupportKind.CALL_BACK));
        // A video consultation needs no number.
        book(nophone, SupportKind.VIDEO, freeSlot(SupportKind.VIDEO), UUID.randomUUID().toString())
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void aCustomerHasOneOpenBookingPerKind() throws Exception {
        Customer hanako = customer();
        book(hanako, SupportKind.VIDEO, freeSlot(SupportKind.VIDEO), UUID.randomUUID().toString())
                .andExpect(status().is3xxRedirection());
        String refused = book(hanako, SupportKind.VIDEO, freeSlot(SupportKind.VIDEO), UUID.randomUUID().toString())
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("この方法のご予約がすでにあります");
        book(hanako, SupportKind.CALL_BACK, freeSlot(SupportKind.CALL_BACK), UUID.randomUUID().toString())
                .andExpect(status().is3xxRedirection());
        assertThat(bookings.of(hanako.id())).hasSize(2);
    }

    @Test
    void badInputReRendersTheFormWithAMessageAndStoresNothing() throws Exception {
        Customer hanako = customer();
        Instant start = freeSlot(SupportKind.VIDEO);
        String cardInNote = mvc.perform(post("/portal/support/book").with(csrf()).with(hanako.auth())
                        .param("kind", "VIDEO").param("day", day(start)).param("start", start.toString())
                        .param("topic", "OTHER").param("note", "カード 4111 1111 1111 1111 です")
                        .param("requestId", UUID.randomUUID().toString()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(cardInNote).contains("id=\"note-error\"").doesNotContain("4111 1111 1111 1111");
        mvc.perform(post("/portal/support/book").with(csrf()).with(hanako.auth()).param("kind", "VIDEO")
                        .param("start", "tomorrow").param("topic", "OTHER").param("requestId", UUID.randomUUID().toString()))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(post("/portal/support/book").with(csrf()).with(hanako.auth()).param("kind", "TELEPATHY")
                        .param("start", start.toString()).param("topic", "OTHER")
                        .param("requestId", UUID.randomUUID().toString()))
                .andExpect(status().isUnprocessableContent());
        Instant saturday = nextSaturdayAtTen();
        String weekend = mvc.perform(post("/portal/support/book").with(csrf()).with(hanako.auth()).param("kind", "VIDEO")
                        .param("start", saturday.toString()).param("topic", "OTHER")
                        .param("requestId", UUID.randomUUID().toString()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(weekend).contains("この時間はご予約いただけません");
        // Moments with no date in the window's zone, or far out of reach: refused next to the slot, no 500.
        for (String far : List.of("+999999999-12-31T20:00:00Z", "-999999999-01-01T00:00:00Z", "2999-01-05T01:00:00Z")) {
            for (String kind : List.of("VIDEO", "CALL_BACK")) {
                String page = mvc.perform(post("/portal/support/book").with(csrf()).with(hanako.auth())
                                .param("kind", kind).param("start", far).param("topic", "OTHER")
                                .param("requestId", UUID.randomUUID().toString()))
                        .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
                assertThat(page).as(far).contains("この時間はご予約いただけません");
            }
        }
        assertThat(bookings.of(hanako.id())).isEmpty();
    }

    @Test
    void theCallBackFormShowsThePhoneMaskedAndTheTablesHoldNoPhone() throws Exception {
        Customer hanako = customer();
        Instant start = freeSlot(SupportKind.CALL_BACK);
        String form = mvc.perform(get("/portal/support").param("kind", "CALL_BACK").param("day", day(start))
                        .with(hanako.auth()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(form).contains("***-****-5678").doesNotContain(PHONE);
        book(hanako, SupportKind.CALL_BACK, start, UUID.randomUUID().toString()).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM support_bookings WHERE note LIKE '%5678%' OR staff_note LIKE '%5678%'")
                .query(Long.class).single()).isZero();
    }

    // ---- cancel and move ----------------------------------------------------------------------------

    @Test
    void cancellingFreesThePlaceForSomeoneElse() throws Exception {
        Customer first = customer();
        Customer second = customer();
        Instant start = freeSlot(SupportKind.VIDEO);
        book(first, SupportKind.VIDEO, start, UUID.randomUUID().toString()).andExpect(status().is3xxRedirection());
        String id = bookings.of(first.id()).get(0).id();
        mvc.perform(post("/portal/support/bookings/{id}/cancel", id).with(csrf()).with(first.auth()))
                .andExpect(redirectedUrl("/portal/support?done=cancelled"));
        mvc.perform(post("/portal/support/bookings/{id}/cancel", id).with(csrf()).with(first.auth()))
                .andExpect(redirectedUrl("/portal/support?done=cancelled"));
        assertThat(bookings.find(id).orElseThrow().status()).isEqualTo(BookingStatus.CANCELLED);
        book(second, SupportKind.VIDEO, start, UUID.randomUUID().toString()).andExpect(redirectedUrl("/portal/support?done=booked"));
        assertThat(auditCount("cardholder:" + first.id(), "support.booking.cancelled", id)).isEqualTo(1);
    }

    @Test
    void movingTakesThePlaceOfTheNewSlotAndFreesTheOld() throws Exception {
        Customer hanako = customer();
        Instant from = freeSlot(SupportKind.VIDEO);
        book(hanako, SupportKind.VIDEO, from, UUID.randomUUID().toString()).andExpect(status().is3xxRedirection());
        Booking booking = bookings.of(hanako.id()).get(0);
        Instant to = freeSlot(SupportKind.VIDEO);
        String form = mvc.perform(get("/portal/support/bookings/{id}/move", booking.id()).param("day", day(to))
                        .with(hanako.auth()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(form).contains("value=\"" + to + "\"");
        mvc.perform(post("/portal/support/bookings/{id}/move", booking.id()).with(csrf()).with(hanako.auth())
                        .param("start", to.toString()))
                .andExpect(redirectedUrl("/portal/support?done=moved"));
        assertThat(bookings.find(booking.id()).orElseThrow().startsAt()).isEqualTo(to);
        assertThat(free(SupportKind.VIDEO, from)).isEqualTo(1);
        assertThat(free(SupportKind.VIDEO, to)).isZero();
        assertThat(auditCount("cardholder:" + hanako.id(), "support.booking.move", booking.id())).isEqualTo(1);
    }

    @Test
    void aCardholderCannotCancelOrMoveAnotherCustomersBooking() throws Exception {
        Customer owner = customer();
        Customer other = customer();
        book(owner, SupportKind.VIDEO, freeSlot(SupportKind.VIDEO), UUID.randomUUID().toString())
                .andExpect(status().is3xxRedirection());
        String id = bookings.of(owner.id()).get(0).id();
        mvc.perform(post("/portal/support/bookings/{id}/cancel", id).with(csrf()).with(other.auth()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/portal/support/bookings/{id}/move", id).with(other.auth())).andExpect(status().isNotFound());
        mvc.perform(post("/portal/support/bookings/{id}/move", id).with(csrf()).with(other.auth())
                        .param("start", freeSlot(SupportKind.VIDEO).toString()))
                .andExpect(status().isNotFound());
        assertThat(bookings.find(id).orElseThrow().status()).isEqualTo(BookingStatus.BOOKED);
        assertThat(mvc.perform(get("/portal/support").with(other.auth())).andReturn().getResponse()
                .getContentAsString()).doesNotContain(id);
    }

    // ---- the doors ----------------------------------------------------------------------------------

    @Test
    void thePortalSideIsForCardholdersOnly() throws Exception {
        mvc.perform(get("/portal/support")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/portal/support").with(customerService("cs")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/portal/support/book").with(csrf()).with(customerService("cs")))
                .andExpect(status().isForbidden());
    }

    @Test
    void theStaffSideIsForCustomerServiceOnly() throws Exception {
        Customer hanako = customer();
        mvc.perform(get("/support-window").with(customerService("cs"))).andExpect(status().isOk());
        for (Role role : List.of(Role.ANALYST, Role.ADMIN, Role.PRIVACY_OFFICER)) {
            mvc.perform(get("/support-window").with(user("someone").roles(role.name()))).andExpect(status().isForbidden());
        }
        mvc.perform(get("/support-window").with(hanako.auth())).andExpect(status().isForbidden());
        mvc.perform(get("/support-window")).andExpect(status().is3xxRedirection());
        mvc.perform(post("/support-window/bookings/{id}/outcome", UUID.randomUUID()).with(csrf())
                        .with(user("analyst").roles(Role.ANALYST.name())).param("outcome", "SERVED"))
                .andExpect(status().isForbidden());
    }

    // ---- staff serve ------------------------------------------------------------------------------

    @Test
    void staffOpenACallBackSeeThePhoneReadThroughThePrivacyModuleAndRecordItServedAudited() throws Exception {
        Customer hanako = customer();
        String staff = "cs-" + UUID.randomUUID().toString().substring(0, 8);
        // Before its slot begins, a booking cannot be recorded served or a no-show (the place would be lost).
        Instant future = freeSlot(SupportKind.CALL_BACK);
        Customer taro = customer();
        book(taro, SupportKind.CALL_BACK, future, UUID.randomUUID().toString()).andExpect(status().is3xxRedirection());
        String early = bookings.of(taro.id()).get(0).id();
        for (String outcome : List.of("SERVED", "NO_SHOW")) {
            String refused = mvc.perform(post("/support-window/bookings/{id}/outcome", early).with(csrf())
                            .with(customerService(staff)).param("outcome", outcome))
                    .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
            assertThat(refused).contains("id=\"outcome-error\"").contains("まだ予約の時間になっていません");
        }
        assertThat(bookings.find(early).orElseThrow().open()).isTrue();
        assertThat(free(SupportKind.CALL_BACK, future)).isEqualTo(bookings.settings().capacity(SupportKind.CALL_BACK) - 1);

        // A call-back whose slot began ten minutes ago: on the list (today's, or left open from an earlier day).
        String id = insertBooking(hanako, SupportKind.CALL_BACK, clock.instant().minus(Duration.ofMinutes(10)),
                clock.instant().minus(Duration.ofDays(1)));

        String list = page(get("/support-window"), customerService(staff));
        assertThat(list).contains("data-booking=\"" + id + "\"");
        assertThat(list).doesNotContain(PHONE);
        // the list reads the customer's name, never the phone (audited reads of the phone: none yet)
        assertThat(phoneReads(staff, hanako.id())).isZero();

        String page = mvc.perform(get("/support-window/bookings/{id}", id)
                        .with(customerService(staff)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains(PHONE).contains("tel:" + PHONE);
        assertThat(phoneReads(staff, hanako.id())).isEqualTo(1);

        mvc.perform(post("/support-window/bookings/{id}/outcome", id).with(csrf())
                        .with(customerService(staff))
                        .param("outcome", "SERVED").param("note", "明細の見方をご案内"))
                .andExpect(redirectedUrl("/support-window/bookings/" + id + "?closed"));
        Booking served = bookings.find(id).orElseThrow();
        assertThat(served.status()).isEqualTo(BookingStatus.SERVED);
        assertThat(served.staffNote()).isEqualTo("明細の見方をご案内");
        assertThat(jdbc.sql("SELECT staff_note FROM support_bookings WHERE id = ?").param(id).query(String.class)
                .single()).as("the staff note is sealed with the customer's key").isNotBlank()
                .doesNotContain("明細の見方をご案内");
        assertThat(served.closedBy()).isEqualTo(staff);
        assertThat(auditCount(staff, "support.booking.served", id)).isEqualTo(1);

        mvc.perform(post("/support-window/bookings/{id}/outcome", id).with(csrf())
                        .with(customerService(staff)).param("outcome", "SERVED"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/support-window/bookings/{id}/outcome", id).with(csrf())
                        .with(customerService(staff)).param("outcome", "NO_SHOW"))
                .andExpect(status().isConflict());
        assertThat(auditCount(staff, "support.booking.served", id)).isEqualTo(1);
    }

    @Test
    void aBookingLeftOpenOnAnEarlierDayIsListedApartAndCanStillBeClosed() throws Exception {
        Customer hanako = customer();
        String id = insertBooking(hanako, clock.instant().minus(Duration.ofDays(2)), clock.instant().minus(Duration.ofDays(3)));
        String list = page(get("/support-window"), customerService("cs"));
        String earlier = list.substring(list.indexOf("id=\"support-earlier\""));
        assertThat(earlier).contains("data-booking=\"" + id + "\"");
        mvc.perform(post("/support-window/bookings/{id}/outcome", id).with(csrf())
                        .with(customerService("cs")).param("outcome", "NO_SHOW"))
                .andExpect(redirectedUrl("/support-window/bookings/" + id + "?closed"));
        assertThat(bookings.find(id).orElseThrow().status()).isEqualTo(BookingStatus.NO_SHOW);
        String after = page(get("/support-window"), customerService("cs"));
        assertThat(after).doesNotContain("data-booking=\"" + id + "\"");
    }

    @Test
    void staffSeeTheVideoLinkAndCancellingForTheIssuerFreesThePlace() throws Exception {
        Customer hanako = customer();
        Instant start = freeSlot(SupportKind.VIDEO);
        book(hanako, SupportKind.VIDEO, start, UUID.randomUUID().toString()).andExpect(status().is3xxRedirection());
        String id = bookings.of(hanako.id()).get(0).id();
        String page = mvc.perform(get("/support-window/bookings/{id}", id)
                        .with(customerService("cs")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("https://meet.example.jp/anshin-support/" + id).doesNotContain(PHONE);
        String bad = mvc.perform(post("/support-window/bookings/{id}/outcome", id).with(csrf())
                        .with(customerService("cs")).param("outcome", "BOOKED"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(bad).contains("id=\"outcome-error\"");
        mvc.perform(post("/support-window/bookings/{id}/outcome", id).with(csrf())
                        .with(customerService("cs")).param("outcome", "CANCELLED_BY_ISSUER")
                        .param("note", "担当者不在のため"))
                .andExpect(status().is3xxRedirection());
        assertThat(free(SupportKind.VIDEO, start)).isEqualTo(1);
        assertThat(auditCount("cs", "support.booking.cancelled-by-issuer", id)).isEqualTo(1);
        mvc.perform(get("/support-window/bookings/{id}", UUID.randomUUID())
                        .with(customerService("cs")))
                .andExpect(status().isNotFound());
    }

    @Test
    void aStaffNoteThatIsNotTextIsRefusedNextToTheFieldAndNotShownAgain() throws Exception {
        Customer hanako = customer();
        book(hanako, SupportKind.VIDEO, freeSlot(SupportKind.VIDEO), UUID.randomUUID().toString())
                .andExpect(status().is3xxRedirection());
        String id = bookings.of(hanako.id()).get(0).id();
        String refused = mvc.perform(post("/support-window/bookings/{id}/outcome", id).with(csrf())
                        .with(customerService("cs")).param("outcome", "SERVED")
                        .param("note", "4111111111111111"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"note-error\"").doesNotContain("4111111111111111");
        assertThat(bookings.find(id).orElseThrow().status()).isEqualTo(BookingStatus.BOOKED);
    }

    @Test
    void anErasedCustomersBookingsGoWithTheirDataAndTheirPlacesAreFreed() throws Exception {
        Customer hanako = customer();
        Instant start = freeSlot(SupportKind.VIDEO);
        book(hanako, SupportKind.VIDEO, start, UUID.randomUUID().toString()).andExpect(status().is3xxRedirection());
        assertThat(free(SupportKind.VIDEO, start)).isZero();
        personalData.erase(new Actor("support-test-officer", Set.of(Role.PRIVACY_OFFICER), "test"), hanako.id(),
                dev.anshin.privacy.ErasureReason.PERSON_REQUESTED, null);
        assertThat(bookings.of(hanako.id())).isEmpty();
        assertThat(free(SupportKind.VIDEO, start)).isEqualTo(1);
    }

    // ---- reminders --------------------------------------------------------------------------------

    @Test
    void eachReminderIsSentOnceAsTheClockMovesAndABookingMadeWithinTheDayGetsOnlyTheLastOne() {
        Customer early = customer();
        Customer late = customer();
        Instant now = clock.instant();
        // Fixtures straight in the table: slots 40 minutes ahead whatever the time of day the test runs.
        String planned = insertBooking(early, now.plus(Duration.ofMinutes(40)), now.minus(Duration.ofDays(3)));
        String lastMinute = insertBooking(late, now.plus(Duration.ofMinutes(40)), now.minus(Duration.ofMinutes(5)));

        reminders.sendDue();
        reminders.sendDue();
        assertThat(reminderCount(planned, "DAY_BEFORE")).isEqualTo(1);
        assertThat(reminderCount(lastMinute, "DAY_BEFORE")).isZero();
        assertThat(reminderCount(planned, "SHORTLY")).isZero();

        clock.advance(Duration.ofMinutes(30));
        reminders.sendDue();
        reminders.sendDue();
        clock.advance(Duration.ofMinutes(5));
        reminders.sendDue();
        for (String id : List.of(planned, lastMinute)) {
            assertThat(reminderCount(id, "SHORTLY")).as(id).isEqualTo(1);
        }
        assertThat(reminderCount(planned, "DAY_BEFORE")).isEqualTo(1);
        assertThat(reminderCount(lastMinute, "DAY_BEFORE")).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM support_bookings WHERE id IN (?, ?) AND shortly_sent_at IS NOT NULL")
                .params(planned, lastMinute).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aReminderThatFailsForAnyReasonIsGivenBackAndSentAtTheNextLook() {
        Customer hanako = customer();
        Instant now = clock.instant();
        String soon = insertBooking(hanako, now.plus(Duration.ofMinutes(5)), now.minus(Duration.ofMinutes(5)));
        // A sender whose texts cannot be made (any exception, not the channel's NotSent), at its own moment.
        Instant failingNow = now.plusMillis(7);
        org.springframework.context.MessageSource broken = new org.springframework.context.MessageSource() {
            @Override
            public String getMessage(String code, Object[] args, String fallback, java.util.Locale locale) {
                throw new IllegalStateException("broken");
            }

            @Override
            public String getMessage(String code, Object[] args, java.util.Locale locale) {
                throw new IllegalStateException("broken");
            }

            @Override
            public String getMessage(org.springframework.context.MessageSourceResolvable resolvable,
                    java.util.Locale locale) {
                throw new IllegalStateException("broken");
            }
        };
        SupportReminders failing = new SupportReminders(jdbc, notices, auditLog, broken, bookings.settings(),
                java.time.Clock.fixed(failingNow, java.time.ZoneOffset.UTC));
        try {
            assertThatThrownBy(failing::sendDue).isInstanceOf(IllegalStateException.class);
        } finally {
            failing.destroy();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM support_bookings WHERE day_before_sent_at = ? OR shortly_sent_at = ?")
                .params(Timestamp.from(failingNow), Timestamp.from(failingNow)).query(Long.class).single())
                .as("no claim of the failed look is left").isZero();

        reminders.sendDue();
        assertThat(reminderCount(soon, "SHORTLY")).isEqualTo(1);
    }

    // ---- fixtures ---------------------------------------------------------------------------------

    record Customer(String id, String accountId) {
        RequestPostProcessor auth() {
            return authentication(new UsernamePasswordAuthenticationToken(new Cardholder(accountId, id), null,
                    List.of(new SimpleGrantedAuthority(Role.CARDHOLDER.authority()))));
        }
    }

    private static RequestPostProcessor customerService(String name) {
        return user(name).roles(Role.CUSTOMER_SERVICE.name());
    }

    private Customer customer() {
        return customer(true);
    }

    private Customer customer(boolean withPhone) {
        Map<PersonalField, String> values = new EnumMap<>(PersonalField.class);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        values.put(PersonalField.NAME_KANJI, "山田 花子");
        values.put(PersonalField.NAME_KANA, "ヤマダ ハナコ");
        values.put(PersonalField.EMAIL, "hanako." + tag + "@example.jp");
        if (withPhone) {
            values.put(PersonalField.PHONE, PHONE);
        }
        String customerId = personalData.register(REGISTRAR, "S-" + tag, values).customerId();
        accounts.enrollForDemo(customerId, "support-" + tag, "correct horse 42 " + tag);
        String accountId = jdbc.sql("SELECT id FROM portal_accounts WHERE customer_id = ?").param(customerId)
                .query(String.class).single();
        return new Customer(customerId, accountId);
    }

    private org.springframework.test.web.servlet.ResultActions book(Customer c, SupportKind kind, Instant start,
            String requestId) throws Exception {
        return mvc.perform(post("/portal/support/book").with(csrf()).with(c.auth()).param("kind", kind.name())
                .param("day", day(start)).param("start", start.toString()).param("topic", "CARD_USAGE")
                .param("requestId", requestId));
    }

    /** A slot of the kind with every place free, picked at random among the bookable ones. */
    private Instant freeSlot(SupportKind kind) {
        List<LocalDate> days = bookings.days();
        for (int tries = 0; tries < 200; tries++) {
            LocalDate day = days.get(ThreadLocalRandom.current().nextInt(days.size()));
            List<SupportBookings.Slot> slots = bookings.slots(kind, day).stream()
                    .filter(s -> s.free() == bookings.settings().capacity(kind)).toList();
            if (!slots.isEmpty() && slots.get(0).start().isAfter(clock.instant().plus(Duration.ofMinutes(5)))) {
                return slots.get(ThreadLocalRandom.current().nextInt(slots.size())).start();
            }
        }
        throw new AssertionError("no free slot");
    }

    private int free(SupportKind kind, Instant start) {
        return bookings.slots(kind, bookings.calendar().day(start)).stream().filter(s -> s.start().equals(start))
                .findFirst().orElseThrow().free();
    }

    private String day(Instant start) {
        return bookings.calendar().day(start).toString();
    }

    private Instant nextSaturdayAtTen() {
        LocalDate day = bookings.calendar().day(clock.instant()).plusDays(1);
        while (day.getDayOfWeek() != java.time.DayOfWeek.SATURDAY) {
            day = day.plusDays(1);
        }
        return day.atTime(10, 0).atZone(bookings.settings().zone()).toInstant();
    }

    private String insertBooking(Customer c, Instant start, Instant bookedAt) {
        return insertBooking(c, SupportKind.VIDEO, start, bookedAt);
    }

    private String insertBooking(Customer c, SupportKind kind, Instant start, Instant bookedAt) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO support_bookings (id, customer_id, kind, starts_at, topic, status, request_id, booked_at, "
                        + "open_kind) VALUES (?, ?, ?, ?, 'OTHER', 'BOOKED', ?, ?, ?)")
                .params(id, c.id(), kind.name(), Timestamp.from(start), UUID.randomUUID().toString(),
                        Timestamp.from(bookedAt), kind.name())
                .update();
        return id;
    }

    private long reminderCount(String bookingId, String reminder) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'support.reminder.sent' AND resource = ? AND detail = ?")
                .params("support-booking/" + bookingId, reminder).query(Long.class).single();
    }

    private long auditCount(String actor, String action, String resourceId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND action = ? AND resource LIKE ?")
                .params(actor, action, "%" + resourceId).query(Long.class).single();
    }

    /** The staff member's audited reads of the customer's phone for operating the service. */
    private long phoneReads(String staff, String customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND action = 'personal-data.read' "
                        + "AND resource = ? AND purpose = 'SERVICE_OPERATION' AND outcome = 'SUCCESS' AND detail LIKE ?")
                .params(staff, "customer/" + customerId, "%PHONE%").query(Long.class).single();
    }

    @Test
    void theStaffListNamesTheCustomerReadForOperatingTheServiceAndLinksToTheirPage() throws Exception {
        Customer hanako = customer();
        String staff = "cs-" + UUID.randomUUID().toString().substring(0, 8);
        String id = insertBooking(hanako, SupportKind.CALL_BACK, clock.instant().plus(Duration.ofHours(1)),
                clock.instant().minus(Duration.ofDays(1)));
        String list = mvc.perform(get("/support-window").with(user(staff).roles(Role.CUSTOMER_SERVICE.name())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        int at = list.indexOf("data-booking=\"" + id + "\"");
        assertThat(at).isNotNegative();
        String row = list.substring(at, list.indexOf("</tr>", at));
        assertThat(row).contains("href=\"/service/customers/" + hanako.id() + "\"").contains("山田 花子")
                .doesNotContain(">" + hanako.id().substring(0, 8) + "<");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND action = 'personal-data.read' "
                        + "AND resource = ? AND purpose = 'SERVICE_OPERATION' AND detail = 'fields=NAME_KANJI'")
                .params(staff, "customer/" + hanako.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anOutcomeRefusedBeforeTheSlotStartsStaysChosenWithItsNote() throws Exception {
        Customer taro = customer();
        String id = insertBooking(taro, SupportKind.CALL_BACK, clock.instant().plus(Duration.ofHours(2)),
                clock.instant().minus(Duration.ofDays(1)));
        String refused = mvc.perform(post("/support-window/bookings/{id}/outcome", id).with(csrf())
                        .with(user("cs").roles(Role.CUSTOMER_SERVICE.name())).param("outcome", "NO_SHOW")
                        .param("note", "お電話がつながらず"))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(refused).containsPattern("value=\"NO_SHOW\"[^>]*checked").doesNotContainPattern("value=\"SERVED\"[^>]*checked")
                .contains("お電話がつながらず");
    }
}
