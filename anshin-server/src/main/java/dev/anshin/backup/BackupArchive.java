package dev.anshin.backup;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A backup archive: one zip file holding the backed-up files and, last, {@value #MANIFEST} with the
 * size and SHA-256 of each. Written as a stream (so a running server can send it over HTTP without a
 * copy on its disk); read back with its checksums checked before anything is restored from it.
 */
public final class BackupArchive {

    public static final String MANIFEST = "manifest.json";

    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private BackupArchive() {
    }

    /** Writes content into an entry's stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes an archive to a stream; {@link #finish} adds the manifest. */
    public static final class Writer implements Closeable {

        private final ZipOutputStream zip;
        private final List<BackupManifest.FileEntry> files = new ArrayList<>();
        private boolean finished;

        public Writer(OutputStream out) {
            this.zip = new ZipOutputStream(new BufferedOutputStream(out, 64 * 1024));
        }

        /** A compressed entry with what {@code content} writes. */
        public void write(String path, Content content) throws IOException {
            zip.putNextEntry(new ZipEntry(path));
            Digesting out = new Digesting(zip);
            content.writeTo(out);
            zip.closeEntry();
            files.add(new BackupManifest.FileEntry(path, out.count, out.hex()));
        }

        /** An entry stored as it is (already compressed, such as H2's own backup zip). */
        public void store(String path, Path file) throws IOException {
            CRC32 crc = new CRC32();
            try (InputStream in = new CheckedInputStream(Files.newInputStream(file), crc)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            ZipEntry entry = new ZipEntry(path);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(Files.size(file));
            entry.setCompressedSize(Files.size(file));
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            Digesting out = new Digesting(zip);
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(out);
            }
            zip.closeEntry();
            files.add(new BackupManifest.FileEntry(path, out.count, out.hex()));
        }

        public List<BackupManifest.FileEntry> files() {
            return List.copyOf(files);
        }

        /** Writes the manifest (with the files written so far) and ends the archive. */
        public void finish(BackupManifest manifest) throws IOException {
            BackupManifest complete = new BackupManifest(manifest.kind(), manifest.format(), manifest.createdAt(),
                    manifest.database(), manifest.decisionLog(), manifest.erasureJournal(), files);
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(JSON.writeValueAsBytes(complete));
            zip.closeEntry();
            zip.finish();
            zip.flush();
            finished = true;
        }

        /** Closes the stream; an archive closed before {@link #finish} has no manifest and is refused on reading. */
        @Override
        public void close() throws IOException {
            if (finished) {
                zip.close();
            } else {
                zip.flush();
            }
        }
    }

    /** Counts and digests what passes, without closing the zip stream under it. */
    private static final class Digesting extends FilterOutputStream {
        private final MessageDigest digest = sha256();
        long count;

        Digesting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
            count += len;
        }

        @Override
        public void close() {
            // the entry is closed by the writer
        }

        String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    /**
     * The manifest of an archive, after reading every file in it and checking each against the
     * manifest's size and SHA-256; refused (naming the first difference) when anything is missing,
     * extra, or changed.
     */
    public static BackupManifest verify(Path archive, String expectedKind) {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            ZipEntry manifestEntry = zip.getEntry(MANIFEST);
            if (manifestEntry == null) {
                throw new BackupRefused(archive + " has no manifest: it is not an Anshin backup, or its writing was "
                        + "cut off. Use another backup.");
            }
            BackupManifest manifest;
            try (InputStream in = zip.getInputStream(manifestEntry)) {
                manifest = JSON.readValue(in, BackupManifest.class);
            }
            if (!expectedKind.equals(manifest.kind())) {
                throw new BackupRefused(archive + " is a " + manifest.kind() + ", not a " + expectedKind + ".");
            }
            if (manifest.format() != BackupManifest.FORMAT) {
                throw new BackupRefused(archive + " is in backup format " + manifest.format() + "; this Anshin reads format "
                        + BackupManifest.FORMAT + ".");
            }
            Map<String, BackupManifest.FileEntry> listed = new LinkedHashMap<>();
            manifest.files().forEach(file -> listed.put(file.path(), file));
            Set<String> present = new HashSet<>();
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (entry.getName().equals(MANIFEST)) {
                    continue;
                }
                BackupManifest.FileEntry expected = listed.get(entry.getName());
                if (expected == null) {
                    throw new BackupRefused(archive + " holds " + entry.getName() + ", which its manifest does not list.");
                }
                present.add(entry.getName());
                MessageDigest digest = sha256();
                long bytes;
                try (InputStream in = new DigestInputStream(zip.getInputStream(entry), digest)) {
                    bytes = in.transferTo(OutputStream.nullOutputStream());
                }
                if (bytes != expected.bytes() || !HexFormat.of().formatHex(digest.digest()).equals(expected.sha256())) {
                    throw new BackupRefused(archive + ": " + entry.getName() + " does not match its checksum in the "
                            + "manifest; the backup is damaged. Use another backup.");
                }
            }
            for (String path : listed.keySet()) {
                if (!present.contains(path)) {
                    throw new BackupRefused(archive + " lacks " + path + ", which its manifest lists.");
                }
            }
            return manifest;
        } catch (IOException | RuntimeException e) {
            if (e instanceof BackupRefused refused) {
                throw refused;
            }
            throw new BackupRefused(archive + " cannot be read as a backup archive (" + e.getMessage() + ").");
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
