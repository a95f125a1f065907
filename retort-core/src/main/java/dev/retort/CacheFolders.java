package dev.retort;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where Retort keeps what it can make again (compiled Java revisions, the revision index, SQLite's native
 * library): the project's own {@code .retort/cache} when it can be written, else the user's cache. A
 * project on a read-only file system (migrations baked into a container image run as another user, a
 * read-only volume) still runs its Java revisions. A project inside a jar (read through a zip file system) is
 * never written to: its cache is in the user's.
 */
public final class CacheFolders {
    private static final Logger LOG = LoggerFactory.getLogger(CacheFolders.class);

    private CacheFolders() {
    }

    /**
     * The user's cache for Retort: {@code $XDG_CACHE_HOME/retort}, or {@code $HOME/.cache/retort}. {@code $HOME}
     * before the JVM's {@code user.home}, which comes from the password file: a container's user often has no
     * entry there (or {@code /nonexistent}) and a {@code HOME} set for it, as the launcher assumes too.
     */
    public static Path userRoot() {
        return userRoot(System.getenv(), System.getProperty("user.home"));
    }

    static Path userRoot(java.util.Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) return Path.of(xdg, "retort");
        String home = env.get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : userHome, ".cache", "retort");
    }

    /**
     * {@code preferred} if it exists or can be made, and can be written; otherwise a folder standing for it
     * in the user's cache ({@code projects/} and its absolute path); if neither, {@code preferred}, where
     * the write then fails with its usual message.
     */
    public static Path writable(Path preferred) {
        return writable(preferred, userRoot());
    }

    static Path writable(Path preferred, Path userRoot) {
        if (usable(preferred)) return preferred;
        Path standIn = standIn(preferred, userRoot);
        if (usable(standIn)) {
            LOG.debug("{} cannot be written; using {}", preferred, standIn);
            return standIn;
        }
        return preferred;
    }

    /**
     * The folder in the user's cache that stands for {@code preferred} when that cannot be written (made by
     * {@link #writable}; this only names it): for reading back what an earlier run left there.
     */
    public static Path standIn(Path preferred) {
        return standIn(preferred, userRoot());
    }

    static Path standIn(Path preferred, Path userRoot) {
        if (!onDisk(preferred)) {
            // a folder inside a jar (a zip file system): named by the whole URI, jar file and folder
            String uri = preferred.toUri().toString();
            return userRoot.resolve("archives").resolve(Integer.toHexString(uri.hashCode()) + "-" + preferred.getFileName());
        }
        Path standIn = userRoot.resolve("projects");
        for (Path part : preferred.toAbsolutePath().normalize()) standIn = standIn.resolve(part.toString());
        return standIn;
    }

    /** On the default file system: not inside a jar opened as a zip file system, which Retort never writes into. */
    static boolean onDisk(Path p) {
        return p.getFileSystem() == java.nio.file.FileSystems.getDefault();
    }

    private static boolean usable(Path dir) {
        // never into a jar (a project read through a zip file system): it would change the application's jar
        if (!onDisk(dir)) return false;
        try {
            Files.createDirectories(dir);
            return Files.isWritable(dir);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
