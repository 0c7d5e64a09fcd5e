package dev.anshin.privacy;

import dev.anshin.site.Display;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One disclosure, three forms that say the same: the readable page ({@link DisclosureView}), the JSON
 * download ({@link DisclosureDocument}) and the CSV download ({@link DisclosureCsv}). The privacy
 * officer's pages and API (a request's sealed disclosure) and the portal's "my data" (the person's own,
 * produced on the spot) all render through here, so the page and the files never disagree.
 *
 * <p>Sections: the vault's values; then each catalog entry holding items, under the entry's label from
 * {@link HeldElsewhere#catalog} (an entry no catalog names keeps its name: nothing is left out); the
 * purposes in force; the consents; the provision records; last the APPI confirmation records
 * ({@value #CONFIRMATION_RECORDS}) beside them. Consents and provision records newest first; an entry's
 * items newest first when every item names its time (a value under {@code time} or a key ending in
 * {@code At}, ISO-8601), else in the module's order.
 */
@Component
public class DisclosureFormats {

    /** The partner intake's confirmation records (確認記録): shown after the provision records. */
    public static final String CONFIRMATION_RECORDS = "CONFIRMATION_RECORDS";
    /** Rows a section shows before its first chunk. */
    static final int FIRST = 20;
    /** Rows behind each further summary. */
    static final int CHUNK = 100;

    private final ObjectProvider<HeldElsewhere> elsewhere;
    private final FieldValues fieldValues;
    private final MessageSource messages;
    private final JsonMapper json;

    DisclosureFormats(ObjectProvider<HeldElsewhere> elsewhere, FieldValues fieldValues, MessageSource messages,
            JsonMapper json) {
        this.elsewhere = elsewhere;
        this.fieldValues = fieldValues;
        this.messages = messages;
        this.json = json;
    }

    /**
     * The machine-readable document, labels and texts in {@code locale}'s language (Japanese unless English),
     * with the items the disclosure lists: of a long entry, its newest only ({@link #write} gives every one).
     */
    public DisclosureDocument document(Disclosure disclosure, Locale locale) {
        boolean ja = ja(locale);
        Map<String, String> values = new LinkedHashMap<>();
        for (PersonalField field : PersonalField.values()) {
            String value = disclosure.values().get(field);
            if (value != null) {
                values.put(field.name(), value);
            }
        }
        List<DisclosureDocument.PurposeState> purposes = new ArrayList<>();
        for (Purpose purpose : Purpose.values()) {
            Boolean inForce = disclosure.purposesInForce().get(purpose);
            if (inForce != null) {
                purposes.add(new DisclosureDocument.PurposeState(purpose.name(),
                        ja ? purpose.labelJa() : purpose.labelEn(), inForce));
            }
        }
        List<DisclosureDocument.Consent> consents = newestFirst(disclosure.consents(), ConsentEvent::recordedAt).stream()
                .map(c -> new DisclosureDocument.Consent(c.seq(), c.recordedAt(), c.purpose().name(), c.recipient(),
                        c.product(), c.granted(), c.channel().name(), c.noticeVersion()))
                .toList();
        List<DisclosureDocument.ProvisionRecordItem> provisions = newestFirst(disclosure.provisions(),
                ProvisionRecord::providedAt).stream()
                .map(p -> new DisclosureDocument.ProvisionRecordItem(p.provisionId(), p.providedAt(), p.recipientId(),
                        ja ? p.recipientNameJa() : p.recipientNameEn(),
                        p.items().stream().sorted().map(PersonalField::name).toList(), p.consentSeq()))
                .toList();
        List<DisclosureDocument.Held> held = new ArrayList<>();
        for (Group group : groups(disclosure)) {
            held.add(new DisclosureDocument.Held(group.entry(), group.labelJa(), group.labelEn(), group.category(),
                    group.items().stream().map(item -> named(item, ja)).toList()));
        }
        return new DisclosureDocument(disclosure.customerId(), disclosure.producedAt(), ja ? "ja" : "en", values,
                purposes, consents, provisions, held);
    }

    /** The readable page's sections, in {@code locale}'s language. */
    public DisclosureView view(Disclosure disclosure, Locale locale) {
        boolean ja = ja(locale);
        List<DisclosureView.Section> sections = new ArrayList<>();
        List<DisclosureView.Row> values = new ArrayList<>();
        for (PersonalField field : PersonalField.values()) {
            String value = disclosure.values().get(field);
            if (value != null) {
                values.add(new DisclosureView.Row(ja ? field.labelJa() : field.labelEn(),
                        fieldValues.shown(field, value, locale)));
            }
        }
        sections.add(section("values", null, message("disclosure.section.values", locale), values));
        List<Group> groups = groups(disclosure);
        for (Group group : groups) {
            if (!CONFIRMATION_RECORDS.equals(group.entry())) {
                sections.add(held(group, ja));
            }
        }
        List<DisclosureView.Row> purposes = new ArrayList<>();
        for (Purpose purpose : Purpose.values()) {
            Boolean inForce = disclosure.purposesInForce().get(purpose);
            if (inForce != null) {
                purposes.add(new DisclosureView.Row(ja ? purpose.labelJa() : purpose.labelEn(),
                        message(inForce ? "disclosure.purpose.in-use" : "disclosure.purpose.stopped", locale)));
            }
        }
        sections.add(section("purposes", null, message("disclosure.section.purposes", locale), purposes));
        sections.add(section("consents", null, message("disclosure.section.consents", locale),
                newestFirst(disclosure.consents(), ConsentEvent::recordedAt).stream()
                        .map(c -> new DisclosureView.Row(Display.time(c.recordedAt()), consent(c, locale))).toList()));
        sections.add(section("provisions", null, message("disclosure.section.provisions", locale),
                newestFirst(disclosure.provisions(), ProvisionRecord::providedAt).stream()
                        .map(p -> new DisclosureView.Row(Display.time(p.providedAt()), messages.getMessage(
                                "disclosure.provision", new Object[] {ja ? p.recipientNameJa() : p.recipientNameEn(),
                                        Display.list(p.items().stream().sorted()
                                                .map(f -> ja ? f.labelJa() : f.labelEn()).toList(), locale),
                                        p.consentSeq()}, locale)))
                        .toList()));
        for (Group group : groups) {
            if (CONFIRMATION_RECORDS.equals(group.entry())) {
                sections.add(held(group, ja));
            }
        }
        return new DisclosureView(disclosure.customerId(), Display.time(disclosure.producedAt()), sections);
    }

    /** The JSON download's bytes, every item of the long entries included (tests; small disclosures). */
    public byte[] json(Disclosure disclosure, Locale locale) {
        return bytes(disclosure, DisclosureFormat.JSON, locale);
    }

    /** The CSV download's bytes, every item of the long entries included (tests; small disclosures). */
    public byte[] csv(Disclosure disclosure, Locale locale) {
        return bytes(disclosure, DisclosureFormat.CSV, locale);
    }

    private byte[] bytes(Disclosure disclosure, DisclosureFormat format, Locale locale) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(disclosure, format, locale, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not from a byte array
        }
        return out.toByteArray();
    }

    /**
     * The download written to the response as an attachment named {@code name} plus the format's extension,
     * never cached: JSON or CSV (any other format is the caller's mistake). The long entries' items (every
     * transaction) are read from their module while they are written, up to the disclosure's time, so the
     * file holds everything however long the history and the server holds one page of it at a time.
     * Call after the access was checked and audited: an error once writing began can only cut the file, so
     * it is thrown on with the response committed, and the container breaks the connection off (no problem is
     * appended): the client sees a failed download, never a short file that looks whole.
     */
    public void download(Disclosure disclosure, DisclosureFormat format, Locale locale, String name,
            HttpServletResponse response) throws IOException {
        boolean csv = switch (format) {
            case CSV -> true;
            case JSON -> false;
            default -> throw new IllegalArgumentException("a download is JSON or CSV, not " + format);
        };
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        response.setContentType(csv ? "text/csv;charset=UTF-8" : MediaType.APPLICATION_JSON_VALUE);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(name + (csv ? ".csv" : ".json")).build().toString());
        try {
            write(disclosure, format, locale, response.getOutputStream());
        } catch (RuntimeException e) {
            if (!response.isCommitted()) {
                response.reset(); // nothing sent yet: the error is answered as a problem, not as an attachment
            }
            throw e;
        }
    }

    /**
     * Writes the JSON ({@link DisclosureDocument}) or CSV ({@link DisclosureCsv}) download to {@code out}:
     * the document of the disclosure, each long entry's items streamed from its module instead of the few
     * the disclosure lists. Flushed, not closed.
     */
    public void write(Disclosure disclosure, DisclosureFormat format, Locale locale, OutputStream out)
            throws IOException {
        boolean ja = ja(locale);
        DisclosureDocument document = document(disclosure, locale);
        Map<String, DisclosureCsv.LongItems> longItems = new LinkedHashMap<>();
        elsewhere.orderedStream().forEach(holder -> holder.longEntries().forEach(entry ->
                longItems.putIfAbsent(entry.name(), new DisclosureCsv.LongItems(entry.keys(), each ->
                        holder.stream(disclosure.customerId(), entry.name(), disclosure.producedAt(),
                                item -> each.accept(named(item, ja)))))));
        switch (format) {
            case CSV -> DisclosureCsv.write(document, longItems, out);
            case JSON -> writeJson(document, longItems, out);
            default -> throw new IllegalArgumentException("a download is JSON or CSV, not " + format);
        }
    }

    /**
     * As the mapper writes the document, each long entry's items written from its source as read. Closed (so
     * flushed) only when all was written: a failure part-way leaves the JSON unfinished, never with its open
     * arrays and objects closed for it (auto-close-content is off besides), so a cut download cannot read as a
     * complete document; and what the generator still buffers is not flushed, so a response not yet committed
     * can still be reset and answered with a problem.
     */
    private void writeJson(DisclosureDocument document, Map<String, DisclosureCsv.LongItems> longItems,
            OutputStream out) {
        JsonGenerator generator = json.writer().without(StreamWriteFeature.AUTO_CLOSE_CONTENT)
                .createGenerator(new NotClosed(out));
        generator.writeStartObject();
        generator.writePOJOProperty("customerId", document.customerId());
        generator.writePOJOProperty("producedAt", document.producedAt());
        generator.writePOJOProperty("language", document.language());
        generator.writePOJOProperty("values", document.values());
        generator.writePOJOProperty("purposes", document.purposes());
        generator.writePOJOProperty("consents", document.consents());
        generator.writePOJOProperty("provisionRecords", document.provisionRecords());
        generator.writeName("held");
        generator.writeStartArray();
        for (DisclosureDocument.Held held : document.held()) {
            generator.writeStartObject();
            generator.writePOJOProperty("entry", held.entry());
            generator.writePOJOProperty("labelJa", held.labelJa());
            generator.writePOJOProperty("labelEn", held.labelEn());
            generator.writePOJOProperty("category", held.category());
            generator.writeName("items");
            generator.writeStartArray();
            DisclosureCsv.LongItems streamed = longItems.get(held.entry());
            if (streamed == null) {
                held.items().forEach(generator::writePOJO);
            } else {
                streamed.each().applyAsLong(generator::writePOJO);
            }
            generator.writeEndArray();
            generator.writeEndObject();
        }
        generator.writeEndArray();
        generator.writeEndObject();
        generator.close();
    }

    /** The stream a generator writes to, flushed but left open when the generator closes. */
    private static final class NotClosed extends FilterOutputStream {

        NotClosed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** An item as the downloads give it: its named values, then its text in the download's language. */
    private static Map<String, String> named(HeldElsewhere.Disclosed item, boolean ja) {
        Map<String, String> named = new LinkedHashMap<>(item.values());
        named.put("text", ja ? item.textJa() : item.textEn());
        return named;
    }

    /** One catalog entry's items, with the entry's words (or its name, if no catalog names it). */
    private record Group(String entry, String labelJa, String labelEn, String category,
            List<HeldElsewhere.Disclosed> items) {
    }

    /** Items grouped by entry: catalog order first, then entries no catalog names, in the order they came. */
    private List<Group> groups(Disclosure disclosure) {
        Map<String, HeldElsewhere.Entry> catalog = new LinkedHashMap<>();
        elsewhere.orderedStream().flatMap(holder -> holder.catalog().stream())
                .forEach(entry -> catalog.putIfAbsent(entry.name(), entry));
        Map<String, List<HeldElsewhere.Disclosed>> byEntry = new LinkedHashMap<>();
        catalog.keySet().forEach(name -> byEntry.put(name, new ArrayList<>()));
        for (HeldElsewhere.Disclosed item : disclosure.elsewhere()) {
            byEntry.computeIfAbsent(item.entry() == null ? "" : item.entry(), name -> new ArrayList<>()).add(item);
        }
        List<Group> groups = new ArrayList<>();
        byEntry.forEach((name, items) -> {
            if (items.isEmpty()) {
                return;
            }
            HeldElsewhere.Entry entry = catalog.get(name);
            groups.add(new Group(name, entry == null ? name : entry.labelJa(), entry == null ? name : entry.labelEn(),
                    entry == null ? null : entry.category().name(), newestFirstIfTimed(items)));
        });
        return groups;
    }

    private DisclosureView.Section held(Group group, boolean ja) {
        return section("held-" + group.entry(), group.entry(), ja ? group.labelJa() : group.labelEn(),
                group.items().stream().map(item -> new DisclosureView.Row(time(item).map(Display::time).orElse(null),
                        text(item, ja))).toList());
    }

    private static String text(HeldElsewhere.Disclosed item, boolean ja) {
        String text = ja ? item.textJa() : item.textEn();
        if (text != null && !text.isBlank()) {
            return text;
        }
        // No words given: the named values, so that nothing held goes unshown.
        StringBuilder shown = new StringBuilder();
        item.values().forEach((key, value) -> shown.append(shown.isEmpty() ? "" : ", ").append(key).append(": ")
                .append(value));
        return shown.toString();
    }

    private static DisclosureView.Section section(String id, String entry, String title,
            List<DisclosureView.Row> rows) {
        List<DisclosureView.Row> first = rows.subList(0, Math.min(FIRST, rows.size()));
        List<DisclosureView.Chunk> more = new ArrayList<>();
        for (int from = FIRST; from < rows.size(); from += CHUNK) {
            int to = Math.min(from + CHUNK, rows.size());
            more.add(new DisclosureView.Chunk(from + 1, to, List.copyOf(rows.subList(from, to))));
        }
        return new DisclosureView.Section(id, entry, title, rows.size(), List.copyOf(first), more);
    }

    private String consent(ConsentEvent event, Locale locale) {
        boolean ja = ja(locale);
        String purpose = (ja ? event.purpose().labelJa() : event.purpose().labelEn())
                + (event.recipient() == null ? "" : " → " + event.recipient())
                + (event.product() == null ? "" : " [" + event.product() + "]");
        return messages.getMessage("disclosure.consent", new Object[] {purpose,
                message(event.granted() ? "disclosure.consent.granted" : "disclosure.consent.withdrawn", locale),
                messages.getMessage("workbench.channel." + event.channel().name(), null, event.channel().name(), locale),
                event.noticeVersion()}, locale);
    }

    /** Sorted by time, newest first; the given order among equal times (a stable sort). */
    private static <T> List<T> newestFirst(List<T> items, Function<T, Instant> time) {
        return items.stream().sorted(Comparator.comparing(time, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    /** Newest first when every item names its time; otherwise as the module gave them. */
    private static List<HeldElsewhere.Disclosed> newestFirstIfTimed(List<HeldElsewhere.Disclosed> items) {
        if (items.stream().allMatch(item -> time(item).isPresent())) {
            return newestFirst(items, item -> time(item).orElseThrow());
        }
        return List.copyOf(items);
    }

    /** The item's time: its first value under "time" or a key ending in "At" that reads as ISO-8601. */
    static Optional<Instant> time(HeldElsewhere.Disclosed item) {
        for (Map.Entry<String, String> value : item.values().entrySet()) {
            String key = value.getKey();
            if (key.equals("time") || key.endsWith("At")) {
                try {
                    return Optional.of(OffsetDateTime.parse(value.getValue()).toInstant());
                } catch (DateTimeParseException | NullPointerException notATime) {
                    // not a time after all: look further
                }
            }
        }
        return Optional.empty();
    }

    private String message(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private static boolean ja(Locale locale) {
        return !"en".equals(locale.getLanguage());
    }
}
