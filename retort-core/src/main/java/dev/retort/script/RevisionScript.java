package dev.retort.script;

import dev.retort.graph.RevisionHeader;

import java.nio.file.Path;

/**
 * A revision file as read from disk, without compiling anything.
 *
 * @param header        graph data from the file's header
 * @param kind          Java source, SQL file, or a class found pre-compiled on the classpath
 * @param path          the file (null for classpath revisions)
 * @param transactional false when its statements must run outside a transaction
 * @param checksum      SHA-256 (hex) of the file's bytes, recorded in the history table
 */
public record RevisionScript(RevisionHeader header, Kind kind, Path path, boolean transactional, String checksum) {
    public enum Kind { JAVA, SQL, CLASSPATH }

    public String id() {
        return header.id();
    }
}
