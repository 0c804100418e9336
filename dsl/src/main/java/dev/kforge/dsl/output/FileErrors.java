package dev.kforge.dsl.output;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** File-system errors told with their reason: Java's message is only the path for most of them. */
public final class FileErrors {
    private FileErrors() {
    }

    /** {@code permission denied: /out/.dev.123.new}, {@code File name too long: ...}. */
    public static String describe(IOException e) {
        String reason = e instanceof FileSystemException failure && failure.getReason() != null ? failure.getReason()
                : e instanceof AccessDeniedException ? "permission denied"
                : e instanceof NoSuchFileException ? "no such file or folder"
                : e instanceof FileAlreadyExistsException ? "already exists"
                : e instanceof NotDirectoryException ? "not a folder"
                : e instanceof DirectoryNotEmptyException ? "folder not empty"
                : e.getClass().getSimpleName();
        String subject = e instanceof FileSystemException failure
                ? failure.getFile() + (failure.getOtherFile() == null ? "" : " -> " + failure.getOtherFile())
                : e.getMessage();
        return reason + (subject == null ? "" : ": " + subject);
    }
}
