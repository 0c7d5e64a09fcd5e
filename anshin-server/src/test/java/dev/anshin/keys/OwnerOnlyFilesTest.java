package dev.anshin.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folders 0700 and files 0600, whatever the process umask; files written whole through a temporary
 * file, never over an existing one when new; what was made looser before is tightened.
 */
class OwnerOnlyFilesTest {

    @TempDir
    Path root;

    @Test
    void createsEveryMissingFolderOwnerOnly() throws Exception {
        Path nested = root.resolve("data/decision-log");

        OwnerOnlyFiles.createDirectories(nested);

        assertThat(Files.getPosixFilePermissions(root.resolve("data"))).isEqualTo(OwnerOnlyFiles.DIRECTORY);
        assertThat(Files.getPosixFilePermissions(nested)).isEqualTo(OwnerOnlyFiles.DIRECTORY);
    }

    @Test
    void writesAndOpensFilesOwnerOnly() throws Exception {
        Path written = root.resolve("keys/tls-private-key.pem");
        OwnerOnlyFiles.write(written, "secret".getBytes(StandardCharsets.UTF_8));
        Path opened = root.resolve("segment.log");
        try (FileChannel channel = OwnerOnlyFiles.open(opened, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
        }

        assertThat(Files.readString(written)).isEqualTo("secret");
        assertThat(Files.getPosixFilePermissions(written)).isEqualTo(OwnerOnlyFiles.FILE);
        assertThat(Files.getPosixFilePermissions(opened)).isEqualTo(OwnerOnlyFiles.FILE);
        assertThat(Files.exists(root.resolve("keys/tls-private-key.pem.tmp"))).isFalse();
    }

    @Test
    void writesAStreamOwnerOnlyThroughATemporaryFileThatReplacesTheOldContentWhole() throws Exception {
        Path restored = root.resolve("restored/anshin.mv.db");
        OwnerOnlyFiles.write(restored, new ByteArrayInputStream("old".getBytes(StandardCharsets.UTF_8)));

        OwnerOnlyFiles.write(restored, new ByteArrayInputStream("new content".getBytes(StandardCharsets.UTF_8)));

        assertThat(Files.readString(restored)).isEqualTo("new content");
        assertThat(Files.getPosixFilePermissions(restored)).isEqualTo(OwnerOnlyFiles.FILE);
        assertThat(Files.getPosixFilePermissions(restored.getParent())).isEqualTo(OwnerOnlyFiles.DIRECTORY);
        try (Stream<Path> files = Files.list(restored.getParent())) {
            assertThat(files).containsExactly(restored);
        }
    }

    @Test
    void aNewFileIsCreatedOwnerOnlyNeverOverAnExistingOneAndTakesItsNameByAMove() throws Exception {
        Path partial = root.resolve("anshin-backup.zip.partial");
        try (OutputStream out = OwnerOnlyFiles.create(partial)) {
            out.write("archive".getBytes(StandardCharsets.UTF_8));
            out.close(); // as a zip stream wrapped around it does: closing twice is fine
        }
        assertThatThrownBy(() -> OwnerOnlyFiles.create(partial)).isInstanceOf(FileAlreadyExistsException.class);

        Path archive = root.resolve("anshin-backup.zip");
        OwnerOnlyFiles.move(partial, archive);

        assertThat(partial).doesNotExist();
        assertThat(Files.readString(archive)).isEqualTo("archive");
        assertThat(Files.getPosixFilePermissions(archive)).isEqualTo(OwnerOnlyFiles.FILE);
    }

    @Test
    void anEmptyFileIsCreatedOwnerOnlyOnceAndLeftAsItIsAfterwards() throws Exception {
        Path journal = root.resolve("keys/erasure-journal.log");
        OwnerOnlyFiles.createFile(journal);
        Files.writeString(journal, "an entry\n");

        OwnerOnlyFiles.createFile(journal);

        assertThat(Files.readString(journal)).isEqualTo("an entry\n");
        assertThat(Files.getPosixFilePermissions(journal)).isEqualTo(OwnerOnlyFiles.FILE);
    }

    @Test
    void takesGroupAndOthersPermissionsFromWhatWasMadeBefore() throws Exception {
        Path folder = Files.createDirectory(root.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path database = Files.createFile(folder.resolve("anshin.mv.db"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));

        OwnerOnlyFiles.restrict(folder);
        OwnerOnlyFiles.restrict(database);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(database))).isEqualTo("rw-------");
    }
}
