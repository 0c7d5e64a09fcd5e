package dev.anshin.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Backups and restored files are readable by their owner only: a backup holds the audit trail and
 * every ciphertext, a keys backup the keys themselves. Where the file system has no POSIX
 * permissions, the caller is warned by the CLI's output instead.
 */
public final class OwnerOnly {

    private OwnerOnly() {
    }

    /** Creates the folder (and missing parents) as rwx for the owner only; an existing folder is left as it is. */
    public static void createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectory(directory);
        } catch (FileAlreadyExistsException createdMeanwhile) {
            // fine
        }
    }

    /** A new file, rw for the owner only, open for writing; refuses to replace an existing one. */
    public static OutputStream create(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        return Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Writes a new owner-only file from the stream, forced to the disk. */
    public static void write(Path file, InputStream content) throws IOException {
        try (OutputStream out = create(file)) {
            content.transferTo(out);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}
