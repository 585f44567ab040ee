package org.backtriage.store.sqlite;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.backtriage.store.StoreException;

/**
 * The database's file and the folders above it, created usable by the owner only: the database
 * holds people's answers, and SQLite writes its journal files beside it.
 */
final class OwnerOnlyFile {
    private OwnerOnlyFile() {
    }

    /** Creates the missing folders and an empty file, if absent; what exists already is left as it is. */
    static void create(Path file) {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && posix) {
                // Only the folders made here; one that exists (e.g. a mounted volume) is left as it is.
                Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else if (parent != null) {
                Files.createDirectories(parent);
            }
            if (Files.notExists(file)) {
                try {
                    if (posix) {
                        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    } else {
                        Files.createFile(file);
                    }
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first; fine
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot create database file " + file + ": " + e.getMessage(), e);
        }
    }
}
