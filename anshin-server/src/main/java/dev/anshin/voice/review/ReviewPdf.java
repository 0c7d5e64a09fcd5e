package dev.anshin.voice.review;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Renders the review's HTML (the same fragment the page shows, in a print layout) to PDF with openhtmltopdf. The
 * Japanese font is Noto Sans JP (SIL Open Font License 1.1), shipped in the jar ({@code fonts/}) because a fresh
 * machine with only Java has no CJK font, and no Maven artifact serves one; it is embedded as a subset, so the PDF
 * reads the same anywhere.
 */
final class ReviewPdf {

    /** The font family the print stylesheet names. */
    static final String FONT_FAMILY = "Noto Sans JP";
    private static final String FONT = "/fonts/NotoSansJP-Regular.ttf";

    private static volatile byte[] font;

    private ReviewPdf() {
    }

    /** The PDF of a well-formed XHTML document. */
    static byte[] render(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useSVGDrawer(new BatikSVGDrawer());
            byte[] bytes = font();
            builder.useFont(() -> new ByteArrayInputStream(bytes), FONT_FAMILY, 400, FontStyle.NORMAL, true);
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] font() throws IOException {
        byte[] bytes = font;
        if (bytes == null) {
            try (InputStream in = ReviewPdf.class.getResourceAsStream(FONT)) {
                if (in == null) {
                    throw new IOException("font missing from the jar: " + FONT);
                }
                bytes = in.readAllBytes();
            }
            font = bytes;
        }
        return bytes;
    }
}
