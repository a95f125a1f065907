package dev.retort.script;

import dev.retort.IoErrors;
import dev.retort.graph.RevisionHeader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A revision file as read from disk, without compiling anything.
 * <p>
 * (Was a record; now a class with the same accessors so that the checksum can be computed on first
 * use: read-only commands such as {@code heads} never need it.)
 */
public final class RevisionScript {
    public enum Kind { JAVA, SQL, CLASSPATH }

    private final RevisionHeader header;
    private final Kind kind;
    private final Path path;
    private final boolean transactional;
    private final Supplier<String> checksumSource;
    private String checksum;

    /**
     * @param header        graph data from the file's header
     * @param kind          Java source, SQL file, or a class found pre-compiled on the classpath
     * @param path          the file (null for classpath revisions)
     * @param transactional false when its statements must run outside a transaction
     * @param checksum      SHA-256 (hex) of the file's bytes (CRLF/CR read as LF, without a BOM), recorded in the
     *                      history table
     */
    public RevisionScript(RevisionHeader header, Kind kind, Path path, boolean transactional, String checksum) {
        this(header, kind, path, transactional, () -> checksum);
    }

    RevisionScript(RevisionHeader header, Kind kind, Path path, boolean transactional, Supplier<String> checksum) {
        this.header = Objects.requireNonNull(header);
        this.kind = Objects.requireNonNull(kind);
        this.path = path;
        this.transactional = transactional;
        this.checksumSource = checksum;
    }

    /**
     * A file revision whose checksum is the SHA-256 of the file (line ends and a BOM aside, see
     * {@link RevisionChecksums#fileChecksum}), computed when first asked for.
     */
    static RevisionScript ofFile(RevisionHeader header, Kind kind, Path file, boolean transactional) {
        return new RevisionScript(header, kind, file, transactional, () -> {
            try {
                return RevisionChecksums.fileChecksum(file); // as a stream: a data revision is not held whole for it
            } catch (IOException e) {
                throw IoErrors.failure("Cannot read " + file, e);
            }
        });
    }

    public RevisionHeader header() {
        return header;
    }

    public Kind kind() {
        return kind;
    }

    /** The file (null for classpath revisions). */
    public Path path() {
        return path;
    }

    /** False when its statements must run outside a transaction. */
    public boolean transactional() {
        return transactional;
    }

    /**
     * SHA-256 (hex) of the file's bytes, with CRLF/CR read as LF and a leading BOM dropped (of the class file's
     * bytes for classpath revisions), recorded in the history table.
     */
    public String checksum() {
        if (checksum == null) checksum = checksumSource.get();
        return checksum;
    }

    /**
     * Whether a checksum recorded in the history table is this file's: its {@link #checksum()}, or one Retort
     * recorded before it read CRLF as LF, from this file's bytes in any of its checkouts (as they are now, or with
     * CRLF ends and/or a byte-order mark: applied from a Windows checkout then, read from a Linux one now). The
     * file is read again only when the first comparison fails.
     */
    public boolean hasChecksum(String recorded) {
        if (recorded.equals(checksum())) return true;
        if (path == null || kind == Kind.CLASSPATH) return false;
        try {
            return RevisionChecksums.earlierChecksums(path).contains(recorded);
        } catch (IOException e) {
            return false;
        }
    }

    /** The checksum from the bytes just read to run the file, so that it is not read a second time for it. */
    void checksumFrom(byte[] fileBytes) {
        if (checksum == null) checksum = RevisionChecksums.fileChecksum(fileBytes);
    }

    public String id() {
        return header.id();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RevisionScript s && s.header.equals(header) && s.kind == kind
                && Objects.equals(s.path, path) && s.transactional == transactional;
    }

    @Override
    public int hashCode() {
        return Objects.hash(header, kind, path, transactional);
    }

    @Override
    public String toString() {
        return "RevisionScript[" + kind + " " + header.id() + (path == null ? "" : " " + path) + "]";
    }
}
