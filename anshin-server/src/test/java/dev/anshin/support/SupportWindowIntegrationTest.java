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
        mvc.perform(get("/portal/support").with(user("cs").roles(Role.CUSTOMER_SERVICE.name())))
                .andExpect(status().isForbidden());
        mvc.perform(post("/portal/support/book").with(csrf()).with(user("cs").roles(Role.CUSTOMER_SERVICE.name())))
                .andExpect(status().isForbidden());
    }

    @Test
    void theStaffSideIsForCustomerServiceOnly() throws Exception {
        Customer hanako = customer();
        mvc.perform(get("/support-window").with(user("cs").roles(Role.CUSTOMER_SERVICE.name()))).andExpect(status().isOk());
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
        Instant start = freeSlot(SupportKind.CALL_BACK);
        book(hanako, SupportKind.CALL_BACK, start, UUID.randomUUID().toString()).andExpect(status().is3xxRedirection());
        String id = bookings.of(hanako.id()).get(0).id();
        String staff = "cs-" + UUID.randomUUID().toString().substring(0, 8);

        String list = mvc.perform(get("/support-window").with(user(staff).roles(Role.CUSTOMER_SERVICE.name())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        if (bookings.calendar().day(clock.instant()).plusDays(7).isAfter(bookings.calendar().day(start))) {
            assertThat(list).contains("data-booking=\"" + id + "\"");
        }
        assertThat(list).doesNotContain(PHONE);
        assertThat(auditCount(staff, "personal-data.read", hanako.id())).isZero();

        String page = mvc.perform(get("/support-window/bookings/{id}", id)
                        .with(user(staff).roles(Role.CUSTOMER_SERVICE.name())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains(PHONE).contains("tel:" + PHONE);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND action = 'personal-data.read' "
                        + "AND resource = ? AND purpose = 'SERVICE_OPERATION' AND outcome = 'SUCCESS'")
                .params(staff, "customer/" + hanako.id()).query(Long.class).single()).isEqualTo(1);

        mvc.perform(post("/support-window/bookings/{id}/outcome", id).with(csrf())
                        .with(user(staff).roles(Role.CUSTOMER_SERVICE.name()))
                        .param("outcome", "SERVED").param("note", "明細の見方をご案内"))
                .andExpect(redirectedUrl("/support-window/bookings/" + id + "?closed"));
        Booking served = bookings.find(id).orElseThrow();
        assertThat(served.status()).isEqualTo(BookingStatus.SERVED);
        assertThat(served.staffNote()).isEqualTo("明細の見方をご案内");
        assertThat(served.closedBy()).isEqualTo(staff);
        assertThat(auditCount(staff, "support.booking.served", id)).isEqualTo(1);

        mvc.perform(post("/support-window/bookings/{id}/outcome", id).with(csrf())
                        .with(user(staff).roles(Role.CUSTOMER_SERVICE.name())).param("outcome", "SERVED"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/support-window/bookings/{id}/outcome", id).with(csrf())
                        .with(user(staff).roles(Role.CUSTOMER_SERVICE.name())).param("outcome", "NO_SHOW"))
                .andExpect(status().isConflict());
        assertThat(auditCount(staff, "support.booking.served", id)).isEqualTo(1);
    }

    @Test
    void staffSeeTheVideoLinkAndCancellingForTheIssuerFreesThePlace() throws Exception {
        Customer hanako = customer();
        Instant start = freeSlot(SupportKind.VIDEO);
        book(hanako, SupportKind.VIDEO, start, UUID.randomUUID().toString()).andExpect(status().is3xxRedirection());
        String id = bookings.of(hanako.id()).get(0).id();
        String page = mvc.perform(get("/support-window/bookings/{id}", id)
                        .with(user("cs").roles(Role.CUSTOMER_SERVICE.name())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("https://meet.example.jp/anshin-support/" + id).doesNotContain(PHONE);
        String bad = mvc.perform(post("/support-window/bookings/{id}/outcome", id).with(csrf())
                        .with(user("cs").roles(Role.CUSTOMER_SERVICE.name())).param("outcome", "BOOKED"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(bad).contains("id=\"outcome-error\"");
        mvc.perform(post("/support-window/bookings/{id}/outcome", id).with(csrf())
                        .with(user("cs").roles(Role.CUSTOMER_SERVICE.name())).param("outcome", "CANCELLED_BY_ISSUER")
                        .param("note", "担当者不在のため"))
                .andExpect(status().is3xxRedirection());
        assertThat(free(SupportKind.VIDEO, start)).isEqualTo(1);
        assertThat(auditCount("cs", "support.booking.cancelled-by-issuer", id)).isEqualTo(1);
        mvc.perform(get("/support-window/bookings/{id}", UUID.randomUUID())
                        .with(user("cs").roles(Role.CUSTOMER_SERVICE.name())))
                .andExpect(status().isNotFound());
    }

    @Test
    void aStaffNoteThatIsNotTextIsRefusedNextToTheFieldAndNotShownAgain() throws Exception {
        Customer hanako = customer();
        book(hanako, SupportKind.VIDEO, freeSlot(SupportKind.VIDEO), UUID.randomUUID().toString())
                .andExpect(status().is3xxRedirection());
        String id = bookings.of(hanako.id()).get(0).id();
        String refused = mvc.perform(post("/support-window/bookings/{id}/outcome", id).with(csrf())
                        .with(user("cs").roles(Role.CUSTOMER_SERVICE.name())).param("outcome", "SERVED")
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

    // ---- fixtures ---------------------------------------------------------------------------------

    record Customer(String id, String accountId) {
        RequestPostProcessor auth() {
            return authentication(new UsernamePasswordAuthenticationToken(new Cardholder(accountId, id), null,
                    List.of(new SimpleGrantedAuthority(Role.CARDHOLDER.authority()))));
        }
    }

    private Customer customer() {
        Map<PersonalField, String> values = new EnumMap<>(PersonalField.class);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        values.put(PersonalField.NAME_KANJI, "山田 花子");
        values.put(PersonalField.NAME_KANA, "ヤマダ ハナコ");
        values.put(PersonalField.EMAIL, "hanako." + tag + "@example.jp");
        values.put(PersonalField.PHONE, PHONE);
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
        String id = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO support_bookings (id, customer_id, kind, starts_at, topic, status, request_id, booked_at, "
                        + "open_kind) VALUES (?, ?, 'VIDEO', ?, 'OTHER', 'BOOKED', ?, ?, 'VIDEO')")
                .params(id, c.id(), Timestamp.from(start), UUID.randomUUID().toString(), Timestamp.from(bookedAt))
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
}
