package org.backtriage.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFileTest {
    @TempDir
    Path dir;

    @Test
    void theMissingFoldersAndAnEmptyFileAreCreatedForTheOwnerOnly() throws Exception {
        Path file = dir.resolve("a").resolve("b").resolve("sessions.db");

        OwnerOnlyFile.create(file);

        assertThat(permissions(dir.resolve("a"))).isEqualTo("rwx------");
        assertThat(permissions(dir.resolve("a/b"))).isEqualTo("rwx------");
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(Files.size(file)).isZero();
    }

    @Test
    void aFolderThatExistsKeepsItsPermissions() throws Exception {
        Path volume = Files.createDirectory(dir.resolve("volume"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        OwnerOnlyFile.create(volume.resolve("sessions.db"));

        assertThat(permissions(volume)).isEqualTo("rwxr-xr-x");
        assertThat(permissions(volume.resolve("sessions.db"))).isEqualTo("rw-------");
    }

    @Test
    void aFileThatExistsIsLeftAsItIs() throws Exception {
        Path file = Files.writeString(dir.resolve("sessions.db"), "kept");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        OwnerOnlyFile.create(file);

        assertThat(Files.readString(file)).isEqualTo("kept");
        assertThat(permissions(file)).isEqualTo("rw-r-----");
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
