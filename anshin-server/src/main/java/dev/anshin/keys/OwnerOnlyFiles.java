package dev.anshin.keys;

import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.CopyOption;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files and folders only their owner can read: the data directory, the database files, the
 * decision log, key files, the TLS key and certificate, the erasure journal, backup archives and what
 * a restore puts back. Made so at creation (0700 folders, 0600 files), never loosened by the process
 * umask, and forced to the disk when written whole. The one way Anshin writes a file that holds
 * secrets or personal data: a new place that does should go through here. On a file system without POSIX permissions (Windows) they are
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
        } catch (FileAlreadyExistsException raced) {
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
     * The content and then the rename are forced to the disk before this returns: a key or a backup
     * that was reported written survives a power loss too.
     */
    public static void write(Path file, byte[] content) throws IOException {
        write(file, new ByteArrayInputStream(content));
    }

    /** {@link #write(Path, byte[])} from a stream (a restored database or key file). */
    public static void write(Path file, InputStream content) throws IOException {
        Path target = file.toAbsolutePath();
        createDirectories(target.getParent());
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try (OutputStream out = create(temporary)) {
            content.transferTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * A new owner-only file open for writing (refused if it exists); closing it forces its content to
     * the disk. Give it its final name with {@link #move}, which makes the name durable too.
     */
    public static OutputStream create(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                attribute(FILE));
        return new FilterOutputStream(Channels.newOutputStream(channel)) {
            private boolean closed;

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            /** Forces the content to the disk, once: a stream wrapped around this one may close it first. */
            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                try (channel) {
                    out.flush();
                    channel.force(true);
                }
            }
        };
    }

    /**
     * Creates an empty owner-only file unless it exists already (made meanwhile by another process
     * too), and forces its directory entry to the disk.
     */
    public static void createFile(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        createDirectories(target.getParent());
        try {
            Files.createFile(target, attribute(FILE));
            forceDirectory(target.getParent());
        } catch (FileAlreadyExistsException createdMeanwhile) {
            // fine: it is there
        }
    }

    /** Renames {@code from} to {@code to} atomically and forces the rename to the disk. */
    public static void move(Path from, Path to, CopyOption... options) throws IOException {
        CopyOption[] atomic = Arrays.copyOf(options, options.length + 1);
        atomic[options.length] = StandardCopyOption.ATOMIC_MOVE;
        Files.move(from, to, atomic);
        forceDirectory(to.toAbsolutePath().getParent());
    }

    /**
     * Forces a directory's entries (a file created, renamed or deleted in it) to the disk. Where the
     * platform cannot open a directory for that (Windows), it is skipped: there the file system
     * journals its metadata itself.
     */
    public static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException notSupported) {
            log.debug("Directory fsync not supported here: {}", notSupported.getMessage());
        }
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
