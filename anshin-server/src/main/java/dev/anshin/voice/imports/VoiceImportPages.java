package dev.anshin.voice.imports;

import dev.anshin.privacy.Actor;
import dev.anshin.problems.RequestProblem;
import dev.anshin.site.Display;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Customer service's import of call-center exports: the upload form with the file format and the imports so far
 * ({@code /voice/imports}), one import with its progress, refreshed while it runs (a meta refresh, so it works
 * without JavaScript; the counts sit in a polite live region), and its first refused rows
 * ({@code /voice/imports/{id}}), and the whole error report as CSV ({@code /voice/imports/{id}/errors.csv}).
 */
@Controller
class VoiceImportPages {

    /** The largest export accepted; the body limit of the upload is this plus the form's few fields. */
    static final String MAX_FILE = "50 MB";
    /** Refused rows listed on the page; the CSV has them all. */
    static final int ERRORS_SHOWN = 100;
    /** Seconds between refreshes of a running import's page. */
    static final int REFRESH_SECONDS = 3;

    /** An import as the pages show it, in the reader's language. */
    record ImportRow(String id, String fileName, String encoding, String status, String statusCode, String rowsRead,
            String accepted, String already, String refused, String startedAt, String finishedAt, String startedBy,
            boolean running) {
    }

    /** A column of the export format as the upload page describes it. */
    record FormatColumn(String japanese, String english, String description) {
    }

    /** A refused row as the page lists it. */
    record ErrorRow(int row, String field, String reason) {
    }

    private final VoiceImports imports;
    private final MessageSource messages;

    VoiceImportPages(VoiceImports imports, MessageSource messages) {
        this.imports = imports;
        this.messages = messages;
    }

    @GetMapping("/voice/imports")
    String list(Model model, Locale locale) {
        model.addAttribute("imports", imports.latest(50).stream().map(i -> row(i, locale)).toList());
        model.addAttribute("encodings", List.of(ImportEncoding.values()));
        model.addAttribute("maxFile", MAX_FILE);
        model.addAttribute("columns", java.util.Arrays.stream(ExportColumn.values()).map(c -> new FormatColumn(
                c.japanese(), c.english(), text("voice.import.column." + c.name(), locale))).toList());
        return "voice/imports";
    }

    @PostMapping("/voice/imports")
    String upload(@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String encoding,
            Locale locale, Authentication auth, HttpServletRequest request, RedirectAttributes redirect)
            throws IOException {
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("error", text("voice.import.refused.EMPTY_FILE", locale));
            return "redirect:/voice/imports";
        }
        try (InputStream content = file.getInputStream()) {
            var started = imports.start(Actor.staff(auth, request), file.getOriginalFilename(), content,
                    ImportEncoding.of(encoding));
            redirect.addFlashAttribute("done", text(started.resumed() ? "voice.import.resumed"
                    : started.created() ? "voice.import.started" : "voice.import.same-file", locale));
            return "redirect:/voice/imports/" + started.voiceImport().id();
        } catch (ImportRefused refused) {
            redirect.addFlashAttribute("error", refusal(refused, locale));
            return "redirect:/voice/imports";
        }
    }

    @GetMapping("/voice/imports/{id}")
    String show(@PathVariable String id, Model model, Locale locale) {
        VoiceImport found = imports.find(id).orElseThrow(() -> RequestProblem.notFound("No such import."));
        model.addAttribute("voiceImport", row(found, locale));
        model.addAttribute("refreshSeconds", REFRESH_SECONDS);
        model.addAttribute("errors", imports.errors(id, ERRORS_SHOWN).stream()
                .map(e -> new ErrorRow(e.row(), fieldLabel(e.field(), locale), reason(e, locale))).toList());
        model.addAttribute("errorsShown", ERRORS_SHOWN);
        model.addAttribute("moreErrors", found.refused() > ERRORS_SHOWN);
        return "voice/import";
    }

    @GetMapping(path = "/voice/imports/{id}/errors.csv", produces = "text/csv")
    ResponseEntity<StreamingResponseBody> errors(@PathVariable String id, Locale locale) {
        VoiceImport found = imports.find(id).orElseThrow(() -> RequestProblem.notFound("No such import."));
        StreamingResponseBody body = out -> {
            try (ImportErrorsCsv csv = new ImportErrorsCsv(out, text("voice.import.csv.description", locale),
                    e -> reason(e, locale))) {
                imports.eachError(found.id(), csv::write);
            }
        };
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"voice-import-" + found.id() + "-errors.csv\"")
                .body(body);
    }

    private ImportRow row(VoiceImport i, Locale locale) {
        return new ImportRow(i.id(), i.fileName(), text("voice.import.encoding." + i.encoding().name(), locale),
                text("voice.import.status." + i.status().name(), locale), i.status().name(),
                Display.count(i.rowsRead()), Display.count(i.accepted()), Display.count(i.already()),
                Display.count(i.refused()), Display.time(i.startedAt()),
                i.finishedAt() == null ? "—" : Display.time(i.finishedAt()), i.startedBy(), i.running());
    }

    private String refusal(ImportRefused refused, Locale locale) {
        String key = "voice.import.refused." + refused.reason().name();
        return switch (refused.reason()) {
            case ENCODING -> text(key + "." + refused.encoding().name(), locale);
            case MISSING_COLUMN, DUPLICATE_COLUMN -> text(key, locale, refused.column().japanese(),
                    refused.column().english());
            case EMPTY_FILE, UNREADABLE, BUSY -> text(key, locale);
        };
    }

    private String fieldLabel(String field, Locale locale) {
        return messages.getMessage("voice.import.field." + field, null, field, locale);
    }

    private String reason(VoiceImport.RowError error, Locale locale) {
        return messages.getMessage("voice.import.reason." + error.reason(), null, error.reason(), locale);
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
