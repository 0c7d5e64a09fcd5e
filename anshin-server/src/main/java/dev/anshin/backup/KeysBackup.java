package dev.anshin.backup;

import dev.anshin.keys.OwnerOnlyFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The key files, backed up apart from the database (ADR 0009): card tokens, PAN vault, master and
 * blind-index keys, audit seal, portal keys, the erasure journal and its key — everything in the
 * keys folder but a database sharing it. Without them stored card numbers and personal data cannot
 * be read, tokens cannot be computed again for the same cards, and the audit chain cannot be
 * verified: a database backup is worthless without its keys, and a danger next to them.
 */
public final class KeysBackup {

    /** Files of a database or a decision log that share the keys folder (it is the data folder by default). */
    private static final Pattern NOT_KEYS = Pattern.compile(".*\\.(mv|trace|lock)\\.db|.*\\.tmp|.*\\.partial");

    /** The warning every keys backup and restore prints. */
    public static final String WARNING = """
            !!! These are the keys to the data. Without them, stored card numbers and personal data cannot be
            !!! read, card tokens cannot be computed again, and the audit log cannot be verified: losing them
            !!! loses the data, in every database backup too. Keep this archive on other media than the
            !!! database backups, held by other people (see docs/operations.md), readable by nobody else.""";

    /** What a keys backup wrote. */
    public record Outcome(Path archive, List<String> files, List<String> keysInEnvironment) {
    }

    private KeysBackup() {
    }

    /**
     * Writes every key file of {@code keysDirectory} into a new owner-only archive in {@code destination}.
     *
     * @param environment the process environment: keys given there live in a secret store, not in files
     */
    public static Outcome write(Path keysDirectory, Path destination, Map<String, String> environment, Instant at) {
        if (keysDirectory.toAbsolutePath().normalize().equals(destination.toAbsolutePath().normalize())) {
            throw new BackupRefused("refusing to write the keys backup into the keys folder itself: store it elsewhere.");
        }
        List<Path> keyFiles = keyFiles(keysDirectory);
        List<String> inEnvironment = environment.keySet().stream()
                .filter(name -> name.startsWith("ANSHIN_") && name.endsWith("_KEYSET"))
                .filter(name -> !environment.get(name).isBlank())
                .sorted().toList();
        if (keyFiles.isEmpty()) {
            throw new BackupRefused("no key files in " + keysDirectory + " (is it the server's anshin.keys-dir?)");
        }
        List<String> names = keyFiles.stream().map(file -> file.getFileName().toString()).toList();
        Path archive = BackupFiles.save(destination, BackupManifest.KEYS, at, out -> {
            BackupArchive.Writer writer = new BackupArchive.Writer(out);
            for (Path file : keyFiles) {
                writer.write("keys/" + file.getFileName(), to -> {
                    try (InputStream in = Files.newInputStream(file)) {
                        in.transferTo(to);
                    }
                });
            }
            writer.finish(new BackupManifest(BackupManifest.KEYS, BackupManifest.FORMAT, at, null, null, null, List.of()));
            writer.close();
        });
        return new Outcome(archive, names, inEnvironment);
    }

    /**
     * Puts the key files of a keys backup into {@code keysDirectory} (owner-only). A file that exists
     * with other content is a different key: replacing it makes what it protects unreadable, so it is
     * refused unless {@code force}.
     *
     * @return the files written (those already there with the same content are left as they are)
     */
    public static List<String> restore(Path archive, Path keysDirectory, boolean force) {
        BackupManifest manifest = BackupArchive.verify(archive, BackupManifest.KEYS);
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            List<String> conflicts = new ArrayList<>();
            for (BackupManifest.FileEntry file : manifest.files()) {
                Path target = keysDirectory.resolve(fileName(file));
                if (Files.exists(target) && !sha256(target).equals(file.sha256())) {
                    conflicts.add(target.getFileName().toString());
                }
            }
            if (!conflicts.isEmpty() && !force) {
                throw new BackupRefused("the keys folder " + keysDirectory + " holds other keys under the same names "
                        + conflicts + ". Replacing a key makes what it protects unreadable; if these are the wrong "
                        + "keys, move them aside first (or give --force).");
            }
            OwnerOnlyFiles.createDirectories(keysDirectory);
            List<String> written = new ArrayList<>();
            for (BackupManifest.FileEntry file : manifest.files()) {
                Path target = keysDirectory.resolve(fileName(file));
                if (Files.exists(target) && sha256(target).equals(file.sha256())) {
                    continue;
                }
                Files.deleteIfExists(target);
                ZipEntry entry = zip.getEntry(file.path());
                try (InputStream in = zip.getInputStream(entry)) {
                    OwnerOnlyFiles.write(target, in);
                }
                written.add(target.getFileName().toString());
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the keys from " + archive, e);
        }
    }

    /** The key files: every regular file of the folder but a database's or a half-written one. */
    static List<Path> keyFiles(Path keysDirectory) {
        if (!Files.isDirectory(keysDirectory)) {
            throw new BackupRefused("the keys folder " + keysDirectory + " does not exist");
        }
        try (Stream<Path> files = Files.list(keysDirectory)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !NOT_KEYS.matcher(file.getFileName().toString()).matches())
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fileName(BackupManifest.FileEntry file) {
        String name = file.path().substring(file.path().lastIndexOf('/') + 1);
        if (!file.path().equals("keys/" + name) || name.isEmpty() || name.startsWith(".")) {
            throw new BackupRefused("the keys backup names an unexpected file " + file.path());
        }
        return name;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = BackupArchive.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
