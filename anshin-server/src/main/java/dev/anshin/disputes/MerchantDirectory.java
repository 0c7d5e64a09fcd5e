package dev.anshin.disputes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * From a billing descriptor to the brand a cardholder recognizes ("NETFLIX.COM 866-579-7172" is
 * your Netflix subscription). Many "I don't recognize this charge" reports are a known merchant
 * billing under another name; showing the brand, and whether it bills on a schedule, resolves them.
 *
 * <p>The entries come from {@code disputes/merchant-descriptors.tsv} (tab-separated); the longest
 * matching prefix wins, on word boundaries, after normalizing both sides (NFKC, so half-width kana
 * and full-width letters compare equal; upper case; every run of other characters one space).
 */
public final class MerchantDirectory {

    /** What a cardholder pays the brand for. */
    public enum Kind {
        ONLINE_SHOPPING, SUBSCRIPTION, DIGITAL_CONTENT, PAYMENT_SERVICE, FOOD_DELIVERY, TRANSPORT, FUEL,
        CONVENIENCE_STORE, UTILITY
    }

    /** A known brand behind a descriptor. */
    public record Brand(String prefix, String nameJa, String nameEn, Kind kind, boolean recurring) {
    }

    private static final String RESOURCE = "/disputes/merchant-descriptors.tsv";

    private final List<Brand> brands;

    private MerchantDirectory(List<Brand> brands) {
        // Longest prefix first, so "GOOGLE YOUTUBE" wins over "GOOGLE".
        this.brands = brands.stream().sorted(Comparator.comparingInt((Brand b) -> b.prefix().length()).reversed())
                .toList();
    }

    /** The directory shipped with Anshin. */
    public static MerchantDirectory standard() {
        try (InputStream in = MerchantDirectory.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MerchantDirectory parse(BufferedReader reader) throws IOException {
        List<Brand> brands = new ArrayList<>();
        boolean header = true;
        int lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length != 5) {
                throw new IllegalArgumentException("merchant descriptors line " + lineNumber + ": expected 5 cells");
            }
            brands.add(new Brand(normalize(cells[0]), cells[1], cells[2], Kind.valueOf(cells[3]),
                    Boolean.parseBoolean(cells[4])));
        }
        return new MerchantDirectory(brands);
    }

    /** The brand behind a descriptor, if known. */
    public Optional<Brand> lookup(String descriptor) {
        if (descriptor == null) {
            return Optional.empty();
        }
        String normalized = normalize(descriptor);
        return brands.stream()
                .filter(b -> normalized.equals(b.prefix()) || normalized.startsWith(b.prefix() + " "))
                .findFirst();
    }

    /** Upper case, NFKC, every run of characters other than letters and digits one space. */
    static String normalize(String descriptor) {
        String folded = Normalizer.normalize(descriptor, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        return folded.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
