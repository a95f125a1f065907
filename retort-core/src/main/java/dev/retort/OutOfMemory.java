package dev.retort;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An {@link OutOfMemoryError} in words (t42-2): what ran out, the heap's size, and how to raise it, as one line
 * rather than the JVM's stack trace.
 */
public final class OutOfMemory {
    private OutOfMemory() {
    }

    /** "the Java heap (max 256 MB) is too small: raise it with -Xmx (for the retort command, e.g. RETORT_JAVA_OPTS=-Xmx1g)". */
    public static String advice() {
        return advice(0);
    }

    /** {@link #advice()}, suggesting a heap of at least {@code needed} bytes (and at least twice the present one). */
    static String advice(long needed) {
        long max = Runtime.getRuntime().maxMemory();
        String size = max == Long.MAX_VALUE ? "" : " (max " + (max >> 20) + " MB)";
        long mb = Math.max(1024, Math.max(needed >> 20, max == Long.MAX_VALUE ? 0 : (max >> 20) * 2));
        long suggest = Long.highestOneBit(mb) == mb ? mb : Long.highestOneBit(mb) * 2; // a round number: 1g, 2g, 4g
        String g = suggest % 1024 == 0 ? (suggest / 1024) + "g" : suggest + "m";
        return "the Java heap" + size + " is too small: raise it with -Xmx (for the retort command, e.g."
                + " RETORT_JAVA_OPTS=-Xmx" + g + ")";
    }

    /** The heap ran out while reading {@code file}: its name and size, and {@link #advice}. */
    public static RetortException reading(Path file, OutOfMemoryError e) {
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (java.io.IOException | RuntimeException unreadable) {
            bytes = -1;
        }
        // a SQL revision that runs needs about three times its size (docs/revision-files.md): four, with the rest
        return new RetortException("Out of memory reading " + file + (bytes < 0 ? "" : " (" + (bytes >> 20) + " MB)")
                + ": " + advice(4 * Math.max(bytes, 0)), e);
    }
}
