package dev.anshin.keys;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files and folders only their owner can read: the data directory, the database files, the
 * decision log, key files and the TLS key. Made so at creation (0700 folders, 0600 files), never
 * loosened by the process umask. On a file system without POSIX permissions (Windows) they are
 * created as usual, with a warning: protect the folder there yourself.
 */
public final class OwnerOnlyFiles {

    private static final Logger log = LoggerFactory.getLogger(OwnerOnlyFiles.class);

    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnlyFiles() {
    }

    /** Creates {@code directory} and any missing parents, each one it creates owner-only. */
    public static Path createDirectories(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            return absolute;
        }
        if (absolute.getParent() != null) {
            createDirectories(absolute.getParent());
        }
        try {
            Files.createDirectory(absolute, attribute(DIRECTORY));
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // made meanwhile by another thread or process: fine if it is a folder
            if (!Files.isDirectory(absolute)) {
                throw raced;
            }
        }
        return absolute;
    }

    /**
     * Writes {@code content} through an owner-only temporary file and an atomic rename, so a crash
     * leaves the old file or the new one, and no reader ever sees a half-written or readable copy.
     */
    public static void write(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath();
        createDirectories(target.getParent());
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, attribute(FILE));
        Files.write(temporary, content);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Opens {@code file} for writing, creating it owner-only when it does not exist. */
    public static FileChannel open(Path file, OpenOption... options) throws IOException {
        return FileChannel.open(file, Set.of(options), attribute(FILE));
    }

    /**
     * Takes every permission from group and others on {@code path} (a folder becomes 0700, a file 0600), for
     * what was made before Anshin created its files owner-only, or by a library that does not ask
     * (the H2 database). Says so when it had to change something. Symbolic links are left alone.
     */
    public static void restrict(Path path) throws IOException {
        if (!POSIX || !Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(path)) {
            return;
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> wanted = EnumSet.copyOf(DIRECTORY);
        wanted.retainAll(now);
        if (!now.equals(wanted)) {
            Files.setPosixFilePermissions(path, wanted);
            log.info("Made {} readable by its owner only (was {})", path, PosixFilePermissions.toString(now));
        }
    }

    private static FileAttribute<?>[] attribute(Set<PosixFilePermission> permissions) {
        if (POSIX) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
        }
        warnNotPosix();
        return new FileAttribute<?>[0];
    }

    private static volatile boolean warned;

    private static void warnNotPosix() {
        if (!warned) {
            warned = true;
            log.warn("This file system has no POSIX permissions: Anshin cannot make its data and key files "
                    + "owner-only; protect the data and keys folders yourself");
        }
    }
}
