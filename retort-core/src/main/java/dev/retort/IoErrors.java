package dev.retort;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * An I/O failure in words, for one-line messages: NIO's file exceptions carry only the path as their
 * message ("Cannot create /proc/x.db: /proc/x.db"), the kind of failure being in the class name.
 */
public final class IoErrors {
    private IoErrors() {
    }

    /** A user-facing failure: {@code "Cannot read /x.sql: not valid UTF-8 (MalformedInputException)"}. */
    public static RetortException failure(String what, IOException e) {
        return new RetortException(what + ": " + describe(e), e);
    }

    /** "permission denied (/path)", "no such file or directory (/path)", the OS's reason, or the message. */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException f) {
            String what = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "no such file or directory"
                    : e instanceof NotDirectoryException ? "not a directory"
                    : e instanceof FileAlreadyExistsException ? "it already exists"
                    : f.getReason() != null ? f.getReason()
                    : e.getClass().getSimpleName();
            if (f.getFile() == null) return what;
            return what + " (" + f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ")";
        }
        if (e instanceof CharacterCodingException) return "not valid UTF-8 (" + e.getClass().getSimpleName() + ")";
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
